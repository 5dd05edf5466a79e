import type { SQLInputValue } from 'node:sqlite';
import type { RunRecord } from '../../src-shared/runs.ts';
import { HistoryError } from './history-error.ts';
import { searchTextOf } from './history-search.ts';
import type { Database } from './sqlite.ts';

/** The statements that change the history; all must run inside the caller's transaction. */
export interface HistoryWriter {
  /** Inserts or replaces one run (summary row, JSON record, search text). */
  upsert(run: RunRecord): void;
  /** Deletes the runs matching a WHERE clause over `runs`, from all three tables; returns how many. */
  deleteWhere(where: string, params: SQLInputValue[]): number;
  /** Deletes every run, cheaply (no per-row work); returns how many there were. */
  deleteAll(): number;
}

/** Prepares the write statements once per handle. */
export function createHistoryWriter(db: Database): HistoryWriter {
  const upsertRun = db.prepare(`
    INSERT INTO runs (id, workflow, trigger, status, method, url, response_status, error_code, start_time, start_ms, duration_ms)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET
      workflow = excluded.workflow, trigger = excluded.trigger, status = excluded.status,
      method = excluded.method, url = excluded.url, response_status = excluded.response_status,
      error_code = excluded.error_code, start_time = excluded.start_time, start_ms = excluded.start_ms,
      duration_ms = excluded.duration_ms
    RETURNING seq`);
  const putData = db.prepare('INSERT OR REPLACE INTO run_data (seq, record) VALUES (?, ?)');
  // contentless_delete=1 is what allows REPLACE on a contentless FTS5 table.
  const putText = db.prepare('INSERT OR REPLACE INTO runs_fts (rowid, body) VALUES (?, ?)');
  const countAll = db.prepare('SELECT count(*) AS n FROM runs');

  return {
    upsert(run) {
      const row = upsertRun.get(
        run.id,
        run.workflow,
        run.trigger,
        run.status,
        run.request.method,
        run.request.url,
        run.response?.status ?? null,
        run.error?.code ?? null,
        run.startTime,
        startMs(run),
        run.durationMs ?? null,
      ) as { seq: number };
      putData.run(row.seq, JSON.stringify(run));
      putText.run(row.seq, searchTextOf(run));
    },
    deleteWhere(where, params) {
      // Children first: the subquery reads `runs`, which must still hold the rows.
      db.prepare(`DELETE FROM runs_fts WHERE rowid IN (SELECT seq FROM runs ${where})`).run(...params);
      db.prepare(`DELETE FROM run_data WHERE seq IN (SELECT seq FROM runs ${where})`).run(...params);
      return Number(db.prepare(`DELETE FROM runs ${where}`).run(...params).changes);
    },
    deleteAll() {
      const n = Number((countAll.get() as { n: number }).n);
      // 'delete-all' empties a contentless FTS5 table at once; plain DELETEs without
      // a WHERE use SQLite's truncate path.
      db.exec("INSERT INTO runs_fts (runs_fts) VALUES ('delete-all'); DELETE FROM run_data; DELETE FROM runs;");
      return n;
    },
  };
}

/** The sort key of a run: its start time in epoch milliseconds. */
export function startMs(run: RunRecord): number {
  return Date.parse(run.startTime);
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
  if (Number.isNaN(startMs(run))) return `\`startTime\` ${JSON.stringify(run.startTime)} is not an ISO 8601 date-time`;
  if (typeof run.request !== 'object' || run.request === null) return '`request` is missing';
  if (typeof run.request.method !== 'string' || typeof run.request.url !== 'string') return '`request.method` and `request.url` must be strings';
  return undefined;
}
