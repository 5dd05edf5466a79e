import type { BodyCapture, RunRecord } from '../../src-shared/runs.ts';

/**
 * How much of each body's text goes into the search index. Bodies are kept whole (up to
 * the recorder's 1 MiB cap) in the record; indexing all of it would make the trigram
 * index several times the size of the data for little gain.
 */
export const INDEXED_BODY_CHARS = 64 * 1024;

/** Query parameters every callback URL carries; indexing them would only bloat the index. */
const BOILERPLATE_PARAMS = /([?&])(api-version|sp|sv|sig)=[^&]*/g;

/** The URL as indexed: the same, minus the callback boilerplate (`api-version`, `sp`, `sv`, `sig`). */
export function indexedUrl(url: string): string {
  return url.replace(BOILERPLATE_PARAMS, '$1').replace(/[?&]+$/, '').replace(/([?&])&+/g, '$1');
}

/** Headers on (nearly) every call, left out of the search text: they would find every run. */
const UNSEARCHED_HEADERS = new Set(['host', 'content-length', 'connection', 'accept-encoding', 'date', 'transfer-encoding', 'expires', 'cache-control', 'pragma']);

/** Trigram FTS5 matches only terms of three characters or more. */
const MIN_INDEXED_TERM = 3;

function bodyText(body: BodyCapture | undefined): string {
  return body?.text ? body.text.slice(0, INDEXED_BODY_CHARS) : '';
}

/**
 * The text a run is found by (`RunQuery.text`): id, URL, workflow and trigger, error
 * codes and messages (the run's and its actions'), correlation and client tracking ids,
 * and the start of the request and response bodies.
 */
export function searchTextOf(run: RunRecord): string {
  // Each part once, lower-cased as it is added with the same rule as the search words
  // (parseTextFilter), so checking a candidate run is a plain substring test in SQL
  // (history-query.ts). A search word never holds whitespace, so it matches inside one
  // part and a repeated part (the client tracking id that is the run id, a response
  // echoing the request body) finds nothing more; every indexed character costs trigram
  // inserts. (includes() compares, a Set would hash every body string.)
  const parts: string[] = [];
  const add = (part: string | undefined): void => {
    const lower = part?.toLowerCase();
    if (lower && !parts.includes(lower)) parts.push(lower);
  };
  for (const part of [run.id, run.workflow, run.trigger, run.status, run.request.method, indexedUrl(run.request.url), run.correlationId, run.clientTrackingId]) add(part);
  for (const error of [run.error, ...(run.actions ?? []).map((action) => action.error)]) {
    add(error?.code);
    add(error?.message);
  }
  if (run.response) add(String(run.response.status));
  // Header values (X-Id, x-ms-client-tracking-id...) as `name: value`, minus the ones
  // every call carries and the ones whose value is indexed already: the runtime's own
  // x-ms-* headers repeat the run id, the correlation id and the workflow name, which were
  // half of a typical run's text (docs/history.md, "Search text").
  for (const headers of [run.request.headers, run.response?.headers]) {
    for (const [name, value] of Object.entries(headers ?? {})) {
      if (!UNSEARCHED_HEADERS.has(name.toLowerCase()) && !parts.includes(String(value).toLowerCase())) add(`${name}: ${value}`);
    }
  }
  add(bodyText(run.request.body));
  add(bodyText(run.response?.body));
  return parts.join('\n');
}

/** A parsed free-text filter: index lookups and exact checks for the long terms, LIKE patterns for the short ones. */
export interface TextFilter {
  /**
   * FTS5 MATCH expression for the position-less index (schema v6): some trigrams of every
   * long term, each a quoted phrase (so `"`, `*`, `AND` are literal), all required. It
   * finds candidates only; `terms` decides.
   */
  match?: string;
  /** The long terms, lower-cased: a run matches when its search text holds each one. */
  terms: string[];
  /** FTS5 MATCH expression for the pre-v6 index (with positions), whole terms as phrases. */
  legacyMatch?: string;
  /** `%term%` LIKE patterns (with `\` escapes) for terms too short for the trigram index. */
  likes: string[];
}

const quoted = (text: string): string => `"${text.replaceAll('"', '""')}"`;

/**
 * Trigrams of a term that cover all of it: one every three characters, plus the last.
 * Any run holding the term holds them all, and fewer lists to intersect than every trigram.
 */
function coveringTrigrams(term: string): string[] {
  const chars = [...term];
  const trigrams = new Set<string>();
  for (let i = 0; i + MIN_INDEXED_TERM <= chars.length; i += MIN_INDEXED_TERM) trigrams.add(chars.slice(i, i + MIN_INDEXED_TERM).join(''));
  trigrams.add(chars.slice(-MIN_INDEXED_TERM).join(''));
  return [...trigrams];
}

/**
 * Splits free text on whitespace; every term must match (AND), case-insensitively. Terms
 * of three characters or more use the trigram index (anywhere in the indexed text);
 * shorter ones can only be matched against the summary columns (id, URL, workflow,
 * trigger, error code).
 */
export function parseTextFilter(text: string): TextFilter {
  const terms = text.split(/\s+/).filter(Boolean);
  const long = terms.filter((term) => [...term].length >= MIN_INDEXED_TERM).map((term) => term.toLowerCase());
  const short = terms.filter((term) => [...term].length < MIN_INDEXED_TERM);
  return {
    match: long.length > 0 ? [...new Set(long.flatMap(coveringTrigrams))].map(quoted).join(' AND ') : undefined,
    terms: long,
    legacyMatch: long.length > 0 ? long.map(quoted).join(' AND ') : undefined,
    likes: short.map((term) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
  };
}
