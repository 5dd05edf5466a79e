/**
 * Request→Response benchmark (docs/benchmarks.md): `node bench/request-response.bench.ts`
 * or `npm run bench`. In one run it measures, one at a time and each in its own child
 * process, (1) the Triggerbench runtime serving the sample account workflow with SAS
 * auth, schema validation and run recording on, and (2) a bare node:https server with
 * the same TLS options and certificates returning the very bytes the runtime returned.
 * The load generator (autocannon, keep-alive) runs in this process, never in a server's.
 * At 10, then 50 connections (by default) it prints requests/s, p50/p99, errors, CPU,
 * and verdicts against the targets (ratio runtime/bare, CPU per request, p99 against
 * bare's), figures either way; `--soak` adds a long run of the runtime alone with RSS
 * and the history's lag read as it goes. Every phase checks that the history recorded
 * every call.
 * See docs/benchmarks.md.
 */
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { loadOrCreateTlsMaterial } from '../src-main/tls/certificate-authority.ts';
import { BenchArgsError, parseBenchArgs, USAGE, type BenchOptions } from './request-response/args.ts';
import { startServerChild, type ServerChild } from './request-response/child.ts';
import { runLoad, type LoadResult } from './request-response/load.ts';
import type { ServerCounters } from './request-response/protocol.ts';
import { figuresTable, historyCheck, TARGETS, verdictLines, verdicts, type Round, type ServerFigures } from './request-response/report.ts';
import { runSoak, soakReport, type SoakResult } from './request-response/soak.ts';
import { comparableHead, replayableHeaders, sampleCall } from './request-response/sample-call.ts';
import { ACCOUNT_PAYLOAD, BENCH_WORKFLOW, writeBenchWorkspace } from './request-response/workspace.ts';

/** One connection count's rounds, and its recording check. */
interface Series {
  connections: number;
  rounds: Round[];
  history: { ok: boolean; text: string };
}

/** A server's figures for one load phase, from the counters read before and after it. */
function phaseFigures(label: string, load: LoadResult, before: ServerCounters, after: ServerCounters): ServerFigures {
  const received = after.received - before.received;
  const figures: ServerFigures = {
    label,
    load,
    received,
    answered: after.answered - before.answered,
    serverCpu: (after.cpuMicros - before.cpuMicros) / 1000 / (after.atMs - before.atMs),
    cpuMicrosPerRequest: (after.cpuMicros - before.cpuMicros) / Math.max(1, received),
    mainThreadCpuMicrosPerRequest: (after.mainThreadCpuMicros - before.mainThreadCpuMicros) / Math.max(1, received),
  };
  if (after.runs !== undefined && before.runs !== undefined) figures.runs = after.runs - before.runs;
  if (after.settleMs !== undefined) figures.settleMs = after.settleMs;
  if (after.upkeepMs !== undefined) figures.upkeepMs = after.upkeepMs;
  return figures;
}

/** Warm-up, then the measured phase, with server counters read around the measured phase. */
async function measure(label: string, server: ServerChild, body: string, options: { warmupSeconds: number; durationSeconds: number; connections: number }): Promise<ServerFigures> {
  process.stderr.write(`${label}: ${options.connections} connections, warm-up ${options.warmupSeconds} s, then ${options.durationSeconds} s measured...\n`);
  const load = { port: server.port, path: server.path, body, connections: options.connections };
  await runLoad({ ...load, durationSeconds: options.warmupSeconds });
  const before = await server.snapshot();
  const result = await runLoad({ ...load, durationSeconds: options.durationSeconds });
  const after = await server.snapshot();
  return phaseFigures(label, result, before, after);
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof BenchArgsError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const work = await mkdtemp(join(tmpdir(), 'triggerbench-bench-'));
  const children: ServerChild[] = [];
  // Ctrl+C: the children exit when their IPC channel closes; the temp folder goes here.
  process.once('SIGINT', () => {
    rmSync(work, { recursive: true, force: true });
    process.exit(130);
  });
  try {
    const dataDir = join(work, 'data');
    const workspaceRoot = join(work, 'workspace');
    await writeBenchWorkspace(workspaceRoot);
    const body = JSON.stringify(ACCOUNT_PAYLOAD);
    const profileArgs = async (server: 'runtime' | 'bare'): Promise<string[]> => {
      if (!options.profileDir) return [];
      const dir = join(resolve(options.profileDir), server);
      await mkdir(dir, { recursive: true });
      return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
    };

    // The runtime, and one checked call with a client that trusts only the exported CA.
    const runtime = await startServerChild('runtime-server.ts', { dataDir, workspaceRoot, workflow: BENCH_WORKFLOW }, await profileArgs('runtime'));
    children.push(runtime);
    const tls = await loadOrCreateTlsMaterial(dataDir, { hostnames: ['127.0.0.1'] });
    const sample = await sampleCall(runtime.port, runtime.path, body, tls.caCertPem);
    if (sample.status !== 200 || !isDeepStrictEqual(JSON.parse(sample.body.toString('utf8')), ACCOUNT_PAYLOAD)) {
      process.stderr.write(`The runtime did not echo the payload: HTTP ${sample.status} ${sample.body.toString('utf8')}\n`);
      return 1;
    }
    // The bare server replays that response (status, headers, body) and must match it.
    const bare = await startServerChild('bare-server.ts', { dataDir, path: runtime.path, status: sample.status, headers: replayableHeaders(sample.rawHeaders), bodyBase64: sample.body.toString('base64') }, await profileArgs('bare'));
    children.push(bare);
    const bareSample = await sampleCall(bare.port, bare.path, body, tls.caCertPem);
    if (comparableHead(bareSample) !== comparableHead(sample) || !bareSample.body.equals(sample.body)) {
      process.stderr.write(`The bare server's response differs from the runtime's:\n${comparableHead(bareSample)}\nvs\n${comparableHead(sample)}\n`);
      return 1;
    }

    // Only one server is under load at a time (the other sleeps in epoll); rounds alternate
    // which goes first so drift on a shared machine does not favour one side. Each
    // connection count is a series of its own, with its own table and verdicts.
    const series: Series[] = [];
    for (const connections of options.connections) {
      const rounds: Round[] = [];
      for (let round = 1; round <= options.rounds; round++) {
        const suffix = `${options.connections.length > 1 ? ` c${connections}` : ''}${options.rounds > 1 ? ` #${round}` : ''}`;
        const at = { ...options, connections };
        let runtimeFigures: ServerFigures;
        let bareFigures: ServerFigures;
        if (round % 2 === 1) {
          runtimeFigures = await measure(`runtime${suffix}`, runtime, body, at);
          bareFigures = await measure(`bare https${suffix}`, bare, body, at);
        } else {
          bareFigures = await measure(`bare https${suffix}`, bare, body, at);
          runtimeFigures = await measure(`runtime${suffix}`, runtime, body, at);
        }
        rounds.push({ runtime: runtimeFigures, bare: bareFigures, ratio: runtimeFigures.load.requestsPerSecond / bareFigures.load.requestsPerSecond });
      }
      series.push({ connections, rounds, history: historyCheck(rounds.map((r) => r.runtime), connections) });
    }
    const highest = Math.max(...options.connections);

    // The soak: the runtime alone, long enough to see memory or the history's lag climb.
    let soak: { result: SoakResult; history: { ok: boolean; text: string } } | undefined;
    if (options.soakSeconds > 0) {
      const connections = options.connections.at(-1)!;
      process.stderr.write(`soak: runtime alone, ${connections} connections, ${options.soakSeconds} s, a reading every ${options.soakIntervalSeconds} s...\n`);
      const before = await runtime.snapshot();
      const result = await runSoak(runtime, { body, connections, seconds: options.soakSeconds, intervalSeconds: options.soakIntervalSeconds });
      const after = await runtime.snapshot();
      const figures = phaseFigures('runtime soak', result.load, before, after);
      soak = { result, history: historyCheck([figures], connections) };
    }
    await Promise.all(children.splice(0).map((child) => child.stop()));

    const responseBytes = Buffer.byteLength(comparableHead(sample)) + sample.body.length;
    const lines = [
      '',
      `Request->Response benchmark: ${options.connections.join(' then ')} keep-alive connections, ${options.durationSeconds} s measured after ${options.warmupSeconds} s warm-up, per server${options.rounds > 1 ? `, ${options.rounds} rounds` : ''}`,
      `Node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'CPU'}; ${sample.protocol} ${sample.cipher}; POST ${body.length} B JSON, response ~${responseBytes} B (${sample.rawHeaders.length / 2} headers)`,
      'load generator: autocannon in the benchmark process; each server in its own child process',
    ];
    for (const s of series) {
      lines.push('', `${s.connections} connections:`, figuresTable(s.rounds.flatMap((r) => [r.bare, r.runtime])), '', verdictLines(s.rounds, s.connections === highest), s.history.text);
    }
    if (soak) lines.push('', soakReport(soak.result, options.connections.at(-1)!), soak.history.text);
    lines.push('');
    process.stdout.write(lines.join('\n'));
    if (options.json) {
      const row = (f: ServerFigures) => ({ requestsPerSecond: f.load.requestsPerSecond, p50Ms: f.load.p50Ms, p99Ms: f.load.p99Ms, responses: f.load.responses, errors: f.load.errors, non2xx: f.load.non2xx, serverCpu: f.serverCpu, cpuMicrosPerRequest: f.cpuMicrosPerRequest, mainThreadCpuMicrosPerRequest: f.mainThreadCpuMicrosPerRequest, received: f.received, runs: f.runs, settleMs: f.settleMs, upkeepMs: f.upkeepMs });
      const json = {
        targets: TARGETS,
        series: series.map((s) => ({ connections: s.connections, rounds: s.rounds.map((r) => ({ bare: row(r.bare), runtime: row(r.runtime), ratio: r.ratio })), ...verdicts(s.rounds, s.connections === highest), historyOk: s.history.ok })),
        soak: soak && { windows: soak.result.windows, requestsPerSecond: soak.result.load.requestsPerSecond, p99Ms: soak.result.load.p99Ms, rssGrowth: soak.result.rssGrowth, maxLagMs: soak.result.maxLagMs, maxBacklogRuns: soak.result.maxBacklogRuns, flat: soak.result.flat, historyOk: soak.history.ok },
        durationSeconds: options.durationSeconds,
      };
      process.stdout.write(`${JSON.stringify(json)}\n`);
    }
    if (options.profileDir) process.stdout.write(`CPU profiles written to ${resolve(options.profileDir)}/{runtime,bare}; read one with: node bench/cpu-profile-top.ts FILE\n`);
    // The verdicts are reported either way; only a broken run (calls not recorded, errors) fails.
    const historyOk = series.every((s) => s.history.ok) && (soak?.history.ok ?? true);
    const errors = series.some((s) => s.rounds.some((r) => r.runtime.load.errors > 0 || r.bare.load.errors > 0)) || (soak?.result.load.errors ?? 0) > 0;
    return historyOk && !errors ? 0 : 1;
  } finally {
    await Promise.all(children.map((child) => child.stop().catch(() => undefined)));
    await rm(work, { recursive: true, force: true });
  }
}

process.exitCode = await main();
