import type { SQLInputValue } from 'node:sqlite';
import type { RunQuery, RunStatus, RunSummary } from '../../src-shared/runs.ts';
import { parseTextFilter } from './history-search.ts';

/** Rows per list() page when the query does not say. */
export const DEFAULT_LIST_LIMIT = 100;
/** Largest page list() returns, so one console request cannot pull the whole history. */
export const MAX_LIST_LIMIT = 1000;

/** A WHERE clause (possibly empty) and its parameters, over `runs r`. */
export interface RunFilter {
  where: string;
  params: SQLInputValue[];
}

/** Builds the WHERE clause for a query's workflow, status and text filters. */
export function buildRunFilter(query: RunQuery): RunFilter {
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
  if (query.text !== undefined && query.text.trim() !== '') {
    const text = parseTextFilter(query.text);
    if (text.match !== undefined) {
      conditions.push('r.seq IN (SELECT rowid FROM runs_fts WHERE runs_fts MATCH ?)');
      params.push(text.match);
    }
    for (const like of text.likes) {
      conditions.push(
        "(r.id LIKE ? ESCAPE '\\' OR r.url LIKE ? ESCAPE '\\' OR r.workflow LIKE ? ESCAPE '\\' OR r.trigger LIKE ? ESCAPE '\\' OR r.error_code LIKE ? ESCAPE '\\')",
      );
      params.push(like, like, like, like, like);
    }
  }
  return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
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
