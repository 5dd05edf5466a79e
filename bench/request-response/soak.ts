import type { ServerChild } from './child.ts';
import { percentile, runLoad, type LoadResult } from './load.ts';
import type { SoakSample } from './protocol.ts';

/** One window of the soak: what the load generator saw and what the server reported at its end. */
export interface SoakWindow {
  /** Seconds since the soak started, at the end of the window. */
  atSeconds: number;
  requestsPerSecond: number;
  p99Ms: number;
  sample: SoakSample;
}

/** The whole soak: its windows, the load phase's totals, and whether memory and the history's lag stayed flat. */
export interface SoakResult {
  windows: SoakWindow[];
  load: LoadResult;
  /** RSS of the last half's highest reading over the first half's highest (after the first window, which warms up). */
  rssGrowth: number;
  /** The history's worst lag seen in any reading, ms, and its worst backlog of runs. */
  maxLagMs: number;
  maxBacklogRuns: number;
  /** Its lag in the last half over the first half's (worst readings), as a trend. */
  lagGrowthMs: number;
  flat: boolean;
}

/** RSS may grow this much from the first half to the second (allocator noise, JIT) and still count as flat. */
export const FLAT_RSS_GROWTH = 1.1;
/** The history's lag (oldest run answered but not yet committed) that still counts as keeping up, ms. */
export const FLAT_LAG_MS = 1000;

/**
 * Loads one server for `seconds` and reads it every `intervalSeconds` while the load
 * runs: requests/s and p99 per window (client side), RSS, heap and the history's lag
 * (server side, taken at once, nothing flushed). A recorder that falls behind, or a
 * leak, shows as a column that climbs.
 */
export async function runSoak(server: ServerChild, options: { body: string; connections: number; seconds: number; intervalSeconds: number }): Promise<SoakResult> {
  let window: number[] = [];
  const windows: SoakWindow[] = [];
  const started = performance.now();
  let last = started;
  const loaded = runLoad({ port: server.port, path: server.path, body: options.body, connections: options.connections, durationSeconds: options.seconds, onLatency: (ms) => window.push(ms) });
  let done = false;
  void loaded.finally(() => (done = true)).catch(() => undefined);
  const intervalMs = options.intervalSeconds * 1000;
  while (!done) {
    // Wakes at the next reading, or when the load ends (whichever is first).
    const wait = started + (windows.length + 1) * intervalMs - performance.now();
    await Promise.race([new Promise((resolve) => setTimeout(resolve, Math.max(0, wait))), loaded.catch(() => undefined)]);
    if (done) break;
    const sample = await server.sample();
    const now = performance.now();
    const latencies = Float64Array.from(window).sort();
    windows.push({ atSeconds: (now - started) / 1000, requestsPerSecond: latencies.length / ((now - last) / 1000), p99Ms: percentile(latencies, 99), sample });
    window = [];
    last = now;
  }
  const load = await loaded;
  const settled = windows.slice(1);
  const half = Math.ceil(settled.length / 2);
  const highest = (list: SoakWindow[], f: (w: SoakWindow) => number): number => Math.max(0, ...list.map(f));
  const rssGrowth = settled.length >= 2 ? highest(settled.slice(half), (w) => w.sample.rssBytes) / highest(settled.slice(0, half), (w) => w.sample.rssBytes) : 1;
  const lagGrowthMs = settled.length >= 2 ? highest(settled.slice(half), (w) => w.sample.lagMs ?? 0) - highest(settled.slice(0, half), (w) => w.sample.lagMs ?? 0) : 0;
  const maxLagMs = highest(windows, (w) => w.sample.lagMs ?? 0);
  const maxBacklogRuns = highest(windows, (w) => w.sample.backlogRuns ?? 0);
  return { windows, load, rssGrowth, maxLagMs, maxBacklogRuns, lagGrowthMs, flat: rssGrowth <= FLAT_RSS_GROWTH && maxLagMs <= FLAT_LAG_MS };
}

const num = (n: number, digits = 0): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number): string => num(bytes / 1024 / 1024, 1);

/** The soak's readings as a table, then the verdict line. */
export function soakReport(result: SoakResult, connections: number): string {
  const header = ['t s', 'requests/s', 'p99 ms', 'RSS MB', 'heap MB', 'backlog runs', 'history lag ms'];
  const cells = result.windows.map((w) => [num(w.atSeconds), num(w.requestsPerSecond), num(w.p99Ms, 3), mb(w.sample.rssBytes), mb(w.sample.heapUsedBytes), num(w.sample.backlogRuns ?? 0), num(w.sample.lagMs ?? 0, 1)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]): string => c.map((v, i) => v.padStart(widths[i]!)).join('  ');
  return [
    `soak: runtime alone, ${connections} connections, ${num(result.load.seconds)} s, ${num(result.load.requestsPerSecond)} requests/s overall, p99 ${num(result.load.p99Ms, 3)} ms, ${num(result.load.errors)} errors`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map(line),
    `soak verdict: RSS last half / first half ${result.rssGrowth.toFixed(3)} (flat <= ${FLAT_RSS_GROWTH}); history lag at most ${num(result.maxLagMs, 1)} ms (keeping up <= ${FLAT_LAG_MS}), ` +
      `${result.lagGrowthMs >= 0 ? '+' : ''}${num(result.lagGrowthMs, 1)} ms from first half to last; backlog at most ${num(result.maxBacklogRuns)} runs => ${result.flat ? 'FLAT' : 'NOT FLAT'}`,
  ].join('\n');
}
