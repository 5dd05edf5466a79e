/**
 * What expressions see in a call's run: `trigger()`, `parameters()`, `appsetting()`,
 * `workflow()`. Built once the body is read, because trigger conditions and `splitOn`
 * (admit-call.ts) evaluate against it before the run (run-call.ts) uses it.
 */
import { evaluateValue, type ExpressionContext } from '../../src-shared/expression/index.ts';
import type { WorkflowDefinition } from '../../src-shared/workflow/types.ts';
import type { WorkflowPlan } from '../../src-shared/workflow/workflow-plan.ts';
import { workflowObject } from '../runtime/engine.ts';
import { isoTime } from '../runtime/iso-time.ts';
import type { TriggerState } from '../runtime/run-types.ts';
import type { Call } from './call.ts';
import type { ServedWorkflow } from './trigger-host.ts';

/** A run's inputs and the expression context over them. */
export interface RunContext {
  trigger: TriggerState;
  parameters: Record<string, unknown>;
  appSettings: Record<string, string>;
  expressions: ExpressionContext;
}

/** What `trigger()` returns in one run. */
export function triggerState(call: Call, plan: WorkflowPlan, outputs: TriggerState['outputs']): TriggerState {
  return {
    name: plan.triggerName,
    inputs: plan.trigger.inputs ?? {},
    outputs,
    startTime: call.startTime,
    endTime: isoTime(Date.now()),
    status: 'Succeeded',
    trackingId: call.correlationId,
    clientTrackingId: call.clientTrackingId ?? call.runId,
    originHistoryName: call.runId,
  };
}

/**
 * The run context of an admitted call. Also settles the call's client tracking id: the
 * trigger's correlation expression, else the caller's `x-ms-client-tracking-id`, else the run id.
 */
export function runContextFor(call: Call, workflow: ServedWorkflow, plan: WorkflowPlan, outputs: TriggerState['outputs']): RunContext {
  const trigger = triggerState(call, plan, outputs);
  const parameters = parametersFor(workflow.definition!, call.host.parameters());
  const appSettings = call.host.appSettings();
  const expressions: ExpressionContext = {
    trigger: () => trigger,
    action: () => undefined,
    parameter: (name) => (Object.hasOwn(parameters, name) ? { found: true, value: parameters[name] } : { found: false }),
    appsetting: (name) => appSettings[name],
    workflow: () => workflowObject(workflow.name, call.runId),
  };
  try {
    const expression = plan.trigger.correlation?.clientTrackingId;
    const tracked = expression !== undefined ? evaluateValue(expression, expressions) : call.req.headers['x-ms-client-tracking-id'];
    call.clientTrackingId = typeof tracked === 'string' && tracked ? tracked : call.runId;
  } catch {
    call.clientTrackingId = call.runId;
  }
  trigger.clientTrackingId = call.clientTrackingId;
  return { trigger, parameters, appSettings, expressions };
}

/** The parameters a run sees, merged once per definition and parameters.json (both are replaced, never changed, on reload). */
const mergedParameters = new WeakMap<WorkflowDefinition, { project: Record<string, unknown>; merged: Record<string, unknown> }>();

function parametersFor(definition: WorkflowDefinition, project: Record<string, unknown>): Record<string, unknown> {
  const known = mergedParameters.get(definition);
  if (known?.project === project) return known.merged;
  const merged = { ...definitionDefaults(definition), ...project };
  mergedParameters.set(definition, { project, merged });
  return merged;
}

/** `defaultValue`s of the definition's own parameters; the project's parameters.json overrides them. */
function definitionDefaults(definition: WorkflowDefinition): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [name, parameter] of Object.entries(definition.parameters ?? {})) if (parameter && 'defaultValue' in parameter) defaults[name] = parameter.defaultValue;
  return defaults;
}
