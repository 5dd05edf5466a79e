/**
 * URL helpers for the pure conversions: src-shared has no DOM or Node globals (URL,
 * URLSearchParams), so URLs are split with the generic syntax of RFC 3986.
 */

/** An absolute or path-only URL split into its parts; `search` has no leading `?`. */
export interface UrlParts {
  /** `https://host:port`, or '' for a path-only URL. */
  origin: string;
  hostname: string;
  /** Still percent-encoded. */
  pathname: string;
  search: string;
}

const ABSOLUTE = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/;
const RELATIVE = /^([^?#]*)(?:\?([^#]*))?(?:#.*)?$/;

/** Splits a URL; undefined when it is not an absolute URL and `allowPath` is false. */
export function splitUrl(url: string, allowPath = false): UrlParts | undefined {
  const absolute = ABSOLUTE.exec(url);
  if (absolute) {
    const authority = absolute[2]!.replace(/^.*@/, '');
    const hostname = authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.replace(/:\d*$/, '');
    if (!hostname) return undefined;
    return { origin: `${absolute[1]}${authority}`.replace(/^[A-Za-z]+/, (s) => s.toLowerCase()), hostname, pathname: absolute[3] || '/', search: absolute[4] ?? '' };
  }
  if (!allowPath) return undefined;
  const relative = RELATIVE.exec(url)!;
  return { origin: '', hostname: '', pathname: relative[1]!, search: relative[2] ?? '' };
}

function decodeQueryPart(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    // A lone '%' (a user still typing, or a hand-written URL): keep it as written rather than fail.
    return text;
  }
}

/** Parses a query string (no leading `?`) into decoded name/value pairs, in order (as URLSearchParams does). */
export function parseQuery(search: string): [string, string][] {
  return search
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? [decodeQueryPart(pair), ''] : [decodeQueryPart(pair.slice(0, eq)), decodeQueryPart(pair.slice(eq + 1))];
    });
}

/** Removes the named parameters (case-insensitive) from a raw query string, keeping the others byte for byte. */
export function dropQueryParameters(search: string, names: readonly string[]): string {
  return search
    .split('&')
    .filter((pair) => pair !== '' && !names.includes(decodeQueryPart(pair.split('=')[0]!).toLowerCase()))
    .join('&');
}

/** A deep copy of a JSON value. */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
