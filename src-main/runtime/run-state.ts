import type { ActionRun, ErrorInfo } from '../../src-shared/runs.ts';
import { evaluateValue, type ExpressionContext } from '../../src-shared/expression/index.ts';
import { workflowObject } from './workflow-object.ts';
import { findLoop, findState, itemFrame, type ActionState, type Frame } from './run-frame.ts';
import type { RunEnvironment } from './run-types.ts';
import { VariableStore } from './variables.ts';

/** Everything one run shares across its actions: records, variables, scope results, termination. */
export class RunState {
  readonly records: ActionRun[] = [];
  readonly variables = new VariableStore();
  /** The direct children's states of each scope and loop, by lower-cased scope name, for result(). */
  readonly results = new Map<string, ActionState[]>();
  /** Set by Terminate: the run's final status and error. */
  terminated?: { status: 'Succeeded' | 'Failed' | 'Cancelled'; error?: ErrorInfo };
  /** Aborted when the workbench stops or a Terminate ends the run. */
  readonly abort = new AbortController();
  private readonly workflow: unknown;
  readonly env: RunEnvironment;

  constructor(env: RunEnvironment) {
    this.env = env;
    this.workflow = workflowObject(env.workflowName, env.runId);
    if (env.signal.aborted) this.abort.abort();
    else env.signal.addEventListener('abort', this.onStop, { once: true });
  }

  private readonly onStop = (): void => this.abort.abort();

  /**
   * The run is over: stop listening to the host's signal. That signal lives as long as
   * the workbench, so a listener left on it per run kept every run's state alive and made
   * each new run's addEventListener walk all the earlier ones (calls slowed down as runs
   * accumulated, see docs/benchmarks.md).
   */
  end(): void {
    this.env.signal.removeEventListener('abort', this.onStop);
  }

  /** Ends the run with a status (Terminate); running actions see the abort and stop. */
  terminate(status: 'Succeeded' | 'Failed' | 'Cancelled', error?: ErrorInfo): void {
    if (this.terminated) return;
    this.terminated = error ? { status, error } : { status };
    this.abort.abort();
  }

  /** Remembers a child's state under its scope for result(). */
  addResult(scope: string, state: ActionState): void {
    const key = scope.toLowerCase();
    const list = this.results.get(key);
    if (list) list.push(state);
    else this.results.set(key, [state]);
  }

  /** The expression context an action in `frame` sees. */
  context(frame: Frame, current: ActionState): ExpressionContext {
    const { env } = this;
    return {
      trigger: () => env.trigger,
      action: (name) => findState(frame, name),
      parameter: (name) => (Object.hasOwn(env.parameters, name) ? { found: true, value: env.parameters[name] } : { found: false }),
      appsetting: (name) => env.appSettings[name],
      workflow: () => this.workflow,
      variable: (name) => {
        const variable = this.variables.get(name);
        return variable ? { found: true, value: variable.value } : { found: false };
      },
      item: () => findLoop(frame, (loop) => loop.item !== undefined)?.item?.value,
      items: (loopName) => findLoop(frame, (loop) => loop.item !== undefined && loop.name.toLowerCase() === loopName.toLowerCase())?.item?.value,
      iterationIndexes: (loopName) => findLoop(frame, (loop) => loop.name.toLowerCase() === loopName.toLowerCase())?.index,
      result: (scope) => this.results.get(scope.toLowerCase())?.map((state) => ({ ...state })),
      currentAction: () => current,
      // listCallbackUrl(): this workflow's own signed trigger URL, from the host's SAS signer.
      callbackUrl: () => env.services?.callbackUrl?.(env.workflowName, env.trigger.name),
      now: env.now,
    };
  }

  /** Evaluates a value as an action in `frame` sees it. */
  evaluate(value: unknown, frame: Frame, current: ActionState): unknown {
    return evaluateValue(value, this.context(frame, current));
  }

  /** Evaluates with `item()` bound to one element. */
  evaluateWithItem(value: unknown, item: unknown, frame: Frame, current: ActionState): unknown {
    return evaluateValue(value, this.context(itemFrame(frame, item), current));
  }
}
