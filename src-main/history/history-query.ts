import type { SQLInputValue } from 'node:sqlite';
import type { RunQuery, RunStatus, RunSummary } from '../../src-shared/runs.ts';
import { parseTextFilter } from './history-search.ts';

/** Rows per list() page when the query does not say. */
export const DEFAULT_LIST_LIMIT = 100;
/** Largest page list() returns, so one console request cannot pull the whole history. */
export const MAX_LIST_LIMIT = 1000;

/** SQL and its parameters. */
export interface SqlQuery {
  sql: string;
  params: SQLInputValue[];
}

interface RunFilter {
  /** FTS5 MATCH expression, when the text has a term long enough for the trigram index. */
  match?: string;
  /** Conditions over `runs r`, ANDed. */
  conditions: string[];
  params: SQLInputValue[];
}

function buildRunFilter(query: RunQuery): RunFilter {
  const conditions: string[] = [];
  const params: SQLInputValue[] = [];
  if (query.workflow !== undefined) {
    conditions.push('r.workflow = ?');
    params.push(query.workflow);
  }
  if (query.status !== undefined) {
    conditions.push('r.status = ?');
    params.push(query.status);
  }
  if (query.before !== undefined) {
    // seq is the list order: the page after a run is every run with a smaller seq.
    conditions.push('r.seq < (SELECT seq FROM runs WHERE id = ?)');
    params.push(query.before);
  }
  // Start times are stored as toISOString() text, so text order is time order.
  if (query.since !== undefined) {
    conditions.push('r.start_time >= ?');
    params.push(new Date(query.since).toISOString());
  }
  if (query.until !== undefined) {
    conditions.push('r.start_time < ?');
    params.push(new Date(query.until).toISOString());
  }
  const text = query.text?.trim() ? parseTextFilter(query.text) : { match: undefined, likes: [] };
  for (const like of text.likes) {
    conditions.push(
      "(r.id LIKE ? ESCAPE '\\' OR r.url LIKE ? ESCAPE '\\' OR r.workflow LIKE ? ESCAPE '\\' OR r.trigger LIKE ? ESCAPE '\\' OR r.error_code LIKE ? ESCAPE '\\')",
    );
    params.push(like, like, like, like, like);
  }
  return { match: text.match, conditions, params };
}

/**
 * The FROM/WHERE part. With text, the FTS5 table drives: it yields rowids newest first
 * (rowid = seq = the list order), each joined to its row by rowid and checked against the
 * other filters, so a page of a common word stops after LIMIT matches. Without text,
 * SQLite walks the rowid or the workflow/status index backwards, which is the same order.
 */
function fromWhere(filter: RunFilter): SqlQuery {
  const conditions = filter.match === undefined ? filter.conditions : ['runs_fts MATCH ?', ...filter.conditions];
  const params = filter.match === undefined ? filter.params : [filter.match, ...filter.params];
  const from = filter.match === undefined ? 'runs r' : 'runs_fts f JOIN runs r ON r.seq = f.rowid';
  return { sql: `FROM ${from}${conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : ''}`, params };
}

/** list(): summaries, newest first, one page. */
export function buildListSql(query: RunQuery): SqlQuery {
  const filter = buildRunFilter(query);
  const { sql, params } = fromWhere(filter);
  const order = filter.match === undefined ? 'r.seq' : 'f.rowid';
  return { sql: `SELECT ${SUMMARY_COLUMNS} ${sql} ORDER BY ${order} DESC LIMIT ? OFFSET ?`, params: [...params, pageLimit(query.limit), pageOffset(query.offset)] };
}

/** count(): how many runs match (limit and offset ignored). */
export function buildCountSql(query: RunQuery): SqlQuery {
  const filter = buildRunFilter(query);
  // Text alone: the FTS5 table answers by itself, no row lookups (both always hold the same runs).
  if (filter.match !== undefined && filter.conditions.length === 0) return { sql: 'SELECT count(*) AS n FROM runs_fts WHERE runs_fts MATCH ?', params: [filter.match] };
  const { sql, params } = fromWhere(filter);
  return { sql: `SELECT count(*) AS n ${sql}`, params };
}

/** Clamps a page size to 0..MAX_LIST_LIMIT, defaulting to DEFAULT_LIST_LIMIT. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIST_LIMIT;
  return Math.min(Math.max(Math.trunc(limit), 0), MAX_LIST_LIMIT);
}

/** Clamps an offset to a non-negative integer. */
export function pageOffset(offset: number | undefined): number {
  if (offset === undefined || !Number.isFinite(offset)) return 0;
  return Math.max(Math.trunc(offset), 0);
}

/** The columns list() selects, in the order rowToSummary reads them. */
export const SUMMARY_COLUMNS = 'r.id, r.workflow, r.trigger, r.status, r.method, r.url, r.response_status, r.error_code, r.start_time, r.duration_ms';

/** Turns a `runs` row into the summary the console lists; absent values are left out, not null. */
export function rowToSummary(row: Record<string, SQLInputValue>): RunSummary {
  const summary: RunSummary = {
    id: row.id as string,
    workflow: row.workflow as string,
    trigger: row.trigger as string,
    status: row.status as RunStatus,
    method: row.method as string,
    url: row.url as string,
    startTime: row.start_time as string,
  };
  if (row.response_status !== null) summary.responseStatus = Number(row.response_status);
  if (row.error_code !== null) summary.errorCode = row.error_code as string;
  if (row.duration_ms !== null) summary.durationMs = Number(row.duration_ms);
  return summary;
}
