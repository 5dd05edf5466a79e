import type { Action, WorkflowDefinition } from '../../src-shared/workflow/types.ts';
import type { ActionRun, ActionStatus, ErrorInfo, RetryAttempt } from '../../src-shared/runs.ts';
import type { MockEntry } from './stand-ins.ts';
import type { VariableStore } from './variables.ts';

/** The object `trigger()` returns inside expressions. */
export interface TriggerState {
  name: string;
  inputs: unknown;
  outputs: { headers: Record<string, string>; queries: Record<string, string>; relativePathParameters: Record<string, string>; body: unknown };
  startTime: string;
  endTime: string;
  status: 'Succeeded';
  trackingId: string;
  clientTrackingId: string;
  originHistoryName: string;
}

/** What a Response action asks the listener to send. Body already serialised to bytes. */
export interface ResponseMessage {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Everything one run needs from its host (the listener). */
export interface RunEnvironment {
  runId: string;
  workflowName: string;
  definition: WorkflowDefinition;
  parameters: Record<string, unknown>;
  appSettings: Record<string, string>;
  trigger: TriggerState;
  /** Sends the HTTP response; false when one was already sent (or the caller gave up waiting). */
  respond(message: ResponseMessage): 'sent' | 'already-sent';
  /** Aborted when the workbench stops: long actions (Wait) end early, as Cancelled. */
  signal: AbortSignal;
  /** Clock for expressions (`utcNow`) and Wait; tests may pin it. */
  now?: () => Date;
  /** What outbound actions (Http, Workflow) and the mock file need from the host; absent in plain engine tests. */
  services?: RunServices;
}

/** What the host gives a run beyond the call: outbound trust, child workflows, mocks. */
export interface RunServices {
  /** Extra CA certificates (PEM) outbound HTTPS trusts, so a workspace's own callback URLs work. */
  trustedCaPem?: string;
  /** The signed callback URL of a workflow's trigger in this workspace, or undefined when it has none. */
  callbackUrl?(workflow: string, trigger: string | undefined): string | undefined;
  /** The workspace mock file's entry for an action of this workflow (docs/runtime.md, "Mocks"). */
  mockFor?(actionName: string): MockEntry | undefined;
}

/** The result of one action handler. */
export interface ActionOutcome {
  status: ActionStatus;
  inputs?: unknown;
  outputs?: unknown;
  error?: ErrorInfo;
  /** Foreach and Until: how many iterations ran. */
  iterationCount?: number;
  /** Tries a retry policy repeated before the last one. */
  retryHistory?: RetryAttempt[];
}

/** What an action handler gets: its definition, an evaluator and the run. */
export interface ActionContext {
  name: string;
  action: Action;
  env: RunEnvironment;
  /** Evaluates expressions inside a JSON value with the run's current state. */
  evaluate(value: unknown): unknown;
  /** The state of an action as `actions('X')` gives it to this action, or undefined when it has not run. */
  lookupAction(name: string): unknown;
  /** Evaluates with `item()` bound to one element (Query, Select). */
  evaluateWithItem(value: unknown, item: unknown): unknown;
  /**
   * Runs nested actions (If, Scope, ...) and returns their overall status; with
   * `iteration`, as one iteration of this loop action (Foreach passes its item).
   */
  runNested(actions: Record<string, Action> | undefined, iteration?: { index: number; item?: { value: unknown } }): Promise<ActionStatus>;
  /** Records the actions of a branch that does not run (If, Switch) as Skipped, as Azure's run view shows them. */
  skipNested(actions: Record<string, Action> | undefined): void;
  /** The run's variables. */
  variables: VariableStore;
  /** Aborted when the workbench stops, the run is terminated or the action's timeout passes. */
  signal: AbortSignal;
  /** Ends the run with this status (Terminate): running actions are cancelled, no new ones start. */
  terminate(status: 'Succeeded' | 'Failed' | 'Cancelled', error?: ErrorInfo): void;
}

/** One action type's implementation: one file each in `actions/`. */
export type ActionHandler = (context: ActionContext) => Promise<ActionOutcome>;

/** The run's result once every action has a final status. */
export interface RunOutcome {
  status: 'Succeeded' | 'Failed' | 'Cancelled';
  actions: ActionRun[];
  error?: ErrorInfo;
}
