import type { LoadResult } from './load.ts';

/** The ratio runtime/bare requests/s that issue 2 sets as the target. */
export const TARGET_RATIO = 0.75;

/** What one server's measured phase gave. */
export interface ServerFigures {
  label: string;
  load: LoadResult;
  /** Requests that reached the server in the measured phase. */
  received: number;
  /** Responses the server finished writing in the measured phase. */
  answered: number;
  /** Runs the history recorded in the measured phase (runtime only). */
  runs?: number;
  /** After the phase: ms until every call's run was finished and in the history (runtime only). */
  settleMs?: number;
  /** Then: ms the deferred search-index merging took, done at once and counted in the CPU figures (runtime only). */
  upkeepMs?: number;
  /** CPU the server process used, as a share of one core. */
  serverCpu: number;
  /** CPU the server process used per request received, microseconds (all its threads). */
  cpuMicrosPerRequest: number;
  /** The part of it spent on the main thread (HTTP, TLS, the pipeline); the rest is other threads (the history writer). */
  mainThreadCpuMicrosPerRequest: number;
}

/** One round: both servers measured, and the ratio of their requests/s. */
export interface Round {
  runtime: ServerFigures;
  bare: ServerFigures;
  ratio: number;
}

const num = (n: number, digits = 0): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (n: number): string => `${Math.round(n * 100)}%`;

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The figures as a fixed-width table, one row per server (per round). */
export function figuresTable(rows: ServerFigures[]): string {
  const header = ['server', 'requests/s', 'p50 ms', 'p99 ms', 'responses', 'errors', 'non-2xx', 'server CPU', 'CPU us/req', 'main thread', 'loadgen CPU'];
  const cells = rows.map((r) => [
    r.label,
    num(r.load.requestsPerSecond),
    num(r.load.p50Ms, 3),
    num(r.load.p99Ms, 3),
    num(r.load.responses),
    num(r.load.errors),
    num(r.load.non2xx),
    pct(r.serverCpu),
    num(r.cpuMicrosPerRequest),
    num(r.mainThreadCpuMicrosPerRequest),
    pct(r.load.cpuMicros / 1e6 / r.load.seconds),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]): string => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** The verdict line: ratio of requests/s (median over rounds) against the 0.75 target. */
export function ratioLine(rounds: Round[]): string {
  const ratio = median(rounds.map((r) => r.ratio));
  const each = rounds.length > 1 ? ` (median of ${rounds.length} rounds: ${rounds.map((r) => r.ratio.toFixed(3)).join(', ')})` : '';
  return `ratio runtime/bare requests/s: ${ratio.toFixed(3)}${each}  target >= ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'MET' : 'NOT MET'}`;
}

/**
 * Checks that recording was on for every call: each request that reached the runtime in
 * a measured phase has a run, and the load generator saw all but the calls still in
 * flight when it stopped (at most one per connection).
 */
export function historyCheck(runtime: ServerFigures[], connections: number): { ok: boolean; text: string } {
  const sum = (f: (s: ServerFigures) => number): number => runtime.reduce((total, s) => total + f(s), 0);
  const runs = sum((s) => s.runs ?? 0);
  const received = sum((s) => s.received);
  const responses = sum((s) => s.load.responses);
  const ok = runtime.every((s) => (s.runs ?? 0) > 0 && s.runs === s.received && s.received - s.load.responses >= 0 && s.received - s.load.responses <= connections);
  const cutOff = received - responses;
  const text =
    `history: ${num(runs)} runs recorded during the measured phase${runtime.length > 1 ? 's' : ''}; the runtime received ${num(received)} calls and ` +
    `answered ${num(sum((s) => s.answered))}; the load generator got ${num(responses)} responses` +
    (cutOff > 0 ? ` (${cutOff} call(s) in flight when it stopped, recorded too)` : '') +
    `; the history held them all ${num(Math.max(...runtime.map((s) => s.settleMs ?? 0)))} ms after the load stopped` +
    ` (then ${num(Math.max(...runtime.map((s) => s.upkeepMs ?? 0)))} ms of deferred search-index merging, in the CPU figures)` +
    ` => ${ok ? 'OK: every call was recorded' : 'MISMATCH: recording missed calls or the counts disagree'}`;
  return { ok, text };
}
