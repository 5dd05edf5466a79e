import type { Action } from '../../src-shared/workflow/types.ts';
import type { ActionRun, ActionStatus, ErrorInfo } from '../../src-shared/runs.ts';
import { normalizeStatus } from '../../src-shared/workflow/status.ts';
import { evaluateValue, type ExpressionContext } from '../../src-shared/expression/index.ts';
import { actionHandlerFor } from './actions/registry.ts';
import { isoTime } from './iso-time.ts';
import type { ActionContext, ActionOutcome, RunEnvironment, RunOutcome } from './run-types.ts';

/** An action's state as `actions('X')` shows it to expressions. */
interface ActionState {
  name: string;
  inputs?: unknown;
  outputs?: unknown;
  status: ActionStatus;
  code?: string;
  startTime?: string;
  endTime?: string;
  error?: ErrorInfo;
}

/** What `workflow()` returns inside expressions for one run. */
export function workflowObject(name: string, runId: string): unknown {
  return {
    id: `/workflows/${name}`,
    name,
    type: 'Microsoft.Logic/workflows',
    run: { id: `/workflows/${name}/runs/${runId}`, name: runId, type: 'Microsoft.Logic/workflows/runs' },
  };
}

/** Builds the expression context of a run from its current state. */
function expressionContext(env: RunEnvironment, states: Map<string, ActionState>): ExpressionContext {
  const workflow = workflowObject(env.workflowName, env.runId);
  return {
    trigger: () => env.trigger,
    action: (name) => states.get(name.toLowerCase()),
    parameter: (name) => (Object.hasOwn(env.parameters, name) ? { found: true, value: env.parameters[name] } : { found: false }),
    appsetting: (name) => env.appSettings[name],
    workflow: () => workflow,
    result: (scope) => [...states.values()].filter((state) => (state as ActionState & { parent?: string }).parent === scope.toLowerCase()),
    now: env.now,
  };
}

/** Error from evaluating an action's inputs, in Azure's `InvalidTemplate` terms. */
function templateError(name: string, error: unknown): ErrorInfo {
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'InvalidTemplate', message: `Unable to process template language expressions in action '${name}' inputs: ${message}` };
}

/**
 * Runs a workflow's actions by their `runAfter` graph (reference section 1): an action
 * starts once every action it waits for has a final status; it runs when each of them
 * ended in one of the listed statuses, else it is Skipped. Independent branches run
 * concurrently, as in Logic Apps.
 */
export async function executeRun(env: RunEnvironment): Promise<RunOutcome> {
  const states = new Map<string, ActionState & { parent?: string }>();
  const records: ActionRun[] = [];
  const context = expressionContext(env, states);
  // Milliseconds, formatted through isoTime's cache: Date objects and toISOString per
  // action start and end were a visible part of a trigger call's cost.
  const clockMs = env.now ? () => env.now!().getTime() : Date.now;

  async function runAction(name: string, action: Action, parent: string | undefined): Promise<ActionStatus> {
    const started = clockMs();
    const state: ActionState & { parent?: string } = { name, status: 'Running', startTime: isoTime(started), parent: parent?.toLowerCase() };
    states.set(name.toLowerCase(), state);
    const record: ActionRun = { name, type: action.type, status: 'Running', startTime: state.startTime };
    if (parent) record.parent = parent;
    records.push(record);
    const handler = actionHandlerFor(action.type);
    let outcome: ActionOutcome;
    if (env.signal.aborted) {
      outcome = { status: 'Cancelled', error: { code: 'Cancelled', message: 'The run was cancelled because Triggerbench stopped.' } };
    } else if (!handler) {
      outcome = {
        status: 'Failed',
        error: { code: 'ActionTypeNotSupported', message: `Triggerbench cannot run actions of type '${action.type}' yet, so '${name}' failed. Supported types are listed in docs/runtime.md.` },
      };
    } else {
      const actionContext: ActionContext = {
        name,
        action,
        env,
        evaluate: (value) => evaluateValue(value, { ...context, currentAction: () => state }),
        runNested: (actions) => runScope(actions ?? {}, name),
      };
      try {
        outcome = await handler(actionContext);
      } catch (error) {
        outcome = { status: 'Failed', error: templateError(name, error) };
      }
    }
    const ended = clockMs();
    Object.assign(state, { status: outcome.status, inputs: outcome.inputs, outputs: outcome.outputs, error: outcome.error, endTime: isoTime(ended), code: outcome.status === 'Succeeded' ? 'OK' : outcome.error?.code });
    Object.assign(record, { status: outcome.status, endTime: state.endTime, durationMs: ended - started });
    if (outcome.inputs !== undefined) record.inputs = outcome.inputs;
    if (outcome.outputs !== undefined) record.outputs = outcome.outputs;
    if (outcome.error) record.error = outcome.error;
    return outcome.status;
  }

  function skip(name: string, action: Action, parent: string | undefined, reason: string): ActionStatus {
    const state = { name, status: 'Skipped' as const, code: 'ActionSkipped', parent: parent?.toLowerCase(), error: { code: 'ActionConditionFailed', message: reason } };
    states.set(name.toLowerCase(), state);
    const record: ActionRun = { name, type: action.type, status: 'Skipped', error: state.error };
    if (parent) record.parent = parent;
    records.push(record);
    return 'Skipped';
  }

  /** Runs one scope's actions to completion; returns Failed when an unhandled failure remains. */
  async function runScope(actions: Record<string, Action>, parent: string | undefined): Promise<ActionStatus> {
    const names = Object.keys(actions);
    const status = new Map<string, ActionStatus>();
    const started = new Set<string>();
    const byLower = new Map(names.map((n) => [n.toLowerCase(), n]));
    await new Promise<void>((resolve) => {
      let running = 0;
      const pump = (): void => {
        for (const name of names) {
          if (started.has(name)) continue;
          const runAfter = actions[name]!.runAfter ?? {};
          const waits = Object.keys(runAfter).map((dep) => byLower.get(dep.toLowerCase()) ?? dep);
          if (!waits.every((dep) => status.has(dep))) continue;
          started.add(name);
          const unmet = Object.entries(runAfter).find(([dep, allowed]) => {
            const actual = status.get(byLower.get(dep.toLowerCase()) ?? dep)!;
            const wanted = (allowed.length ? allowed : ['Succeeded']).map((s) => normalizeStatus(s) ?? s);
            return !wanted.includes(actual as never);
          });
          if (unmet) {
            const actual = status.get(byLower.get(unmet[0].toLowerCase()) ?? unmet[0]);
            status.set(name, skip(name, actions[name]!, parent, `The execution of template action '${name}' is skipped: the 'runAfter' condition for action '${unmet[0]}' is not satisfied. Expected status values '${unmet[1].join(', ') || 'Succeeded'}' and actual value '${actual}'.`));
            continue;
          }
          running++;
          void runAction(name, actions[name]!, parent).then((result) => {
            status.set(name, result);
            running--;
            pump();
          });
        }
        if (running === 0 && started.size === names.length) resolve();
        else if (running === 0) {
          // Only reachable with a runAfter cycle or a dangling name (validation reports both);
          // never hang a caller on it.
          for (const name of names.filter((n) => !started.has(n))) {
            started.add(name);
            status.set(name, skip(name, actions[name]!, parent, `Action '${name}' waits for actions that never run (check its runAfter).`));
          }
          resolve();
        }
      };
      pump();
    });
    // A failure is handled when some action that runs after it ran (try/catch patterns).
    const handled = new Set<string>();
    for (const name of names) {
      if (status.get(name) === 'Skipped') continue;
      for (const dep of Object.keys(actions[name]!.runAfter ?? {})) handled.add(byLower.get(dep.toLowerCase()) ?? dep);
    }
    const unhandled = names.find((n) => ['Failed', 'TimedOut'].includes(status.get(n)!) && !handled.has(n));
    if (unhandled) return 'Failed';
    if (names.some((n) => status.get(n) === 'Cancelled')) return 'Cancelled';
    return 'Succeeded';
  }

  const overall = await runScope(env.definition.actions ?? {}, undefined);
  const outcome: RunOutcome = { status: overall === 'Succeeded' ? 'Succeeded' : overall === 'Cancelled' ? 'Cancelled' : 'Failed', actions: records };
  if (outcome.status === 'Failed') {
    const failed = records.find((r) => r.status === 'Failed' || r.status === 'TimedOut');
    outcome.error = failed?.error
      ? { code: failed.error.code, message: `Action '${failed.name}' failed: ${failed.error.message}` }
      : { code: 'ActionFailed', message: 'An action failed. No dependent actions succeeded.' };
  }
  return outcome;
}
