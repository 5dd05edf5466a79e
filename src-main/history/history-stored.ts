import type { RunRecord } from '../../src-shared/runs.ts';
import { BODY_CAPTURE_LIMIT } from '../runtime/body-capture.ts';
import { HistoryError } from './history-error.ts';
import { packRunRecord } from './record-packing.ts';
import { searchTextOf } from './history-search.ts';

/**
 * A run ready for the writer thread: summary columns, the whole record as JSON, and its
 * search text. Built on the main thread (one JSON.stringify), so the writer only runs SQL.
 */
export interface StoredRun {
  id: string;
  workflow: string;
  trigger: string;
  status: string;
  method: string;
  url: string;
  responseStatus: number | null;
  errorCode: string | null;
  startTime: string;
  /** Start time in epoch milliseconds: the sort key (see `seq` in history-schema.ts). */
  startMs: number;
  durationMs: number | null;
  json: string;
  text: string;
}

/**
 * Latest start time the sort key can hold: `seq = startMs * 1024 + slot` must stay a safe
 * integer (2^53) so JavaScript reads it exactly. That is the year 2248.
 */
const MAX_START_MS = Math.floor(Number.MAX_SAFE_INTEGER / 1024) - 1;

/**
 * Turns a run into the columns the writer stores. A run that cannot be serialised (a value
 * an action built too deep for JSON.stringify, say) is stored as its stub: one bad run
 * never stops its batch, the other runs of it, or the process (docs/history.md, Limits).
 */
export function toStoredRun(run: RunRecord, recordValueBytes = BODY_CAPTURE_LIMIT): StoredRun {
  try {
    return storedColumns(run, recordValueBytes);
  } catch (error) {
    return storedColumns(runStub(run, error), recordValueBytes);
  }
}

/**
 * What is kept of a run whose record cannot be stored: its summary, its request line and
 * the reason, with the code `RunNotRecorded`.
 */
export function runStub(run: RunRecord, error: unknown): RunRecord {
  const reason = error instanceof Error ? error.message : String(error);
  const stub: RunRecord = {
    id: run.id,
    workflow: run.workflow,
    trigger: run.trigger,
    status: run.status,
    startTime: run.startTime,
    correlationId: typeof run.correlationId === 'string' ? run.correlationId : '',
    request: { method: run.request.method, url: run.request.url, headers: {}, body: { size: run.request.body?.size ?? 0 }, remoteAddress: String(run.request.remoteAddress ?? ''), httpVersion: String(run.request.httpVersion ?? '') },
    actions: [],
    error: { code: 'RunNotRecorded', message: `Only a summary of this run was kept: its record could not be stored (${reason}).${run.error ? ` The run's own error was ${run.error.code}: ${run.error.message}` : ''}` },
  };
  if (typeof run.endTime === 'string') stub.endTime = run.endTime;
  if (typeof run.durationMs === 'number') stub.durationMs = run.durationMs;
  if (run.response) stub.response = { status: run.response.status, headers: {}, body: { size: run.response.body?.size ?? 0 } };
  return stub;
}

function storedColumns(run: RunRecord, recordValueBytes: number): StoredRun {
  return {
    id: run.id,
    workflow: run.workflow,
    trigger: run.trigger,
    status: run.status,
    method: run.request.method,
    url: run.request.url,
    responseStatus: run.response?.status ?? null,
    errorCode: run.error?.code ?? null,
    startTime: run.startTime,
    startMs: Date.parse(run.startTime),
    durationMs: run.durationMs ?? null,
    // Repeats as references and every value bounded (record-packing.ts, docs/history.md).
    json: JSON.stringify(packRunRecord(run, recordValueBytes)),
    text: searchTextOf(run),
  };
}

/**
 * Checks what the store relies on, at record() time, so a bad record fails in the
 * caller's stack (with the field named) and not later inside a batch.
 */
export function validateRunRecord(run: RunRecord, file: string): void {
  const problem = recordProblem(run);
  if (problem) throw new HistoryError('InvalidRunRecord', `Cannot record run ${JSON.stringify(run?.id)}: ${problem}.`, file);
}

function recordProblem(run: RunRecord): string | undefined {
  if (typeof run !== 'object' || run === null) return 'the record is not an object';
  for (const key of ['id', 'workflow', 'trigger', 'status', 'startTime'] as const) {
    if (typeof run[key] !== 'string' || run[key] === '') return `\`${key}\` must be a non-empty string`;
  }
  const startMs = Date.parse(run.startTime);
  if (Number.isNaN(startMs)) return `\`startTime\` ${JSON.stringify(run.startTime)} is not an ISO 8601 date-time`;
  if (Math.abs(startMs) > MAX_START_MS) return `\`startTime\` ${JSON.stringify(run.startTime)} is out of range (years before 1692 or after 2248)`;
  if (typeof run.request !== 'object' || run.request === null) return '`request` is missing';
  if (typeof run.request.method !== 'string' || typeof run.request.url !== 'string') return '`request.method` and `request.url` must be strings';
  return undefined;
}
