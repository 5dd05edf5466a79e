/**
 * Messages between the benchmark (parent) and the server under test (a forked child),
 * over Node's IPC channel. Kept tiny: the parent only needs the port, the call path,
 * and counters read between load phases (never during one).
 */

/** Counters a server child reports at a snapshot; the parent diffs two snapshots. */
export interface ServerCounters {
  /** HTTP requests that reached the server (diagnostics_channel `http.server.request.start`). */
  received: number;
  /** Responses the server finished writing (`http.server.response.finish`). */
  answered: number;
  /**
   * Runs the history has committed so far (runtime only): `history.count()` after a flush,
   * plus the runs retention has deleted since the start (the default keeps 100,000, which
   * a few rounds pass), so the difference between two snapshots is the runs recorded.
   */
  runs?: number;
  /**
   * Runtime only: how long the snapshot waited for every received call to finish its run
   * and for the history to hold it, milliseconds. Above a few ms after a load phase, the
   * recorder was lagging behind the calls it had answered.
   */
  settleMs?: number;
  /**
   * Runtime only: how long the search-index merging the history defers to idle moments
   * then took, done at once (milliseconds); its CPU is in `cpuMicros`, so deferring it
   * cannot flatter CPU per request.
   */
  upkeepMs?: number;
  /** CPU time the child used so far (user + system, all threads), microseconds. */
  cpuMicros: number;
  /** CPU time of the child's main thread alone (the one serving HTTP), microseconds. */
  mainThreadCpuMicros: number;
  /** Monotonic clock of the child at the snapshot, milliseconds. */
  atMs: number;
}

/**
 * A reading taken during a soak, under load: nothing is flushed or waited for, so the
 * history's lag is what it really is at that moment.
 */
export interface SoakSample {
  /** Resident set size of the server process, bytes. */
  rssBytes: number;
  /** V8 heap in use on the main thread, bytes. */
  heapUsedBytes: number;
  /** Requests that reached the server so far. */
  received: number;
  /** Runtime only: runs finished (answered and recorded by the pipeline) but not yet committed by the history. */
  backlogRuns?: number;
  /** Runtime only: age of the oldest of those runs, ms (0 when the history holds every finished run). */
  lagMs?: number;
  cpuMicros: number;
  atMs: number;
}

/** Child → parent. */
export type ChildMessage =
  | { type: 'ready'; port: number; path: string }
  | { type: 'snapshot'; counters: ServerCounters }
  | { type: 'sample'; sample: SoakSample }
  | { type: 'failed'; message: string };

/** Parent → child. */
export type ParentMessage = { type: 'snapshot' } | { type: 'sample' } | { type: 'stop' };

/** What the bare server child is given (as JSON in argv[2]). */
export interface BareServerConfig {
  /** Data folder whose TLS material (same CA and leaves as the runtime) the bare server serves. */
  dataDir: string;
  /** The path it reports back (the runtime's callback path, so both sides parse the same request bytes). */
  path: string;
  status: number;
  /** Response headers as the runtime sent them, minus the ones Node adds itself. */
  headers: Record<string, string>;
  bodyBase64: string;
}

/** What the runtime server child is given (as JSON in argv[2]). */
export interface RuntimeServerConfig {
  dataDir: string;
  workspaceRoot: string;
  workflow: string;
}
