import { join } from 'node:path';
import type { RunQuery, RunRecord, RunSummary } from '../../src-shared/runs.ts';
import { HistoryError } from './history-error.ts';
import { buildRunFilter, pageLimit, pageOffset, rowToSummary, SUMMARY_COLUMNS } from './history-query.ts';
import { applyRetention, resolveRetention, type Retention } from './history-retention.ts';
import { openHistoryDatabase } from './history-schema.ts';
import { createHistoryWriter, validateRunRecord } from './history-write.ts';
import type { Database, Statement } from './sqlite.ts';

/** The history file's name inside the data folder. */
export const HISTORY_FILE_NAME = 'history.sqlite';

/** Delay before a failed batch is tried again (disk full, file locked past the busy timeout). */
const RETRY_MS = 1000;

/** Runs held in memory while writes fail; beyond this the oldest are dropped (and reported). */
const MAX_PENDING = 10_000;

/** Options of openRunHistory. */
export interface HistoryOptions {
  retention?: Retention;
  /** Receives background write failures; default: one line on stderr. Runs stay queued and are retried. */
  onError?: (error: HistoryError) => void;
}

/** What changed in one committed batch (or delete/clear), for the live console. */
export interface HistoryChange {
  /** Runs recorded or updated. */
  ids: string[];
  /** Runs deleted (by retention, delete or clear); when above 0, reload the list. */
  removed: number;
}

/** The run history: an embedded SQLite store of every recorded run. */
export interface RunHistory {
  /** Path of the database file. */
  readonly file: string;
  /** Queues a run for writing (upsert by id); returns at once, the write happens in the next batch. */
  record(run: RunRecord): void;
  /** Writes what is queued now, synchronously. */
  flush(): void;
  /** Summaries, newest first (start time, then id), filtered by workflow, status and text. */
  list(query?: RunQuery): RunSummary[];
  /** How many runs match the query's filters (limit and offset ignored). */
  count(query?: RunQuery): number;
  /** The full record of one run. */
  get(id: string): RunRecord | undefined;
  /** Deletes runs by id; returns how many existed. */
  delete(ids: string[]): number;
  /** Deletes all runs, or all of one workflow; returns how many. */
  clear(workflow?: string): number;
  /** Replaces the retention; applied in the next batch (scheduled now). */
  setRetention(retention: Retention): void;
  /** Calls the listener after each commit that changed runs; returns the unsubscribe function. */
  onChange(listener: (change: HistoryChange) => void): () => void;
  /** Flushes, then closes the database. Idempotent. */
  close(): void;
}

/** Histories open in this process, flushed on `process.exit` so a clean exit loses nothing queued. */
const openHistories = new Set<RunHistory>();

function flushAllOnExit(): void {
  for (const history of openHistories) history.close();
}

function reportToStderr(error: HistoryError): void {
  process.stderr.write(`triggerbench: ${error.code}: ${error.message}\n`);
}

/**
 * Opens `<dataDir>/history.sqlite` (creating and migrating it as needed) and applies the
 * retention. Throws HistoryError `HistoryOpenFailed` / `HistorySchemaTooNew`.
 */
export function openRunHistory(dataDir: string, options: HistoryOptions = {}): RunHistory {
  const file = join(dataDir, HISTORY_FILE_NAME);
  let retention = resolveRetention(options.retention, file);
  const reportError = options.onError ?? reportToStderr;
  const db: Database = openHistoryDatabase(file, dataDir);
  const writer = createHistoryWriter(db);
  const listeners = new Set<(change: HistoryChange) => void>();
  const statements = new Map<string, Statement>();
  const getRecord = db.prepare('SELECT d.record FROM runs r JOIN run_data d ON d.seq = r.seq WHERE r.id = ?');

  let pending = new Map<string, RunRecord>();
  let immediate: NodeJS.Immediate | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let closed = false;

  function statement(sql: string): Statement {
    let prepared = statements.get(sql);
    if (!prepared) {
      prepared = db.prepare(sql);
      statements.set(sql, prepared);
    }
    return prepared;
  }

  function assertOpen(): void {
    if (closed) throw new HistoryError('HistoryClosed', `The run history ${file} is closed; open it again with openRunHistory.`, file);
  }

  /** Runs `body` in one IMMEDIATE transaction: the write lock is taken up front, so two processes wait (busy_timeout) instead of failing with SQLITE_BUSY mid-way. */
  function transaction<T>(body: () => T): T {
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = body();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }

  function notify(change: HistoryChange): void {
    if (change.ids.length === 0 && change.removed === 0) return;
    // Every listener runs even if one throws; the first error is then rethrown, not swallowed.
    let failure: { error: unknown } | undefined;
    for (const listener of [...listeners]) {
      try {
        listener(change);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }

  function schedule(): void {
    if (immediate || retryTimer || closed) return;
    immediate = setImmediate(() => {
      immediate = undefined;
      try {
        writeBatch();
      } catch (error) {
        if (error instanceof HistoryError) reportError(error);
        else throw error; // a listener's own error: surfaces like any event handler's
      }
    });
  }

  /** Writes the queue in one transaction, with retention; on failure requeues it and retries later. */
  function writeBatch(): void {
    if (immediate) clearImmediate(immediate);
    immediate = undefined;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = undefined;
    const batch = pending;
    pending = new Map();
    let removed: number;
    try {
      removed = transaction(() => {
        for (const run of batch.values()) writer.upsert(run);
        return applyRetention(db, writer, retention, Date.now());
      });
    } catch (error) {
      requeue(batch);
      throw new HistoryError(
        'HistoryWriteFailed',
        `Could not write ${batch.size} run(s) to the run history ${file}: ${(error as Error).message}. They stay queued and are retried; check free disk space and that no other program locks the file.`,
        file,
        { cause: error },
      );
    }
    notify({ ids: [...batch.keys()], removed });
  }

  function requeue(batch: Map<string, RunRecord>): void {
    // Newer records of the same run (queued since) win over the failed ones.
    for (const [id, run] of pending) batch.set(id, run);
    pending = batch;
    let dropped = 0;
    for (const id of pending.keys()) {
      if (pending.size <= MAX_PENDING) break;
      pending.delete(id);
      dropped += 1;
    }
    if (dropped > 0) {
      reportError(new HistoryError('HistoryWriteFailed', `Dropped the ${dropped} oldest unwritten run(s): the run history ${file} has been failing for too long.`, file));
    }
    if (!closed) {
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        schedule();
      }, RETRY_MS);
      // Never keep the process alive only to retry; the exit hook makes a last attempt.
      retryTimer.unref();
    }
  }

  /** Reads see every run recorded so far; a failing write is reported, and the read still answers. */
  function flushForRead(): void {
    assertOpen();
    if (pending.size === 0 || retryTimer) return;
    try {
      writeBatch();
    } catch (error) {
      if (!(error instanceof HistoryError)) throw error;
      reportError(error);
    }
  }

  const history: RunHistory = {
    file,
    record(run) {
      assertOpen();
      validateRunRecord(run, file);
      pending.set(run.id, run);
      schedule();
    },
    flush() {
      assertOpen();
      writeBatch();
    },
    list(query = {}) {
      flushForRead();
      const filter = buildRunFilter(query);
      const sql = `SELECT ${SUMMARY_COLUMNS} FROM runs r ${filter.where} ORDER BY r.start_ms DESC, r.id DESC LIMIT ? OFFSET ?`;
      const rows = statement(sql).all(...filter.params, pageLimit(query.limit), pageOffset(query.offset));
      return rows.map(rowToSummary);
    },
    count(query = {}) {
      flushForRead();
      const filter = buildRunFilter(query);
      return Number((statement(`SELECT count(*) AS n FROM runs r ${filter.where}`).get(...filter.params) as { n: number }).n);
    },
    get(id) {
      assertOpen();
      const queued = pending.get(id);
      // A copy, like a stored record: callers may not alias the recorder's live object.
      if (queued) return JSON.parse(JSON.stringify(queued)) as RunRecord;
      const row = getRecord.get(id) as { record: string } | undefined;
      return row ? (JSON.parse(row.record) as RunRecord) : undefined;
    },
    delete(ids) {
      flushForRead();
      if (ids.length === 0) return 0;
      const removed = transaction(() => writer.deleteWhere('WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)]));
      notify({ ids: [], removed });
      return removed;
    },
    clear(workflow) {
      flushForRead();
      const removed = transaction(() => (workflow === undefined ? writer.deleteAll() : writer.deleteWhere('WHERE workflow = ?', [workflow])));
      // Hands freed pages back to the file system; incremental so it is bounded work.
      db.exec('PRAGMA incremental_vacuum');
      notify({ ids: [], removed });
      return removed;
    },
    setRetention(next) {
      assertOpen();
      retention = resolveRetention(next, file);
      schedule();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (closed) return;
      try {
        if (pending.size > 0) writeBatch();
      } catch (error) {
        if (!(error instanceof HistoryError)) throw error;
        reportError(error);
      } finally {
        closed = true;
        if (immediate) clearImmediate(immediate);
        if (retryTimer) clearTimeout(retryTimer);
        listeners.clear();
        openHistories.delete(history);
        if (openHistories.size === 0) process.off('exit', flushAllOnExit);
        db.exec('PRAGMA optimize');
        db.close();
      }
    },
  };

  // Retention applies at open too, e.g. after the setting was lowered while closed.
  const removedAtOpen = transaction(() => applyRetention(db, writer, retention, Date.now()));
  if (removedAtOpen > 0) db.exec('PRAGMA incremental_vacuum');
  if (openHistories.size === 0) process.on('exit', flushAllOnExit);
  openHistories.add(history);
  return history;
}
