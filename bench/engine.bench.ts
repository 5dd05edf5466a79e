/**
 * Engine benchmark (docs/benchmarks.md, "Engine"): the run time of a 50-action workflow
 * (variables, a 100-item Foreach, conditions, Compose) against a single-Compose workflow,
 * both measured in the same process, in alternating rounds, through `executeRun` (the
 * engine alone: no listener, no TLS, no history). Prints per-run times and the ratio.
 *
 *   node bench/engine.bench.ts [--duration S] [--rounds N] [--json]
 */
import { parseArgs } from 'node:util';
import type { WorkflowDefinition } from '../src-shared/workflow/types.ts';
import { executeRun } from '../src-main/runtime/engine.ts';
import type { RunEnvironment } from '../src-main/runtime/run-types.ts';
import { countActions, fiftyActionDefinition, singleComposeDefinition } from './engine/workflows.ts';

const USAGE = 'usage: node bench/engine.bench.ts [--duration S (default 3)] [--rounds N (default 3)] [--json]';

function options(): { duration: number; rounds: number; json: boolean } {
  try {
    const { values } = parseArgs({ options: { duration: { type: 'string', default: '3' }, rounds: { type: 'string', default: '3' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    const duration = Number(values.duration);
    const rounds = Number(values.rounds);
    if (!(duration > 0) || !Number.isInteger(rounds) || rounds < 1) throw new Error('--duration must be > 0 and --rounds a whole number ≥ 1');
    return { duration, rounds, json: values.json };
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

function environment(definition: WorkflowDefinition, runIndex: number): RunEnvironment {
  return {
    runId: `0858400000000000000000${String(runIndex).padStart(7, '0')}CU00`,
    workflowName: 'bench',
    definition,
    parameters: {},
    appSettings: {},
    trigger: { name: 'manual', inputs: {}, outputs: { headers: {}, queries: {}, relativePathParameters: {}, body: { name: 'bench' } }, startTime: '', endTime: '', status: 'Succeeded', trackingId: 't', clientTrackingId: 'c', originHistoryName: 'r' },
    respond: () => 'sent',
    signal: new AbortController().signal,
  };
}

interface Measured {
  runs: number;
  medianMs: number;
  p95Ms: number;
  meanMs: number;
  actionRuns: number;
}

/** Runs the workflow back to back for `seconds`; every run must succeed. */
async function measure(definition: WorkflowDefinition, seconds: number): Promise<Measured> {
  const times: number[] = [];
  let actionRuns = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const started = performance.now();
    const outcome = await executeRun(environment(definition, times.length));
    times.push(performance.now() - started);
    if (outcome.status !== 'Succeeded') throw new Error(`a bench run ended ${outcome.status}: ${JSON.stringify(outcome.error)}`);
    actionRuns = outcome.actions.length;
  }
  times.sort((a, b) => a - b);
  const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { runs: times.length, medianMs: at(0.5), p95Ms: at(0.95), meanMs: times.reduce((a, b) => a + b, 0) / times.length, actionRuns };
}

const { duration, rounds, json } = options();
const single = singleComposeDefinition() as WorkflowDefinition;
const fifty = fiftyActionDefinition() as WorkflowDefinition;
// Warm both up (JIT, caches) before measuring.
await measure(single, 0.5);
await measure(fifty, 0.5);
const results: { round: number; single: Measured; fifty: Measured; ratio: number }[] = [];
for (let round = 1; round <= rounds; round++) {
  const a = await measure(single, duration);
  const b = await measure(fifty, duration);
  results.push({ round, single: a, fifty: b, ratio: b.medianMs / a.medianMs });
}
const fmt = (ms: number): string => (ms < 1 ? `${(ms * 1000).toFixed(0)} us` : `${ms.toFixed(2)} ms`);
console.log(`engine benchmark: ${countActions(fifty.actions as never)} actions (${results[0]!.fifty.actionRuns} action runs per run) vs single Compose (${results[0]!.single.actionRuns} action runs), ${duration} s each, ${rounds} round(s)`);
console.log('round  workflow          runs    median     p95        mean       per action run');
for (const r of results) {
  for (const [label, m] of [['single Compose', r.single], ['50 actions', r.fifty]] as const) {
    console.log(`${String(r.round).padEnd(6)} ${label.padEnd(17)} ${String(m.runs).padEnd(7)} ${fmt(m.medianMs).padEnd(10)} ${fmt(m.p95Ms).padEnd(10)} ${fmt(m.meanMs).padEnd(10)} ${fmt(m.medianMs / m.actionRuns)}`);
  }
  console.log(`${String(r.round).padEnd(6)} ratio (50 actions / single Compose, median): ${r.ratio.toFixed(1)}x`);
}
const ratios = results.map((r) => r.ratio).sort((a, b) => a - b);
console.log(`median ratio over ${rounds} round(s): ${ratios[Math.floor(ratios.length / 2)]!.toFixed(1)}x`);
if (json) console.log(JSON.stringify({ duration, rounds, results }));
