import type { Action, WorkflowDefinition } from '../../src-shared/workflow/types.ts';
import type { ActionRun, ActionStatus, ErrorInfo } from '../../src-shared/runs.ts';

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
}

/** The result of one action handler. */
export interface ActionOutcome {
  status: ActionStatus;
  inputs?: unknown;
  outputs?: unknown;
  error?: ErrorInfo;
}

/** What an action handler gets: its definition, an evaluator and the run. */
export interface ActionContext {
  name: string;
  action: Action;
  env: RunEnvironment;
  /** Evaluates expressions inside a JSON value with the run's current state. */
  evaluate(value: unknown): unknown;
  /** Runs nested actions (If, Scope, ...) and returns their overall status. */
  runNested(actions: Record<string, Action> | undefined): Promise<ActionStatus>;
}

/** One action type's implementation: one file each in `actions/`. */
export type ActionHandler = (context: ActionContext) => Promise<ActionOutcome>;

/** The run's result once every action has a final status. */
export interface RunOutcome {
  status: 'Succeeded' | 'Failed' | 'Cancelled';
  actions: ActionRun[];
  error?: ErrorInfo;
}
