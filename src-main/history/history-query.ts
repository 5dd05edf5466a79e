import type { SQLInputValue } from 'node:sqlite';
import type { RunQuery, RunStatus, RunSummary } from '../../src-shared/runs.ts';
import { parseTextFilter, type TextFilter } from './history-search.ts';

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
  /** The long terms' index lookups and exact checks, when the text has any (history-search.ts). */
  text?: TextFilter;
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
  const text: TextFilter = query.text?.trim() ? parseTextFilter(query.text) : { terms: [], likes: [] };
  for (const like of text.likes) {
    conditions.push(
      "(r.id LIKE ? ESCAPE '\\' OR r.url LIKE ? ESCAPE '\\' OR r.workflow LIKE ? ESCAPE '\\' OR r.trigger LIKE ? ESCAPE '\\' OR r.error_code LIKE ? ESCAPE '\\')",
    );
    params.push(like, like, like, like, like);
  }
  return { text: text.match === undefined ? undefined : text, conditions, params };
}

/** Where a search reads: the index's generations, and the pre-v6 index while runs wait to be re-indexed. */
export interface TextSources {
  /** The search index's generations (schema v7), by table name. */
  generations: string[];
  /** True while the background rebuild runs (schema v6): runs without run_text are looked up in runs_fts_v5. */
  legacy: boolean;
}

/**
 * The runs whose text holds every long term and that pass the other filters, as `seq`:
 * one SELECT per index generation (and the old index while it is read), joined with
 * UNION. Each yields its runs newest first straight from FTS5 (rowid = seq = the list
 * order), so SQLite merges them in order and a page of a common word stops after LIMIT
 * matches; UNION also drops a run found in two of them. The index has no positions
 * (schema v6), so it gives the runs holding some trigrams of each term, and each is
 * checked against its stored (lower-cased) search text: results are exact substring
 * matches, and the entry of a run retention deleted (kept until its generation goes,
 * schema v7) has no text to pass. The old index's phrase queries are exact by themselves;
 * it may still hold deleted runs, so its candidates are looked up in `runs`.
 */
function textMatches(filter: RunFilter, sourcesNow: () => TextSources): SqlQuery {
  const text = filter.text!;
  const sources = sourcesNow();
  const checks = text.terms.map(() => ' AND instr(t.text, ?) > 0').join('');
  const conditions = filter.conditions.map((condition) => ` AND ${condition}`).join('');
  const arms: string[] = [];
  const params: SQLInputValue[] = [];
  for (const table of sources.generations) {
    const runs = conditions ? ' JOIN runs r ON r.seq = f.rowid' : '';
    arms.push(`SELECT f.rowid AS seq FROM ${table} f JOIN run_text t ON t.seq = f.rowid${runs} WHERE ${table} MATCH ?${checks}${conditions}`);
    params.push(text.match!, ...text.terms, ...filter.params);
  }
  if (sources.legacy) {
    arms.push(`SELECT o.rowid AS seq FROM runs_fts_v5 o JOIN runs r ON r.seq = o.rowid WHERE runs_fts_v5 MATCH ? AND NOT EXISTS (SELECT 1 FROM run_text WHERE seq = o.rowid)${conditions}`);
    params.push(text.legacyMatch!, ...filter.params);
  }
  if (arms.length === 0) arms.push('SELECT NULL AS seq WHERE 0');
  return { sql: arms.join(' UNION '), params };
}

/** The filters over `runs r` as a WHERE clause ('' when there are none). */
function whereClause(filter: RunFilter): string {
  return filter.conditions.length > 0 ? ` WHERE ${filter.conditions.join(' AND ')}` : '';
}

/** list(): summaries, newest first, one page. `sources` is asked only when the query has text. */
export function buildListSql(query: RunQuery, sources: () => TextSources): SqlQuery {
  const filter = buildRunFilter(query);
  const page = [pageLimit(query.limit), pageOffset(query.offset)];
  if (filter.text === undefined) {
    // SQLite walks the rowid or the workflow/status index backwards, which is the list order.
    return { sql: `SELECT ${SUMMARY_COLUMNS} FROM runs r${whereClause(filter)} ORDER BY r.seq DESC LIMIT ? OFFSET ?`, params: [...filter.params, ...page] };
  }
  const matches = textMatches(filter, sources);
  return {
    sql: `SELECT ${SUMMARY_COLUMNS} FROM (${matches.sql} ORDER BY 1 DESC LIMIT ? OFFSET ?) m JOIN runs r ON r.seq = m.seq ORDER BY m.seq DESC`,
    params: [...matches.params, ...page],
  };
}

/** count(): how many runs match (limit and offset ignored). */
export function buildCountSql(query: RunQuery, sources: () => TextSources): SqlQuery {
  const filter = buildRunFilter(query);
  if (filter.text === undefined) return { sql: `SELECT count(*) AS n FROM runs r${whereClause(filter)}`, params: filter.params };
  const matches = textMatches(filter, sources);
  return { sql: `SELECT count(*) AS n FROM (${matches.sql})`, params: matches.params };
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
