import { subscribe } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import type { ChildMessage, ParentMessage, ServerCounters, SoakSample } from './protocol.ts';

/**
 * Counts requests and finished responses through Node's built-in http diagnostics
 * channels, so the runtime and the bare server are counted by the same code and
 * neither server's handler carries benchmark instrumentation.
 */
export function countHttpTraffic(): { received(): number; answered(): number } {
  let received = 0;
  let answered = 0;
  subscribe('http.server.request.start', () => {
    received += 1;
  });
  subscribe('http.server.response.finish', () => {
    answered += 1;
  });
  return { received: () => received, answered: () => answered };
}

/** Sends one message to the parent benchmark process. */
export function tell(message: ChildMessage): void {
  process.send?.(message);
}

/** A counters snapshot from the traffic counts, the CPU used so far and the clock. */
export function counters(traffic: { received(): number; answered(): number }, history?: { runs: number; settleMs: number; upkeepMs: number }): ServerCounters {
  const cpu = process.cpuUsage();
  const main = process.threadCpuUsage();
  const result: ServerCounters = { received: traffic.received(), answered: traffic.answered(), cpuMicros: cpu.user + cpu.system, mainThreadCpuMicros: main.user + main.system, atMs: performance.now() };
  if (history) {
    result.runs = history.runs;
    result.settleMs = history.settleMs;
    result.upkeepMs = history.upkeepMs;
  }
  return result;
}

/** A soak reading of this process: memory, traffic and CPU so far, plus the history's lag when given. */
export function soakSample(traffic: { received(): number }, history?: { backlogRuns: number; lagMs: number }): SoakSample {
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  return { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, received: traffic.received(), cpuMicros: cpu.user + cpu.system, atMs: performance.now(), ...history };
}

/**
 * Serves the parent's requests: `snapshot` answers with `snapshot()`'s counters, `sample`
 * with `sample()`'s reading (taken at once, under load), `stop` calls `stop()` then
 * exits (a normal exit, so `--cpu-prof` writes its profile).
 */
export function serveParent(snapshot: () => Promise<ServerCounters>, stop: () => Promise<void>, sample: () => SoakSample): void {
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'sample') {
      tell({ type: 'sample', sample: sample() });
    } else if (message.type === 'snapshot') {
      snapshot().then(
        (result) => tell({ type: 'snapshot', counters: result }),
        (error: unknown) => tell({ type: 'failed', message: (error as Error).message }),
      );
    } else if (message.type === 'stop') {
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`bench server: stop failed: ${(error as Error).message}\n`);
          process.exit(1);
        },
      );
    }
  });
  // The parent went away (Ctrl+C, crash): do not linger as an orphan server.
  process.on('disconnect', () => process.exit(0));
}

/** Reads the child's JSON config from argv[2]. */
export function childConfig<T>(): T {
  const text = process.argv[2];
  if (!text) throw new Error('bench server: missing JSON config argument (this file is started by bench/request-response.bench.ts).');
  return JSON.parse(text) as T;
}
