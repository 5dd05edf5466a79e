/**
 * The history writer thread: owns the connection that writes, so SQLite work (b-tree and
 * trigram index inserts, FTS5 segment merges, WAL checkpoints with their fsync) never
 * runs on the thread that serves HTTP calls, where merges and checkpoints stall calls
 * (figures in docs/benchmarks.md, measured with bench/history.bench.ts).
 *
 * The thread is started from source text (`new Worker(source, { eval: true })`) built
 * from the functions below, not from a file: the Electron main process is one bundle and
 * the CLI runs the .ts sources, and a worker file would need a path that works in both.
 * Hence every function listed in HISTORY_WORKER_SOURCE uses only its parameters and
 * globals; tests run the real thread, so a slip shows up as a failing test.
 */
import type { MessagePort } from 'node:worker_threads';
import type { ResolvedRetention } from './history-retention.ts';
import { applyRetention } from './history-retention.ts';
import type { StoredRun } from './history-stored.ts';
import { createHistoryWriter, type RefreshedText } from './history-write.ts';
import { isSqliteExperimentalWarning, loadSqlite, type Database } from './sqlite.ts';

/** What the main thread asks of the writer. Every request gets exactly one reply, in order. */
export type WriterRequest =
  | { id: number; kind: 'open'; file: string; busyTimeoutMs: number; retention: ResolvedRetention; indexGenerationRuns?: number }
  | { id: number; kind: 'write'; runs: StoredRun[]; retention: ResolvedRetention }
  | { id: number; kind: 'delete'; ids: string[] }
  | { id: number; kind: 'clear'; workflow?: string }
  | { id: number; kind: 'index' }
  | { id: number; kind: 'refresh'; runs: RefreshedText[]; below: number | undefined }
  | { id: number; kind: 'upkeep' }
  | { id: number; kind: 'close' };

/** The writer's answer: how many runs were removed (retention, delete, clear), or why it failed. */
export type WriterReply = { id: number; ok: true; removed: number } | { id: number; ok: false; message: string };

/** What the thread receives at start: its end of the channel and the shared reply counter. */
export interface WriterThreadData {
  port: MessagePort;
  /** [0]: replies posted so far (the main thread Atomics.waits on it); [1]: 1 once the thread exits. */
  state: Int32Array;
}

interface WorkerDeps {
  loadSqlite: typeof loadSqlite;
  createHistoryWriter: typeof createHistoryWriter;
  applyRetention: typeof applyRetention;
}

/** The thread's body. Receives its helpers as arguments (see the file comment for why). */
export function historyWorkerMain(deps: WorkerDeps): void {
  const { workerData } = process.getBuiltinModule('node:worker_threads');
  const { port, state } = workerData as WriterThreadData;
  const sqlite = deps.loadSqlite();
  // The writer keeps the default priority. At nice 10 it got only what other threads and
  // processes left: on a busy machine it fell behind for as long as the load lasted, and
  // with the listener's back-pressure the calls then waited on it (docs/history.md).
  let db: Database | undefined;
  let writer: ReturnType<typeof deps.createHistoryWriter> | undefined;

  // Lets a main thread blocked in Atomics.wait notice that no reply will ever come.
  process.on('exit', () => {
    Atomics.store(state, 1, 1);
    Atomics.notify(state, 0);
  });

  function transaction(body: () => number): number {
    // IMMEDIATE takes the write lock up front: another process (CLI and app) makes this
    // wait for busy_timeout instead of failing with SQLITE_BUSY half-way.
    db!.exec('BEGIN IMMEDIATE');
    try {
      const result = body();
      db!.exec('COMMIT');
      return result;
    } catch (error) {
      // SQLite may already have rolled back (e.g. on SQLITE_FULL); then ROLLBACK itself
      // fails with "no transaction is active", which says nothing new: the first error is
      // the one to report. (DatabaseSync.isTransaction would tell, but needs Node 22.16.)
      try {
        db!.exec('ROLLBACK');
      } catch {}
      writer?.forgetCount();
      throw error;
    }
  }

  // Search-index upkeep while nothing is being written: once no request has come for
  // IDLE_MS, index the runs whose text waits in runs_fts_pending (history-schema.ts v3),
  // INDEX_CHUNK per step, then merge segments (the index has automerge=0, v2),
  // MERGE_PAGES per step; each step takes some 10-50 ms and is one event-loop turn, so a
  // write that arrives waits for one step at most. Under load that never pauses, a write
  // indexes a chunk itself once more than MAX_PENDING runs wait, which bounds the work a
  // text search may have to wait for (the `index` request), and FTS5's crisis merges
  // bound the segment count.
  const IDLE_MS = 100;
  const MERGE_PAGES = 256;
  const INDEX_CHUNK = 1000;
  const MAX_PENDING = 2000;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let mergeTurn: ReturnType<typeof setImmediate> | undefined;

  function stopUpkeep(): void {
    clearTimeout(idleTimer);
    clearImmediate(mergeTurn);
    idleTimer = undefined;
    mergeTurn = undefined;
  }

  function upkeepWhenIdle(): void {
    stopUpkeep();
    idleTimer = setTimeout(mergeStep, IDLE_MS);
  }

  function mergeStep(): void {
    idleTimer = undefined;
    mergeTurn = undefined;
    if (!db?.isOpen || !writer) return;
    let more = false;
    try {
      more = transaction(() => (writer!.indexPending(INDEX_CHUNK) > 0 || writer!.mergeIndex(MERGE_PAGES) ? 1 : 0)) === 1;
    } catch {
      // Only an optimisation: a locked or full disk fails the next write too, and that
      // failure is reported and retried (history.ts); merging resumes after it.
      return;
    }
    if (more) mergeTurn = setImmediate(mergeStep);
  }

  function handle(request: WriterRequest): number {
    switch (request.kind) {
      case 'open': {
        db = new sqlite.DatabaseSync(request.file, { timeout: request.busyTimeoutMs });
        // Per connection, as in history-schema.ts: the trade-off is in docs/history.md.
        db.exec('PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = 67108864;');
        writer = deps.createHistoryWriter(db, request.indexGenerationRuns);
        const removed = transaction(() => deps.applyRetention(writer!, request.retention, Date.now()));
        if (removed > 0) db.exec('PRAGMA incremental_vacuum');
        return removed;
      }
      case 'write':
        return transaction(() => {
          writer!.upsert(request.runs);
          const removed = deps.applyRetention(writer!, request.retention, Date.now());
          if (writer!.pendingCount() > MAX_PENDING) writer!.indexPending(INDEX_CHUNK);
          return removed;
        });
      case 'index':
        // Before a text search reads: every run recorded so far must be findable.
        while (writer!.pendingCount() > 0 && transaction(() => writer!.indexPending(INDEX_CHUNK)) > 0);
        return 0;
      case 'refresh': {
        const { runs, below } = request;
        // Replies with the number of runs queued for the index, not removed ones.
        return transaction(() => writer!.refreshText(runs, below));
      }
      case 'delete':
        return transaction(() => writer!.deleteWhere('WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(request.ids)]));
      case 'clear': {
        const workflow = request.workflow;
        const removed = transaction(() => (workflow === undefined ? writer!.deleteAll() : writer!.deleteWhere('WHERE workflow = ?', [workflow])));
        // Hands freed pages back to the file system; incremental, so bounded work.
        db!.exec('PRAGMA incremental_vacuum');
        return removed;
      }
      case 'upkeep':
        // Now rather than once idle (benchmarks charge the deferred merging to the load that caused it).
        while (transaction(() => writer!.indexPending(INDEX_CHUNK)) > 0);
        while (transaction(() => (writer!.mergeIndex(MERGE_PAGES) ? 1 : 0)) === 1);
        return 0;
      case 'close':
        stopUpkeep();
        // No `PRAGMA optimize` / ANALYZE, ever: statistics on FTS5's shadow tables
        // (taken while they are small) make FTS5's own segment-merge statements scan
        // whole tables; inserts fell from 12,000 to 3,000 runs/s by 60,000 runs. The
        // list queries need no statistics (history-query.ts).
        if (db?.isOpen) db.close();
        return 0;
    }
  }

  port.on('message', (request: WriterRequest) => {
    let reply: WriterReply;
    try {
      reply = { id: request.id, ok: true, removed: handle(request) };
    } catch (error) {
      reply = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    // Post first, then count: a main thread that sees the count can receive the reply.
    port.postMessage(reply);
    Atomics.add(state, 0, 1);
    Atomics.notify(state, 0);
    if (request.kind === 'close') port.close();
    else upkeepWhenIdle();
  });
}

/** `const name = (function ...);` for one helper, whatever name a bundler gave it. */
function declare(fn: (...args: never[]) => unknown): string {
  return `const ${fn.name} = (${fn.toString()});`;
}

/** The writer thread's whole source: its helpers' text, then the call to its body. */
export const HISTORY_WORKER_SOURCE = [
  '"use strict";',
  declare(isSqliteExperimentalWarning),
  declare(loadSqlite),
  declare(createHistoryWriter),
  declare(applyRetention),
  `(${historyWorkerMain.toString()})({ loadSqlite: ${loadSqlite.name}, createHistoryWriter: ${createHistoryWriter.name}, applyRetention: ${applyRetention.name} });`,
].join('\n');
