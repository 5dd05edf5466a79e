/**
 * Types for the parts of the Workflow Definition Language (WDL) Triggerbench reads.
 * Every object keeps an index signature: WDL files carry keys we do not model
 * (trackedProperties, metadata...) and those must survive a load/save round trip.
 */

/** The two workflow kinds of Logic Apps Standard (`workflow.json` → `kind`). */
export type WorkflowKind = 'Stateful' | 'Stateless';

/** The statuses a `runAfter` entry may wait for, in their canonical Pascal case. */
export type RunAfterStatus = 'Succeeded' | 'Failed' | 'Skipped' | 'TimedOut';

/** `runAfter`: sibling action name → statuses that let this action run. */
export type RunAfter = Record<string, string[]>;

/** A Logic Apps Standard `workflow.json`. */
export interface WorkflowFile {
  definition: WorkflowDefinition;
  kind: WorkflowKind;
  [key: string]: unknown;
}

/** The `definition` object of a workflow. */
export interface WorkflowDefinition {
  $schema?: string;
  contentVersion?: string;
  parameters?: Record<string, DefinitionParameter>;
  triggers?: Record<string, Trigger>;
  actions?: Record<string, Action>;
  outputs?: Record<string, unknown>;
  staticResults?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A parameter declared inside the definition (`definition.parameters`). */
export interface DefinitionParameter {
  type?: string;
  defaultValue?: unknown;
  allowedValues?: unknown[];
  metadata?: unknown;
  [key: string]: unknown;
}

/** `runtimeConfiguration` of a trigger or action (only the parts we read are typed). */
export interface RuntimeConfiguration {
  concurrency?: { runs?: number; maximumWaitingRuns?: number; repetitions?: number };
  [key: string]: unknown;
}

/** One entry of a trigger's `conditions`: the trigger fires only when it evaluates true. */
export interface TriggerCondition {
  expression?: string;
  [key: string]: unknown;
}

/** Any trigger. */
export interface Trigger {
  type: string;
  kind?: string;
  inputs?: unknown;
  conditions?: TriggerCondition[];
  runtimeConfiguration?: RuntimeConfiguration;
  operationOptions?: string;
  correlation?: { clientTrackingId?: string; [key: string]: unknown };
  splitOn?: string;
  description?: string;
  [key: string]: unknown;
}

/** `inputs` of a Request trigger. */
export interface RequestTriggerInputs {
  /** One HTTP method; absent accepts any method (docs/logic-apps-behaviour.md §2, Triggerbench's choice). */
  method?: string;
  /** URI template such as `/address/{postalCode}`. */
  relativePath?: string;
  /** JSON Schema (draft-04 style) of the body. */
  schema?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The "When an HTTP request is received" trigger: `type: Request`, `kind: Http`. */
export interface RequestTrigger extends Trigger {
  inputs?: RequestTriggerInputs;
}

/** A branch holding nested actions: If's `else`, a Switch case or its `default`. */
export interface ActionBranch {
  actions?: Record<string, Action>;
  [key: string]: unknown;
}

/** A Switch case: the value to match and the actions to run. */
export interface SwitchCase extends ActionBranch {
  case?: unknown;
}

/** Any action, including the containers If, Switch, Scope, Foreach and Until. */
export interface Action {
  type: string;
  kind?: string;
  inputs?: unknown;
  runAfter?: RunAfter;
  operationOptions?: string;
  runtimeConfiguration?: RuntimeConfiguration;
  description?: string;
  /** If: the condition; Until: the loop-exit expression. */
  expression?: unknown;
  /** Foreach: the array expression. */
  foreach?: unknown;
  /** Until: `count` and `timeout`. */
  limit?: { count?: number; timeout?: string; [key: string]: unknown };
  /** If (true branch), Scope, Foreach, Until. */
  actions?: Record<string, Action>;
  /** If: the false branch. */
  else?: ActionBranch;
  /** Switch: named cases. */
  cases?: Record<string, SwitchCase>;
  /** Switch: the default branch. */
  default?: ActionBranch;
  [key: string]: unknown;
}

/** `inputs` of a Response action. */
export interface ResponseInputs {
  statusCode?: number | string;
  headers?: Record<string, unknown> | string;
  body?: unknown;
  schema?: unknown;
  [key: string]: unknown;
}
