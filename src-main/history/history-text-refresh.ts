/**
 * Rebuilds the search text of runs stored before the text held header values (schema v5,
 * history-schema.ts), in the background, so a history of any size opens at once and its
 * older runs become findable by a header value a chunk at a time, newest first
 * (docs/history.md, "Search text of older runs").
 *
 * The text is built here, on the main thread, from each stored record with the same
 * searchTextOf that new runs use (the writer thread only runs SQL, see history-worker.ts);
 * the writer queues it in runs_fts_pending, from where it replaces the old text in the
 * index as any new run's text goes in.
 */
import type { RunRecord } from '../../src-shared/runs.ts';
import { searchTextOf } from './history-search.ts';
import type { RefreshedText } from './history-write.ts';
import type { WriterReply } from './history-worker.ts';
import type { WriterClient } from './history-writer-client.ts';
import { unpackRunRecord } from './record-packing.ts';
import type { Database } from './sqlite.ts';

/**
 * Runs per step: their JSON.parse and text take a few ms of the thread that answers calls,
 * and the writer's transaction about as long, so a call waits for one step at most.
 */
export const REFRESH_CHUNK = 250;

/** How long the writer must have had no batch to write before a step runs. */
const REFRESH_IDLE_MS = 200;

/** The background rebuild of one open history. */
export interface TextRefresh {
  /** Does every step left now, synchronously (finishIndexUpkeep, for tests and benchmarks). */
  finish(): void;
  /** Stops scheduling steps (the history is closing). */
  stop(): void;
}

interface TextRefreshDeps {
  /** The history's reading connection. */
  db: Database;
  writer: WriterClient;
  /** True while runs wait to be written: recording goes first, the rebuild waits. */
  busy: () => boolean;
  /** After each step's commit (so the history does not take it for another process's runs). */
  committed: () => void;
  /** A failed step: reported, and tried again on the next idle moment. */
  onFailure: (message: string) => void;
}

/** Starts rebuilding the search text of older runs, if the file has any waiting. */
export function startTextRefresh({ db, writer, busy, committed, onFailure }: TextRefreshDeps): TextRefresh {
  const mark = db.prepare('SELECT below FROM runs_fts_refresh LIMIT 1');
  const chunk = db.prepare('SELECT seq, record FROM run_data WHERE seq < ? ORDER BY seq DESC LIMIT ?');
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let stepInFlight = false;

  /** The next step's request, or undefined when nothing is left. */
  function nextStep(): { runs: RefreshedText[]; below: number | undefined } | undefined {
    const row = mark.get() as { below: number } | undefined;
    if (!row) return undefined;
    const rows = chunk.all(row.below, REFRESH_CHUNK) as { seq: number; record: string }[];
    const runs: RefreshedText[] = [];
    for (const { seq, record } of rows) {
      let text: string;
      try {
        text = searchTextOf(unpackRunRecord(JSON.parse(record) as RunRecord));
      } catch {
        // A record this build cannot read keeps the text it was indexed with.
        continue;
      }
      runs.push({ seq, record, text });
    }
    const below = rows.length < REFRESH_CHUNK ? undefined : rows[rows.length - 1]!.seq;
    return { runs, below };
  }

  function later(delayMs: number): void {
    if (stopped || timer) return;
    timer = setTimeout(step, delayMs);
    // Never keeps a process (the CLI's `runs`) alive: what is left goes on at the next open.
    timer.unref();
  }

  function step(): void {
    timer = undefined;
    if (stopped || stepInFlight) return;
    if (busy()) return later(REFRESH_IDLE_MS);
    let request: ReturnType<typeof nextStep>;
    try {
      request = nextStep();
    } catch (error) {
      onFailure((error as Error).message);
      return later(REFRESH_IDLE_MS * 5);
    }
    if (!request) return;
    stepInFlight = true;
    writer.send({ kind: 'refresh', ...request }, (reply: WriterReply) => {
      stepInFlight = false;
      if (!reply.ok) {
        if (!stopped) onFailure(reply.message);
        return later(REFRESH_IDLE_MS * 5);
      }
      committed();
      if (request.below !== undefined) later(0);
    });
  }

  later(REFRESH_IDLE_MS);

  return {
    finish() {
      writer.drain();
      for (let request = nextStep(); request; request = nextStep()) {
        const reply = writer.call({ kind: 'refresh', ...request });
        if (!reply.ok) throw new Error(reply.message);
        if (request.below === undefined) return;
      }
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
