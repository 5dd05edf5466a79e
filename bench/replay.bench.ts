/**
 * Replay benchmark: `node bench/replay.bench.ts [--cases N] [--json]` (default 200).
 * Prints figures only, never pass/fail: what starting the headless runtime costs once,
 * what replaying one recording costs (read and validate the file, sign, send, compare),
 * and, measured in the same run as the baseline, the same call sent directly with the
 * same HTTP client and a URL signed in advance. See docs/benchmarks.md.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { readRecording, recordingText } from '../src-main/replay/recording-files.ts';
import { replayClient, replayFiles, replayOne, replayRequest } from '../src-main/replay/replay-runner.ts';
import { startHeadlessTarget } from '../src-main/replay/replay-target.ts';
import type { Recording } from '../src-shared/exchange/recording.ts';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '200' }, json: { type: 'boolean', default: false } } });
const CASES = Number(values.cases);

const root = mkdtempSync(join(tmpdir(), 'tb-replay-bench-ws-'));
const dataDir = mkdtempSync(join(tmpdir(), 'tb-replay-bench-data-'));
const recordings = join(root, '.triggerbench', 'recordings');
mkdirSync(join(root, 'orders'), { recursive: true });
mkdirSync(recordings, { recursive: true });
writeFileSync(
  join(root, 'orders', 'workflow.json'),
  JSON.stringify({
    definition: {
      $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
      contentVersion: '1.0.0.0',
      triggers: { manual: { type: 'Request', kind: 'Http', inputs: { method: 'POST', relativePath: '/orders/{id}' } } },
      actions: {
        Response: {
          type: 'Response',
          kind: 'Http',
          inputs: { statusCode: 201, headers: { 'Content-Type': 'application/json' }, body: { id: "@triggerOutputs()['relativePathParameters']['id']", qty: "@triggerBody()?['qty']", run: '@{workflow().run.name}' } },
          runAfter: {},
        },
      },
      outputs: {},
    },
    kind: 'Stateful',
  }),
);

const recordingFor = (n: number): Recording => ({
  format: 'triggerbench-recording',
  version: 1,
  name: `order-${n}`,
  workflow: 'orders',
  trigger: 'manual',
  request: { method: 'POST', relativePath: `orders/${n}`, headers: { 'content-type': 'application/json' }, body: { json: { qty: n % 7 } }, auth: { scheme: 'SAS', keyType: 'primary' } },
  expected: { status: 201, headers: { 'Content-Type': 'application/json' }, body: { json: { id: String(n), qty: n % 7, run: 'x' } } },
  volatile: { headers: [], body: ['/run'] },
});
const files: string[] = [];
for (let n = 0; n < CASES; n++) {
  const file = join(recordings, `order-${n}.recording.json`);
  writeFileSync(file, recordingText(recordingFor(n)));
  files.push(file);
}

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

try {
  const target = await startHeadlessTarget(root, dataDir);
  try {
    // Warm-up: the first calls pay for JIT and the first TLS session.
    await replayFiles(files.slice(0, 10), target);

    // Baseline and replay interleaved case by case, so both meet the same load (the
    // history writer catching up, other processes): the same call sent directly with the
    // same client and a URL signed in advance, then the recording replayed from its file.
    const client = replayClient(target);
    const direct: number[] = [];
    const results: Awaited<ReturnType<typeof replayOne>>[] = [];
    const wall: number[] = [];
    for (let n = 0; n < CASES; n++) {
      // Alternate which goes first, so neither always follows the other's run being recorded.
      const measureDirect = async () => {
        const request = await replayRequest(recordingFor(n), target);
        const started = performance.now();
        const response = await client.send(request);
        direct.push(performance.now() - started);
        if ('error' in response || response.status !== 201) throw new Error(`baseline call failed: ${JSON.stringify(response)}`);
      };
      const measureReplay = async () => {
        const started = performance.now();
        results.push(await replayOne(files[n]!, await readRecording(files[n]!), target, client, false));
        wall.push(performance.now() - started);
      };
      if (n % 2 === 0) {
        await measureDirect();
        await measureReplay();
      } else {
        await measureReplay();
        await measureDirect();
      }
    }
    const total = wall.reduce((a, b) => a + b, 0);
    const failed = results.filter((r) => r.result !== 'passed');
    if (failed.length > 0) throw new Error(`${failed.length} cases did not pass: ${JSON.stringify(failed[0])}`);
    const perCase = results.map((r) => r.ms);
    const figures = {
      cases: CASES,
      runtimeStartMs: Math.round(target.startMs),
      replayMedianMs: Number(quantile(perCase, 0.5).toFixed(2)),
      replayP95Ms: Number(quantile(perCase, 0.95).toFixed(2)),
      replayWallPerCaseMs: Number(quantile(wall, 0.5).toFixed(2)),
      directMedianMs: Number(quantile(direct, 0.5).toFixed(2)),
      ratioReplayToDirect: Number((quantile(perCase, 0.5) / quantile(direct, 0.5)).toFixed(2)),
      casesPerRuntimeStart: Number((target.startMs / (total / CASES)).toFixed(1)),
    };
    if (values.json) {
      process.stdout.write(`${JSON.stringify(figures)}\n`);
    } else {
      process.stdout.write(
        [
          `replay benchmark: ${CASES} recordings against a headless runtime`,
          `  runtime start (once)            ${figures.runtimeStartMs} ms`,
          `  replay per case  median / p95   ${figures.replayMedianMs} / ${figures.replayP95Ms} ms (median ${figures.replayWallPerCaseMs} ms with the file read, validated and compared)`,
          `  direct call (baseline) median   ${figures.directMedianMs} ms`,
          `  ratio replay / direct           ${figures.ratioReplayToDirect}`,
          `  cases replayed in one start's time  ${figures.casesPerRuntimeStart}`,
          '',
        ].join('\n'),
      );
    }
  } finally {
    await target.close();
  }
} finally {
  rmSync(root, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
}
