import { parseQuery as parseQueryString } from '../../src-shared/exchange/url-parts.ts';

/** One row of a key/value table (query params, headers, form fields). */
export interface KeyValueRow {
  id: string;
  enabled: boolean;
  key: string;
  value: string;
}

let nextRowId = 0;

/** A fresh row id, unique for this page (React keys and row edits). */
export function rowId(): string {
  nextRowId += 1;
  return `r${nextRowId}`;
}

/** Creates an enabled row. */
export function row(key: string, value: string, enabled = true): KeyValueRow {
  return { id: rowId(), enabled, key, value };
}


/** Splits a URL into the part before `?`, the query string and the `#fragment`. */
export function splitUrl(url: string): { base: string; query: string | undefined; hash: string } {
  const hashAt = url.indexOf('#');
  const hash = hashAt === -1 ? '' : url.slice(hashAt);
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  if (queryAt === -1) return { base: beforeHash, query: undefined, hash };
  return { base: beforeHash.slice(0, queryAt), query: beforeHash.slice(queryAt + 1), hash };
}

/** The query parameters of a URL, decoded, in order (names may repeat). */
export function parseQuery(url: string): [string, string][] {
  return parseQueryString(splitUrl(url).query ?? '');
}

function encode(text: string): string {
  // encodeURIComponent, but keep the characters that read well and are safe in a query.
  return encodeURIComponent(text).replace(/%2C/gi, ',').replace(/%3A/gi, ':').replace(/%40/gi, '@');
}

/** Rebuilds `url` with the given query pairs (drops the `?` when there are none). */
export function withQuery(url: string, pairs: readonly [string, string][]): string {
  const { base, hash } = splitUrl(url);
  if (pairs.length === 0) return base + hash;
  const query = pairs.map(([k, v]) => (v === '' && k !== '' ? encode(k) + '=' : `${encode(k)}=${encode(v)}`)).join('&');
  return `${base}?${query}${hash}`;
}

/**
 * Rows for a new URL: its query pairs as enabled rows, reusing the ids of rows in the
 * same position (so focus stays in the cell being edited), and keeping the disabled
 * rows, which are not in the URL (Postman's behaviour).
 */
export function rowsFromUrl(url: string, previous: readonly KeyValueRow[]): KeyValueRow[] {
  const enabledBefore = previous.filter((r) => r.enabled);
  const rows = parseQuery(url).map(([key, value], i) => ({ id: enabledBefore[i]?.id ?? rowId(), enabled: true, key, value }));
  return [...rows, ...previous.filter((r) => !r.enabled)];
}

/** The URL that the enabled rows describe. */
export function urlFromRows(url: string, rows: readonly KeyValueRow[]): string {
  return withQuery(
    url,
    rows.filter((r) => r.enabled && (r.key !== '' || r.value !== '')).map((r) => [r.key, r.value] as [string, string]),
  );
}
