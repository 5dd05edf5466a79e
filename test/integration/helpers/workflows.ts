/** Builders for the workflow.json files the integration tests write. */

const SCHEMA_URI = 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#';

type Json = Record<string, unknown>;

/** Options of {@link workflow}: the Request trigger's parts and the actions. */
export interface WorkflowSpec {
  /** The trigger's `inputs` (method, relativePath, schema). */
  inputs?: Json;
  operationOptions?: string;
  conditions?: { expression: string }[];
  runtimeConfiguration?: Json;
  correlation?: Json;
  splitOn?: string;
  triggerName?: string;
  actions?: Record<string, Json>;
  parameters?: Json;
}

/** A Logic Apps Standard `workflow.json` with one Request trigger. */
export function workflow(spec: WorkflowSpec = {}): Json {
  const trigger: Json = { type: 'Request', kind: 'Http', inputs: spec.inputs ?? { method: 'POST' } };
  if (spec.operationOptions) trigger.operationOptions = spec.operationOptions;
  if (spec.conditions) trigger.conditions = spec.conditions;
  if (spec.runtimeConfiguration) trigger.runtimeConfiguration = spec.runtimeConfiguration;
  if (spec.correlation) trigger.correlation = spec.correlation;
  if (spec.splitOn) trigger.splitOn = spec.splitOn;
  const definition: Json = {
    $schema: SCHEMA_URI,
    contentVersion: '1.0.0.0',
    triggers: { [spec.triggerName ?? 'manual']: trigger },
    actions: spec.actions ?? { Response: response({ statusCode: 200, body: '@triggerBody()' }) },
    outputs: {},
  };
  if (spec.parameters) definition.parameters = spec.parameters;
  return { definition, kind: 'Stateful' };
}

/** A Response action. */
export function response(inputs: Json, runAfter: Record<string, string[]> = {}, extra: Json = {}): Json {
  return { type: 'Response', kind: 'Http', inputs, runAfter, ...extra };
}

/** A Wait (Delay) action of some seconds. */
export function wait(seconds: number, runAfter: Record<string, string[]> = {}): Json {
  return { type: 'Wait', inputs: { interval: { count: seconds, unit: 'Second' } }, runAfter };
}

/** A Compose action. */
export function compose(inputs: unknown, runAfter: Record<string, string[]> = {}): Json {
  return { type: 'Compose', inputs, runAfter };
}

/** An access-control.json with one AAD policy (docs/logic-apps-behaviour.md §4). */
export function aadPolicy(issuer: string, audience: string, extra: Json = {}): Json {
  return {
    triggers: {
      openAuthenticationPolicies: { policies: { 'local-aad': { type: 'AAD', claims: [{ name: 'iss', value: issuer }, { name: 'aud', value: audience }] } } },
      ...extra,
    },
  };
}
