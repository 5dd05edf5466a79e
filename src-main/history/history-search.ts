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
  const parts: string[] = [run.id, run.workflow, run.trigger, run.status, run.request.method, indexedUrl(run.request.url), run.correlationId];
  if (run.clientTrackingId) parts.push(run.clientTrackingId);
  if (run.error) parts.push(run.error.code, run.error.message);
  if (run.response) parts.push(String(run.response.status));
  for (const action of run.actions ?? []) if (action.error) parts.push(action.error.code, action.error.message);
  // Header values (X-Id, x-ms-client-tracking-id...), minus the ones every call carries.
  for (const [name, value] of Object.entries(run.request.headers ?? {})) if (!UNSEARCHED_HEADERS.has(name.toLowerCase())) parts.push(`${name}: ${value}`);
  for (const [name, value] of Object.entries(run.response?.headers ?? {})) if (!UNSEARCHED_HEADERS.has(name.toLowerCase())) parts.push(`${name}: ${value}`);
  parts.push(bodyText(run.request.body), bodyText(run.response?.body));
  // Each part once: a search word never holds whitespace, so it matches inside one part
  // and a repeated part (the client tracking id that is the run id, a response echoing
  // the request body) finds nothing more. Every indexed character costs trigram inserts.
  // (includes() compares, a Set would hash every body string.)
  const unique: string[] = [];
  for (const part of parts) if (part && !unique.includes(part)) unique.push(part);
  return unique.join('\n');
}

/** A parsed free-text filter: an FTS5 query for the long terms, LIKE patterns for the short ones. */
export interface TextFilter {
  /** FTS5 MATCH expression, every term a quoted phrase (so `"`, `*`, `AND` are literal), all required. */
  match?: string;
  /** `%term%` LIKE patterns (with `\` escapes) for terms too short for the trigram index. */
  likes: string[];
}

/**
 * Splits free text on whitespace; every term must match (AND). Terms of three characters
 * or more use the trigram index (anywhere in the indexed text); shorter ones can only be
 * matched against the summary columns (id, URL, workflow, trigger, error code).
 */
export function parseTextFilter(text: string): TextFilter {
  const terms = text.split(/\s+/).filter(Boolean);
  const long = terms.filter((term) => [...term].length >= MIN_INDEXED_TERM);
  const short = terms.filter((term) => [...term].length < MIN_INDEXED_TERM);
  return {
    match: long.length > 0 ? long.map((term) => `"${term.replaceAll('"', '""')}"`).join(' AND ') : undefined,
    likes: short.map((term) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
  };
}
