import { join } from 'node:path';
import type { RunQuery, RunRecord, RunSummary } from '../../src-shared/runs.ts';
import { HistoryError } from './history-error.ts';
import { buildListSql, buildCountSql, rowToSummary, type TextSources } from './history-query.ts';
import { resolveRetention, type ResolvedRetention, type Retention } from './history-retention.ts';
import { parseTextFilter } from './history-search.ts';
import { BUSY_TIMEOUT_MS, openHistoryDatabase } from './history-schema.ts';
import { toStoredRun, validateRunRecord, type StoredRun } from './history-stored.ts';
import { startTextRefresh } from './history-text-refresh.ts';
import { unpackRunRecord } from './record-packing.ts';
import { BODY_CAPTURE_LIMIT } from '../runtime/body-capture.ts';
import type { WriterReply } from './history-worker.ts';
import { startWriterThread, type WriterClient, type WriterRequestBody } from './history-writer-client.ts';
import type { Database, Statement } from './sqlite.ts';

/** The history file's name inside the data folder. */
export const HISTORY_FILE_NAME = 'history.sqlite';

/** Delay before a failed batch is tried again (disk full, file locked past the busy timeout). */
const RETRY_MS = 1000;

/** Runs held in memory while writes fail; beyond this the oldest are dropped (and reported). */
const MAX_PENDING = 10_000;

/**
 * Most runs in one write request. A backlog (the writer slower than the calls for a
 * while) goes as several transactions of this size rather than one huge message: the
 * main thread copies each message to the writer, and a 10,000-run message stalled the
 * calls it serves for tens of ms (docs/history.md, "Writes").
 */
const MAX_BATCH = 1000;

/**
 * Runs recorded and not yet committed beyond which `room()` asks callers to wait: the
 * listener then holds new calls until the writer catches up, so a load the writer cannot
 * follow slows the calls down instead of growing the queue (memory, and runs lost on a
 * kill) for as long as it lasts (docs/history.md, "Writes").
 */
export const MAX_QUEUED_RUNS = 5_000;

/** Options of openRunHistory. */
export interface HistoryOptions {
  retention?: Retention;
  /** Receives background write failures; default: one line on stderr. The runs stay queued and are retried. */
  onError?: (error: HistoryError) => void;
  /**
   * How often to look for commits by another process sharing the data folder (a
   * `triggerbench serve` beside the app), in ms; 0 never looks. Default 1000.
   */
  otherWritersPollMs?: number;
  /** Most bytes of JSON each stored value keeps (docs/history.md, Limits); default 1 MiB. */
  recordValueBytes?: number;
  /** Runs per search-index generation (docs/history.md, "Search index"); for tests, default 20,000. */
  indexGenerationRuns?: number;
}

/** Prepared read statements kept (list and count queries differ by filter and by index generation). */
const MAX_PREPARED = 200;

/** Default interval of the check for other processes' commits. */
const OTHER_WRITERS_POLL_MS = 1000;

/** What changed in one committed batch (or delete/clear), for the live console. */
export interface HistoryChange {
  /** Runs recorded or updated. */
  ids: string[];
  /** Runs deleted (by retention, delete or clear); when above 0, reload the list. */
  removed: number;
  /** Another process committed runs (ids unknown): reload the list. */
  external?: boolean;
}

/** The run history: an embedded SQLite store of every recorded run. */
export interface RunHistory {
  /** Path of the database file. */
  readonly file: string;
  /** Queues a run for writing (upsert by id); returns at once, the write happens in the next batch. */
  record(run: RunRecord): void;
  /** Writes what is queued now, synchronously. */
  flush(): void;
  /** Summaries, newest first (start time, then record order), filtered by workflow, status and text. */
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
  /** Changes how many bytes of JSON each stored value keeps, for runs recorded from now on. */
  setRecordValueBytes(bytes: number): void;
  /** Calls the listener after each commit that changed runs; returns the unsubscribe function. */
  onChange(listener: (change: HistoryChange) => void): () => void;
  /**
   * Undefined while the queue of runs not yet committed is below MAX_QUEUED_RUNS; else a
   * promise that resolves once it is (or once writes fail or the history closes: a
   * failing disk must not hold calls, its runs are reported and dropped instead).
   */
  room(): Promise<void> | undefined;
  /** Flushes, then closes the database. Idempotent. */
  close(): void;
}

/** Each open history's `upkeep` (see finishIndexUpkeep), kept out of the RunHistory interface. */
const upkeepOf = new WeakMap<RunHistory, () => void>();

/**
 * Writes what is queued, then does the deferred search-index work (the rebuilt text of
 * runs stored by an older build, history-text-refresh.ts; the indexing and merging the
 * writer thread otherwise does once it has been idle for a moment, history-worker.ts),
 * and returns when there is none left. For benchmarks and tests, so the CPU of deferred
 * work is charged to the load that caused it; a running app never needs it.
 */
export function finishIndexUpkeep(history: RunHistory): void {
  upkeepOf.get(history)?.();
}

/** Histories open in this process, flushed on `process.exit` so a clean exit loses nothing queued. */
const openHistories = new Set<RunHistory>();

function closeAllOnExit(): void {
  for (const history of openHistories) history.close();
}

function reportToStderr(error: HistoryError): void {
  process.stderr.write(`triggerbench: ${error.code}: ${error.message}\n`);
}

/**
 * Opens `<dataDir>/history.sqlite` (creating and migrating it as needed), starts its
 * writer thread and applies the retention. Throws HistoryError `HistoryOpenFailed`,
 * `HistorySchemaTooNew` or `InvalidRetention`.
 */
export function openRunHistory(dataDir: string, options: HistoryOptions = {}): RunHistory {
  const opening = startOpening(dataDir, options);
  return historyOver(opening, opening.writer.call(opening.request));
}

/**
 * openRunHistory without blocking the event loop while the writer thread starts and
 * opens the file (a new thread takes tens of ms): the caller's other start-up work runs
 * meanwhile (`serve` loads its keys and certificates). Same errors, as a rejection.
 */
export function openRunHistoryAsync(dataDir: string, options: HistoryOptions = {}): Promise<RunHistory> {
  let opening: Opening;
  try {
    opening = startOpening(dataDir, options);
  } catch (error) {
    return Promise.reject(error as Error);
  }
  return new Promise((resolve, reject) => {
    opening.writer.send(opening.request, (opened) => {
      try {
        resolve(historyOver(opening, opened));
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** A history being opened: its reading connection is ready, its writer thread asked to open. */
interface Opening {
  file: string;
  retention: ResolvedRetention;
  reportError: (error: HistoryError) => void;
  db: Database;
  writer: WriterClient;
  request: WriterRequestBody;
  otherWritersPollMs: number;
  recordValueBytes: number;
}

function startOpening(dataDir: string, options: HistoryOptions): Opening {
  const file = join(dataDir, HISTORY_FILE_NAME);
  const retention = resolveRetention(options.retention, file);
  const recordValueBytes = options.recordValueBytes ?? BODY_CAPTURE_LIMIT;
  const reportError = options.onError ?? reportToStderr;
  // This connection migrates, then only reads: WAL readers never wait for the writer.
  const db: Database = openHistoryDatabase(file, dataDir);
  const writer: WriterClient = startWriterThread();
  const otherWritersPollMs = options.otherWritersPollMs ?? OTHER_WRITERS_POLL_MS;
  return { file, retention, reportError, db, writer, request: { kind: 'open', file, busyTimeoutMs: BUSY_TIMEOUT_MS, retention, indexGenerationRuns: options.indexGenerationRuns }, otherWritersPollMs, recordValueBytes };
}

/** The history once its writer has answered `open` (or the error when it could not). */
function historyOver(opening: Opening, opened: WriterReply): RunHistory {
  const { file, reportError, db, writer } = opening;
  let retention = opening.retention;
  let recordValueBytes = opening.recordValueBytes;
  if (!opened.ok) {
    writer.terminate();
    db.close();
    throw new HistoryError('HistoryOpenFailed', `Cannot open the run history ${file} for writing: ${opened.message}. Check that the data folder is writable.`, file);
  }

  const listeners = new Set<(change: HistoryChange) => void>();
  const statements = new Map<string, Statement>();
  const anyPending = db.prepare('SELECT 1 FROM runs_fts_pending LIMIT 1');
  const refreshing = db.prepare('SELECT 1 FROM runs_fts_refresh LIMIT 1');
  const generationNames = db.prepare('SELECT name FROM runs_fts_generations ORDER BY gen DESC');
  /** The index generations a search reads, and whether it must also read the pre-v6 index (history-query.ts). */
  const textSources = (): TextSources => ({ generations: generationNames.all().map((row) => row.name as string), legacy: refreshing.get() !== undefined });
  const getRecord = db.prepare('SELECT d.record FROM runs r JOIN run_data d ON d.seq = r.seq WHERE r.id = ?');
  // `PRAGMA data_version` on this (reader) connection changes whenever another connection
  // commits: our writer thread, or another process. After our own commits we note the
  // version, so a change we did not note is someone else's runs (docs/history.md).
  const dataVersion = db.prepare('PRAGMA data_version');
  const versionNow = (): unknown => (dataVersion.get() as { data_version: unknown }).data_version;
  let seenVersion = versionNow();
  /** Recorded (already serialised, see record()), not yet sent to the writer. */
  let pending = new Map<string, StoredRun>();
  /** Sent to the writer, not yet committed: still served by get(). */
  const inFlight = new Map<string, StoredRun>();
  let retentionChanged = false;
  /** Callers waiting for room in the queue (see room()). */
  let roomWaiters: (() => void)[] = [];
  /** Batches posted to the writer and not yet answered (group commit: at most one, see schedule()). */
  let batchesInFlight = 0;
  let immediate: NodeJS.Immediate | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  /** Set while flush() waits, so its failure is thrown to its caller rather than reported. */
  let flushFailure: { error?: HistoryError } | undefined;
  let closed = false;

  function statement(sql: string): Statement {
    let prepared = statements.get(sql);
    if (!prepared) {
      // Text searches name the index generations, which come and go: old texts are dropped.
      if (statements.size >= MAX_PREPARED) statements.clear();
      prepared = db.prepare(sql);
      statements.set(sql, prepared);
    }
    return prepared;
  }

  /**
   * Runs reads in one read transaction: the generations a search names (textSources) are
   * then the ones its query reads, even if the writer drops one in between (WAL readers
   * keep their snapshot).
   */
  function snapshot<T>(read: () => T): T {
    db.exec('BEGIN');
    try {
      return read();
    } finally {
      db.exec('COMMIT');
    }
  }

  function assertOpen(): void {
    if (closed) throw new HistoryError('HistoryClosed', `The run history ${file} is closed; open it again with openRunHistory.`, file);
  }

  function notify(change: HistoryChange): void {
    if (change.ids.length === 0 && change.removed === 0 && !change.external) return;
    for (const listener of [...listeners]) {
      try {
        listener(change);
      } catch (error) {
        // Not swallowed: surfaces as an uncaught exception, as from any event handler,
        // without breaking the other listeners or the flush()/list() that delivered it.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  function writeFailed(message: string, count: number): HistoryError {
    return new HistoryError(
      'HistoryWriteFailed',
      `Could not write ${count} run(s) to the run history ${file}: ${message}. They stay queued and are retried; check free disk space and that no other program locks the file.`,
      file,
    );
  }

  function fail(error: HistoryError): void {
    if (flushFailure) flushFailure.error ??= error;
    else reportError(error);
  }

  /**
   * Group commit: while the writer is busy with a batch, runs pile up here and go as one
   * batch when it answers. Under load, batches grow with the writer's own speed: fewer,
   * larger transactions (FTS5 writes one index segment per transaction, so a run costs
   * far less in a large one) and one wake-up of each thread per batch instead of per
   * event-loop turn. A quiet listener still sends each run within one turn.
   */
  function schedule(): void {
    if (immediate || retryTimer || closed || batchesInFlight > 0) return;
    immediate = setImmediate(() => {
      immediate = undefined;
      sendBatch();
    });
  }

  /** Hands the queue to the writer thread: the main thread only serialises. */
  function sendBatch(): void {
    if (immediate) clearImmediate(immediate);
    immediate = undefined;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = undefined;
    if (pending.size === 0 && !retentionChanged) return;
    let batch = pending;
    pending = new Map();
    if (batch.size > MAX_BATCH) {
      // The oldest MAX_BATCH go now; the rest stay queued, in order, for the next batch.
      const rest = batch;
      batch = new Map();
      for (const [id, run] of rest) {
        if (batch.size < MAX_BATCH) batch.set(id, run);
        else pending.set(id, run);
      }
    }
    retentionChanged = false;
    for (const [id, run] of batch) inFlight.set(id, run);
    batchesInFlight += 1;
    writer.send({ kind: 'write', runs: [...batch.values()], retention }, (reply) => batchDone(batch, reply));
  }

  function hasRoom(): boolean {
    return closed || retryTimer !== undefined || pending.size + inFlight.size < MAX_QUEUED_RUNS;
  }

  function wakeRoomWaiters(): void {
    if (roomWaiters.length === 0 || !hasRoom()) return;
    const waiters = roomWaiters;
    roomWaiters = [];
    for (const wake of waiters) wake();
  }

  function batchDone(batch: Map<string, StoredRun>, reply: WriterReply): void {
    try {
      batchAnswered(batch, reply);
    } finally {
      wakeRoomWaiters();
    }
  }

  function batchAnswered(batch: Map<string, StoredRun>, reply: WriterReply): void {
    batchesInFlight -= 1;
    for (const [id, run] of batch) if (inFlight.get(id) === run) inFlight.delete(id);
    if (reply.ok) {
      // What was recorded while this batch was written goes now, as the next batch.
      if (pending.size > 0 || retentionChanged) schedule();
      seenVersion = versionNow();
      notify({ ids: [...batch.keys()], removed: reply.removed });
      return;
    }
    requeue(batch);
    fail(writeFailed(reply.message, batch.size));
  }

  function requeue(batch: Map<string, StoredRun>): void {
    // Newer records of the same run (queued since) win over the failed ones.
    for (const [id, run] of pending) batch.set(id, run);
    pending = batch;
    retentionChanged = true;
    let dropped = 0;
    for (const id of pending.keys()) {
      if (pending.size <= MAX_PENDING) break;
      pending.delete(id);
      dropped += 1;
    }
    if (dropped > 0) {
      reportError(new HistoryError('HistoryWriteFailed', `Dropped the ${dropped} oldest unwritten run(s): the run history ${file} has been failing for too long.`, file));
    }
    if (!closed && !retryTimer) {
      if (immediate) clearImmediate(immediate);
      immediate = undefined;
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        schedule();
      }, RETRY_MS);
      // Never keep the process alive only to retry; the exit hook makes a last attempt.
      retryTimer.unref();
    }
  }

  /** Sends the queue and waits until the writer has committed everything sent so far. */
  function writeNow(): void {
    flushFailure = {};
    try {
      // A queue longer than MAX_BATCH goes as several batches.
      do {
        sendBatch();
        writer.drain();
      } while (pending.size > 0 && !flushFailure.error);
      if (flushFailure.error) throw flushFailure.error;
    } finally {
      flushFailure = undefined;
    }
  }

  /** Reads see every run recorded so far; a failing write is reported, and the read still answers. */
  function flushForRead(): void {
    assertOpen();
    if (retryTimer) return; // failing: do not wait on it for every read
    try {
      writeNow();
    } catch (error) {
      if (!(error instanceof HistoryError)) throw error;
      reportError(error);
    }
  }

  /**
   * Text search reads the FTS5 index, which takes runs' text a chunk at a time (see
   * history-worker.ts): have the writer index what still waits, so no run is missed.
   */
  function indexForSearch(query: RunQuery): void {
    if (!query.text?.trim() || parseTextFilter(query.text).match === undefined || retryTimer) return;
    // Usually nothing waits (the writer indexes as soon as it is idle): no round trip then,
    // which would also wait for the index merge step the writer may be in.
    if (!anyPending.get()) return;
    const reply = writer.call({ kind: 'index' });
    if (!reply.ok) reportError(new HistoryError('HistoryWriteFailed', `Could not bring the search index of the run history ${file} up to date: ${reply.message}. A text search may miss the latest runs until it can.`, file));
  }

  /** A synchronous delete/clear on the writer thread, after what is queued. */
  function removeNow(request: { kind: 'delete'; ids: string[] } | { kind: 'clear'; workflow?: string }): number {
    flushForRead();
    const reply = writer.call(request);
    if (!reply.ok) throw new HistoryError('HistoryWriteFailed', `Could not delete runs from the run history ${file}: ${reply.message}.`, file);
    seenVersion = versionNow();
    notify({ ids: [], removed: reply.removed });
    return reply.removed;
  }

  const pollMs = opening.otherWritersPollMs;
  const otherWriters =
    pollMs > 0
      ? setInterval(() => {
          if (closed || listeners.size === 0) return;
          const version = versionNow();
          if (version === seenVersion) return;
          seenVersion = version;
          notify({ ids: [], removed: 0, external: true });
        }, pollMs)
      : undefined;
  otherWriters?.unref();

  const textRefresh = startTextRefresh({
    db,
    writer,
    busy: () => pending.size > 0 || batchesInFlight > 0 || retryTimer !== undefined,
    committed: () => {
      seenVersion = versionNow();
    },
    onFailure: (message) => reportError(new HistoryError('HistoryWriteFailed', `Could not rebuild the search text of older runs in the run history ${file}: ${message}. It is tried again shortly; until then a search may miss older runs by a header value.`, file)),
  });

  const history: RunHistory = {
    file,
    record(run) {
      assertOpen();
      validateRunRecord(run, file);
      // Serialised now, one run at a time, rather than a whole batch at once when it is
      // sent: under load a batch held thousands of runs, and turning them all into JSON
      // in one event-loop turn held up every call waiting to be answered. It also drops
      // the record's object graph at once instead of keeping it alive for the GC to move.
      pending.set(run.id, toStoredRun(run, recordValueBytes));
      schedule();
    },
    flush() {
      assertOpen();
      writeNow();
    },
    list(query = {}) {
      flushForRead();
      indexForSearch(query);
      return snapshot(() => {
        const { sql, params } = buildListSql(query, textSources);
        return statement(sql).all(...params).map(rowToSummary);
      });
    },
    count(query = {}) {
      flushForRead();
      indexForSearch(query);
      return snapshot(() => {
        const { sql, params } = buildCountSql(query, textSources);
        return Number((statement(sql).get(...params) as { n: number }).n);
      });
    },
    get(id) {
      assertOpen();
      const queued = pending.get(id) ?? inFlight.get(id);
      // The JSON it will be stored as: a copy, as from the file.
      if (queued) return unpackRunRecord(JSON.parse(queued.json) as RunRecord);
      const row = getRecord.get(id) as { record: string } | undefined;
      return row ? unpackRunRecord(JSON.parse(row.record) as RunRecord) : undefined;
    },
    delete(ids) {
      assertOpen();
      return ids.length === 0 ? 0 : removeNow({ kind: 'delete', ids });
    },
    clear(workflow) {
      assertOpen();
      return removeNow({ kind: 'clear', workflow });
    },
    setRecordValueBytes(bytes) {
      recordValueBytes = bytes;
    },
    setRetention(next) {
      assertOpen();
      retention = resolveRetention(next, file);
      retentionChanged = true;
      schedule();
    },
    room() {
      if (hasRoom()) return undefined;
      return new Promise<void>((resolve) => roomWaiters.push(resolve));
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (closed) return;
      try {
        writeNow();
      } catch (error) {
        if (!(error instanceof HistoryError)) throw error;
        reportError(error);
      } finally {
        closed = true;
        textRefresh.stop();
        if (otherWriters) clearInterval(otherWriters);
        if (immediate) clearImmediate(immediate);
        if (retryTimer) clearTimeout(retryTimer);
        writer.call({ kind: 'close' });
        writer.terminate();
        listeners.clear();
        openHistories.delete(history);
        if (openHistories.size === 0) process.off('exit', closeAllOnExit);
        db.close();
        wakeRoomWaiters();
      }
    },
  };

  upkeepOf.set(history, () => {
    assertOpen();
    writeNow();
    try {
      textRefresh.finish();
    } catch (error) {
      throw new HistoryError('HistoryWriteFailed', `Could not rebuild the search text of older runs in the run history ${file}: ${(error as Error).message}.`, file);
    }
    const reply = writer.call({ kind: 'upkeep' });
    if (!reply.ok) throw new HistoryError('HistoryWriteFailed', `Could not merge the search index of the run history ${file}: ${reply.message}.`, file);
  });
  if (openHistories.size === 0) process.on('exit', closeAllOnExit);
  openHistories.add(history);
  return history;
}
