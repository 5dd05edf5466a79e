/**
 * Child process: the Triggerbench runtime under test. Started by
 * bench/request-response.bench.ts with a RuntimeServerConfig; serves the benchmark
 * workspace through the real workbench core (listener, SAS auth, schema validation,
 * engine, Response, run history), exactly as `triggerbench serve` does.
 */
import { performance } from 'node:perf_hooks';
import { createWorkbench } from '../../src-main/core/workbench.ts';
import { finishIndexUpkeep } from '../../src-main/history/history.ts';
import { childConfig, countHttpTraffic, counters, serveParent, soakSample, tell } from './server-counters.ts';
import type { RuntimeServerConfig } from './protocol.ts';

const config = childConfig<RuntimeServerConfig>();
const traffic = countHttpTraffic();

const workbench = await createWorkbench({ dataDir: config.dataDir, workspaceRoot: config.workspaceRoot, host: '127.0.0.1', port: 0, watch: false });
let finishedRuns = 0;
const waiters = new Set<() => void>();
/**
 * When each finished run was handed to the history, oldest first, until the history
 * commits it: the soak's lag is the age of the oldest one still here. Commits arrive in
 * record order (one batch at a time), so a commit of n runs retires the n oldest.
 */
let finishedAt = new Float64Array(1 << 16);
let head = 0;
let tail = 0;
workbench.events.on('run', () => {
  finishedRuns += 1;
  if (tail === finishedAt.length) {
    const live = finishedAt.subarray(head, tail);
    const next = live.length * 2 > finishedAt.length ? new Float64Array(finishedAt.length * 2) : finishedAt;
    next.set(live);
    finishedAt = next;
    tail -= head;
    head = 0;
  }
  finishedAt[tail++] = performance.now();
  for (const wake of waiters) wake();
});

/**
 * Resolves once every request that reached the server has a finished run: calls cut off
 * when the load generator stops still run to the end and are recorded (as in Azure).
 */
function allRunsFinished(): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (finishedRuns < traffic.received()) return;
      waiters.delete(check);
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      waiters.delete(check);
      reject(new Error(`only ${finishedRuns} of ${traffic.received()} calls finished a run within 30 s`));
    }, 30_000);
    waiters.add(check);
    check();
  });
}

const problems = workbench.workspaceView().problems.concat(workbench.workspaceView().workflows.flatMap((w) => w.problems)).filter((p) => p.severity === 'error');
if (problems.length) {
  tell({ type: 'failed', message: `the benchmark workspace has problems: ${problems.map((p) => `${p.file} ${p.pointer}: ${p.message}`).join('; ')}` });
  process.exit(1);
}
// Retention (100,000 runs by default) deletes old runs while rounds go on; counting what
// it removed keeps "runs recorded" exact however long the benchmark runs.
let removedRuns = 0;
workbench.history.onChange((change) => {
  removedRuns += change.removed;
  head = Math.min(tail, head + change.ids.length);
});
const status = await workbench.start();
const url = new URL(workbench.callbackUrl(config.workflow, 'primary'));
serveParent(
  async () => {
    const started = performance.now();
    await allRunsFinished();
    const runs = workbench.history.count() + removedRuns;
    const settleMs = performance.now() - started;
    // The writer merges the search index once idle; do it now, so its CPU counts here.
    finishIndexUpkeep(workbench.history);
    return counters(traffic, { runs, settleMs, upkeepMs: performance.now() - started - settleMs });
  },
  () => workbench.stop(),
  () => soakSample(traffic, { backlogRuns: tail - head, lagMs: tail > head ? performance.now() - finishedAt[head]! : 0 }),
);
tell({ type: 'ready', port: status.port, path: url.pathname + url.search });
