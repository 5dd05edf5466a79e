import { rootFrame } from './run-frame.ts';
import { runScope } from './run-scope.ts';
import { RunState } from './run-state.ts';
import type { RunEnvironment, RunOutcome } from './run-types.ts';

/** What `workflow()` returns in a run (re-exported for the listener's trigger conditions). */
export { workflowObject } from './workflow-object.ts';

/**
 * Runs a workflow's actions (docs/runtime.md, "The engine") and gives the run's status,
 * its action records and, when it failed, why. A Terminate action decides the status
 * itself; otherwise the run fails when a failure was left unhandled.
 */
export async function executeRun(env: RunEnvironment): Promise<RunOutcome> {
  const run = new RunState(env);
  let overall: Awaited<ReturnType<typeof runScope>>;
  try {
    overall = await runScope(run, env.definition.actions ?? {}, undefined, rootFrame());
  } finally {
    run.end();
  }
  const records = run.records;
  if (run.terminated) {
    const outcome: RunOutcome = { status: run.terminated.status, actions: records };
    if (run.terminated.error) outcome.error = run.terminated.error;
    return outcome;
  }
  const outcome: RunOutcome = { status: overall === 'Succeeded' ? 'Succeeded' : overall === 'Cancelled' ? 'Cancelled' : 'Failed', actions: records };
  if (outcome.status === 'Failed') {
    const failed = records.find((r) => (r.status === 'Failed' || r.status === 'TimedOut') && !['scope', 'foreach', 'until', 'if', 'switch'].includes(r.type.toLowerCase())) ?? records.find((r) => r.status === 'Failed' || r.status === 'TimedOut');
    outcome.error = failed?.error
      ? { code: failed.error.code, message: `Action '${failed.name}' failed: ${failed.error.message}` }
      : { code: 'ActionFailed', message: 'An action failed. No dependent actions succeeded.' };
  }
  return outcome;
}
