/**
 * `triggerbench serve` start-up benchmark: `node bench/serve-startup.bench.ts [runs]`
 * (default 7). Times how long `serve --json` takes to print its `ready` line, warm (the
 * data folder already holds its keys and certificates, the files are in the OS cache),
 * against a bare `node -e` of the same binary measured in the same run. Prints the
 * median, the range, and the verdict against the 250 ms target (docs/benchmarks.md).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchWorkspace } from './request-response/workspace.ts';

/** `serve` ready within this many ms, warm (docs/benchmarks.md). */
const TARGET_MS = 250;

const RUNS = Number(process.argv[2] ?? 7);
if (!Number.isInteger(RUNS) || RUNS < 1) {
  process.stderr.write('Usage: node bench/serve-startup.bench.ts [runs]   (runs: a whole number above 0, default 7)\n');
  process.exit(2);
}
const CLI = fileURLToPath(new URL('../bin/triggerbench.mjs', import.meta.url));

/** Starts a process and resolves with the ms until `ready` says its first stdout line is the one, then stops it. */
function timeUntil(args: string[], ready: (line: string) => boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let done = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.trim() !== '' && out.includes('\n'));
      if (!done && line !== undefined && ready(line)) {
        done = true;
        const ms = performance.now() - started;
        child.once('exit', () => resolve(ms));
        child.kill('SIGINT');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.once('exit', (code) => {
      if (!done) reject(new Error(`${args.join(' ')} exited (${code}) before its ready line:\n${out}${err}`));
    });
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const fmt = (n: number): string => n.toFixed(0);

const work = await mkdtemp(join(tmpdir(), 'triggerbench-startup-'));
try {
  const workspace = join(work, 'workspace');
  const dataDir = join(work, 'data');
  await writeBenchWorkspace(workspace);
  const serveArgs = [CLI, 'serve', workspace, '--port', '0', '--data-dir', dataDir, '--json'];
  const isReady = (line: string): boolean => (JSON.parse(line) as { event?: string }).event === 'ready';
  // The first start creates the data folder (CA, leaves, keys, issuer): not a warm start.
  const cold = await timeUntil(serveArgs, isReady);
  const bare: number[] = [];
  const serve: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(await timeUntil(['-e', 'console.log("ready"); setInterval(() => {}, 1000)'], (line) => line === 'ready'));
    serve.push(await timeUntil(serveArgs, isReady));
  }
  const ready = median(serve);
  process.stdout.write(
    [
      `serve start-up, ${RUNS} warm starts (Node ${process.version}); the first, which creates the data folder, took ${fmt(cold)} ms`,
      `bare node -e:           median ${fmt(median(bare))} ms (${fmt(Math.min(...bare))}-${fmt(Math.max(...bare))})`,
      `triggerbench serve:     median ${fmt(ready)} ms (${fmt(Math.min(...serve))}-${fmt(Math.max(...serve))}), ${fmt(ready - median(bare))} ms above bare node`,
      `serve ready, warm: ${fmt(ready)} ms  target <= ${TARGET_MS}: ${ready <= TARGET_MS ? 'MET' : 'NOT MET'}`,
      '',
    ].join('\n'),
  );
} finally {
  await rm(work, { recursive: true, force: true });
}
