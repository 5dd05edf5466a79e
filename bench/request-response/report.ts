import type { LoadResult } from './load.ts';

/**
 * The speed targets, all against the bare server measured in the same run (see
 * docs/benchmarks.md for why these and not a higher target this machine cannot reach).
 */
export const TARGETS = {
  /** Requests/s of the runtime over the bare server's, median of rounds. */
  ratio: 0.3,
  /** Server CPU per request, all threads (history writer and deferred index work included), microseconds. */
  cpuMicrosPerRequest: 120,
  /** The runtime's p99 latency over the bare server's, at the highest connection count measured. */
  p99OverBare: 3,
};


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

const verdict = (met: boolean): string => (met ? 'MET' : 'NOT MET');
const eachRound = (values: number[], digits: number): string => (values.length > 1 ? ` (median of ${values.length} rounds: ${values.map((v) => v.toFixed(digits)).join(', ')})` : '');

/** The verdicts of one connection count, medians over rounds. */
export interface Verdicts {
  ratio: number;
  cpuMicrosPerRequest: number;
  mainThreadCpuMicrosPerRequest: number;
  p99OverBare: number;
  ratioMet: boolean;
  cpuMet: boolean;
  /** Only judged at the highest connection count (the target's); undefined elsewhere. */
  p99Met?: boolean;
}

/** Medians of the rounds, against the targets; `judgeP99` where the p99 target applies. */
export function verdicts(rounds: Round[], judgeP99: boolean): Verdicts {
  const ratio = median(rounds.map((r) => r.ratio));
  const cpu = median(rounds.map((r) => r.runtime.cpuMicrosPerRequest));
  const p99 = median(rounds.map((r) => r.runtime.load.p99Ms / r.bare.load.p99Ms));
  return {
    ratio,
    cpuMicrosPerRequest: cpu,
    mainThreadCpuMicrosPerRequest: median(rounds.map((r) => r.runtime.mainThreadCpuMicrosPerRequest)),
    p99OverBare: p99,
    ratioMet: ratio >= TARGETS.ratio,
    cpuMet: cpu <= TARGETS.cpuMicrosPerRequest,
    p99Met: judgeP99 ? p99 <= TARGETS.p99OverBare : undefined,
  };
}

/** The verdict lines of one connection count: ratio, CPU per request, p99 against bare's. */
export function verdictLines(rounds: Round[], judgeP99: boolean): string {
  const v = verdicts(rounds, judgeP99);
  return [
    `ratio runtime/bare requests/s: ${v.ratio.toFixed(3)}${eachRound(rounds.map((r) => r.ratio), 3)}  target >= ${TARGETS.ratio}: ${verdict(v.ratioMet)}`,
    `runtime CPU per request (all threads): ${num(v.cpuMicrosPerRequest)} us, main thread ${num(v.mainThreadCpuMicrosPerRequest)} us${eachRound(rounds.map((r) => r.runtime.cpuMicrosPerRequest), 0)}  target <= ${TARGETS.cpuMicrosPerRequest}: ${verdict(v.cpuMet)}`,
    `p99 runtime/bare: ${v.p99OverBare.toFixed(1)}x${eachRound(rounds.map((r) => r.runtime.load.p99Ms / r.bare.load.p99Ms), 1)}` +
      (v.p99Met === undefined ? `  (the <= ${TARGETS.p99OverBare}x target is judged at the highest connection count)` : `  target <= ${TARGETS.p99OverBare}x: ${verdict(v.p99Met)}`),
  ].join('\n');
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
