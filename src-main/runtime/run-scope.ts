import type { Action } from '../../src-shared/workflow/types.ts';
import type { ActionRun, ActionStatus, ErrorInfo } from '../../src-shared/runs.ts';
import { normalizeStatus } from '../../src-shared/workflow/status.ts';
import { actionHandlerFor } from './actions/registry.ts';
import { durationMs } from './duration.ts';
import { isoTime } from './iso-time.ts';
import { findState, iterationFrame, storeState, type ActionState, type Frame } from './run-frame.ts';
import type { RunState } from './run-state.ts';
import type { ActionContext, ActionOutcome } from './run-types.ts';
import { isConnectorType, standInFor } from './stand-ins.ts';
import { VariableError } from './variables.ts';

/** Error from evaluating an action's inputs, in Azure's `InvalidTemplate` terms; variable rules keep their own code. */
function templateError(name: string, error: unknown): ErrorInfo {
  if (error instanceof VariableError) return error.toErrorInfo();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'InvalidTemplate', message: `Unable to process template language expressions in action '${name}' inputs: ${message}` };
}

const CLOCK = Date.now;

/** Types whose `limit.timeout` bounds the loop, not the action (Until), or that never time out. */
const OWN_TIMEOUT_TYPES = new Set(['until']);

/** Why an action without a handler fails: a connector needs a stand-in, anything else is not supported. */
function unsupported(name: string, action: Action, workflow: string): ErrorInfo {
  if (isConnectorType(action.type)) {
    return {
      code: 'ConnectorNotAvailableOffline',
      message: `Action '${name}' (${action.type}) calls a connector, which Triggerbench cannot reach offline. Supply its result in ${workflow}/mocks.json beside workflow.json ({"actions": {"${name}": {"status": "Succeeded", "outputs": {...}}}}) or enable a static result for it (runtimeConfiguration.staticResult); see docs/runtime.md, "Mocks".`,
    };
  }
  return { code: 'ActionTypeNotSupported', message: `Triggerbench cannot run actions of type '${action.type}', so '${name}' failed. Supported types are listed in docs/runtime.md.` };
}

/** Runs one action in a frame and records it; returns its final status. */
async function runAction(run: RunState, name: string, action: Action, parent: string | undefined, frame: Frame): Promise<ActionStatus> {
  const clockMs = run.env.now ? () => run.env.now!().getTime() : CLOCK;
  const started = clockMs();
  const state: ActionState = { name, status: 'Running', startTime: isoTime(started) };
  storeState(frame, state);
  if (parent) run.addResult(parent, state);
  const record: ActionRun = { name, type: action.type, status: 'Running', startTime: state.startTime };
  if (parent) record.parent = parent;
  if (frame.iteration.length) record.iteration = frame.iteration;
  run.records.push(record);
  let outcome: ActionOutcome;
  const standIn = run.abort.signal.aborted ? undefined : standInFor(name, action, run.env.definition, run.env.services?.mockFor);
  if (run.abort.signal.aborted) {
    outcome = run.terminated
      ? { status: 'Cancelled', error: { code: 'Cancelled', message: 'The run was terminated before this action ended.' } }
      : { status: 'Cancelled', error: { code: 'Cancelled', message: 'The run was cancelled because Triggerbench stopped.' } };
  } else if (standIn && 'invalid' in standIn) {
    outcome = { status: 'Failed', error: standIn.invalid };
  } else if (standIn) {
    outcome = { status: standIn.status, outputs: standIn.outputs, error: standIn.error };
    record.mocked = standIn.source;
  } else {
    const handler = actionHandlerFor(action.type);
    outcome = handler ? await runHandler(run, name, action, parent, frame, state, handler) : { status: 'Failed', error: unsupported(name, action, run.env.workflowName) };
  }
  const ended = clockMs();
  Object.assign(state, { status: outcome.status, inputs: outcome.inputs, outputs: outcome.outputs, error: outcome.error, endTime: isoTime(ended), code: outcome.status === 'Succeeded' ? 'OK' : outcome.error?.code });
  Object.assign(record, { status: outcome.status, endTime: state.endTime, durationMs: ended - started });
  if (outcome.inputs !== undefined) record.inputs = outcome.inputs;
  if (outcome.outputs !== undefined) record.outputs = outcome.outputs;
  if (outcome.error) record.error = outcome.error;
  if (outcome.iterationCount !== undefined) record.iterationCount = outcome.iterationCount;
  if (outcome.retryHistory?.length) record.retryHistory = outcome.retryHistory;
  return outcome.status;
}

/** Calls the handler with its context, under the action's `limit.timeout` when it has one. */
async function runHandler(run: RunState, name: string, action: Action, parent: string | undefined, frame: Frame, state: ActionState, handler: (context: ActionContext) => Promise<ActionOutcome>): Promise<ActionOutcome> {
  const timeoutText = OWN_TIMEOUT_TYPES.has(action.type.toLowerCase()) ? undefined : action.limit?.timeout;
  const timeoutMs = timeoutText === undefined ? undefined : durationMs(timeoutText);
  if (timeoutText !== undefined && timeoutMs === undefined) {
    return { status: 'Failed', error: { code: 'InvalidLimitTimeout', message: `Action '${name}' has limit.timeout ${JSON.stringify(timeoutText)}, which is not an ISO 8601 duration such as "PT30S" or "PT1H".` } };
  }
  // Only an action with a timeout needs a signal of its own (AbortSignal.any costs a few
  // microseconds per action, a visible share of a short action's run).
  const local = timeoutMs === undefined ? undefined : new AbortController();
  const signal = local ? AbortSignal.any([run.abort.signal, local.signal]) : run.abort.signal;
  const context: ActionContext = {
    name,
    action,
    env: run.env,
    evaluate: (value) => run.evaluate(value, frame, state),
    evaluateWithItem: (value, item) => run.evaluateWithItem(value, item, frame, state),
    lookupAction: (actionName) => findState(frame, actionName),
    runNested: (actions, iteration) => {
      const inner = iteration ? iterationFrame(frame, name, iteration.index, iteration.item) : frame;
      if (!run.results.has(name.toLowerCase())) run.results.set(name.toLowerCase(), []);
      return runScope(run, actions ?? {}, name, inner);
    },
    skipNested: (actions) => skipBranch(run, actions ?? {}, name, frame),
    variables: run.variables,
    signal,
    terminate: (status, error) => run.terminate(status, error),
  };
  const running = handler(context).catch((error: unknown): ActionOutcome => ({ status: 'Failed', error: templateError(name, error) }));
  if (timeoutMs === undefined) return running;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<ActionOutcome>((resolve) => {
    timer = setTimeout(() => {
      local!.abort();
      resolve({ status: 'TimedOut', error: { code: 'ActionTimedOut', message: `Action '${name}' did not finish within its limit.timeout (${timeoutText}), so it timed out.` } });
    }, timeoutMs);
  });
  try {
    return await Promise.race([running, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every action of a branch not taken, at any depth, recorded as Skipped (their outputs are then null to expressions). */
function skipBranch(run: RunState, actions: Record<string, Action>, parent: string, frame: Frame): void {
  for (const [name, action] of Object.entries(actions)) {
    const state: ActionState = { name, status: 'Skipped', code: 'ActionBranchingConditionNotSatisfied', error: { code: 'ActionBranchingConditionNotSatisfied', message: `The execution of template action '${name}' is skipped: the branching condition for this action is not satisfied.` } };
    storeState(frame, state);
    run.addResult(parent, state);
    const record: ActionRun = { name, type: action.type, status: 'Skipped', error: state.error, parent };
    if (frame.iteration.length) record.iteration = frame.iteration;
    run.records.push(record);
    for (const nested of nestedActionSets(action)) skipBranch(run, nested, name, frame);
  }
}

/** The nested action sets of a container: actions, else, each case, default. */
function nestedActionSets(action: Action): Record<string, Action>[] {
  const sets: (Record<string, Action> | undefined)[] = [action.actions, action.else?.actions, ...Object.values(action.cases ?? {}).map((c) => c.actions), action.default?.actions];
  return sets.filter((set): set is Record<string, Action> => !!set && typeof set === 'object');
}

/**
 * Runs one scope's actions by their `runAfter` graph (docs/runtime.md, "The engine"): an
 * action starts once every action it waits for has a final status, and runs when each
 * ended in one of the listed statuses, else it is Skipped. Independent branches run
 * concurrently. Returns Failed when a failure is left unhandled.
 */
export async function runScope(run: RunState, actions: Record<string, Action>, parent: string | undefined, frame: Frame): Promise<ActionStatus> {
  const names = Object.keys(actions);
  const status = new Map<string, ActionStatus>();
  const started = new Set<string>();
  const byLower = new Map(names.map((n) => [n.toLowerCase(), n]));
  const skip = (name: string, reason: string): ActionStatus => {
    const state: ActionState = { name, status: 'Skipped', code: 'ActionSkipped', error: { code: 'ActionConditionFailed', message: reason } };
    storeState(frame, state);
    if (parent) run.addResult(parent, state);
    const record: ActionRun = { name, type: actions[name]!.type, status: 'Skipped', error: state.error };
    if (parent) record.parent = parent;
    if (frame.iteration.length) record.iteration = frame.iteration;
    run.records.push(record);
    return 'Skipped';
  };
  await new Promise<void>((resolve) => {
    let running = 0;
    const pump = (): void => {
      // A skip decides at once, so actions waiting on it may be decided in this same pump:
      // repeat until a pass changes nothing. After a Terminate no action starts (Azure
      // leaves them out of the run).
      let progressed = !run.terminated;
      while (progressed && !run.terminated) {
        progressed = false;
        for (const name of names) {
          if (started.has(name)) continue;
          const runAfter = actions[name]!.runAfter ?? {};
          const waits = Object.keys(runAfter).map((dep) => byLower.get(dep.toLowerCase()) ?? dep);
          if (!waits.every((dep) => status.has(dep))) continue;
          started.add(name);
          progressed = true;
          const unmet = Object.entries(runAfter).find(([dep, allowed]) => {
            const actual = status.get(byLower.get(dep.toLowerCase()) ?? dep)!;
            const wanted = (allowed.length ? allowed : ['Succeeded']).map((s) => normalizeStatus(s) ?? s);
            return !wanted.includes(actual as never);
          });
          if (unmet) {
            const actual = status.get(byLower.get(unmet[0].toLowerCase()) ?? unmet[0]);
            status.set(name, skip(name, `The execution of template action '${name}' is skipped: the 'runAfter' condition for action '${unmet[0]}' is not satisfied. Expected status values '${unmet[1].join(', ') || 'Succeeded'}' and actual value '${actual}'.`));
            continue;
          }
          running++;
          void runAction(run, name, actions[name]!, parent, frame).then((result) => {
            status.set(name, result);
            running--;
            pump();
          });
        }
      }
      if (running > 0) return;
      if (started.size < names.length && !run.terminated) {
        // Only reachable with a runAfter cycle or a dangling name (validation reports both);
        // never hang a caller on it.
        for (const name of names.filter((n) => !started.has(n))) {
          started.add(name);
          status.set(name, skip(name, `Action '${name}' waits for actions that never run (check its runAfter).`));
        }
      }
      resolve();
    };
    pump();
  });
  if (run.terminated) return run.terminated.status;
  // A failure is handled when some action that runs after it ran (try/catch patterns).
  const handled = new Set<string>();
  for (const name of names) {
    if (!status.has(name) || status.get(name) === 'Skipped') continue;
    for (const dep of Object.keys(actions[name]!.runAfter ?? {})) handled.add(byLower.get(dep.toLowerCase()) ?? dep);
  }
  const unhandled = names.find((n) => ['Failed', 'TimedOut'].includes(status.get(n) ?? '') && !handled.has(n));
  if (unhandled) return 'Failed';
  if (names.some((n) => status.get(n) === 'Cancelled')) return 'Cancelled';
  return 'Succeeded';
}
