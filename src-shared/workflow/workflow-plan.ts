import { listActions, findRequestTrigger } from './action-tree.ts';
import { parseOperationOptions } from './operation-options.ts';
import { parseRelativePathTemplate, type RelativePathTemplate } from './relative-path.ts';
import { sameTypeName } from './type-names.ts';
import type { RequestTrigger, WorkflowDefinition } from './types.ts';

/** What the listener needs of a workflow, derived once per loaded definition (not per call). */
export interface WorkflowPlan {
  triggerName: string;
  trigger: RequestTrigger;
  /** Upper-case method, or undefined to accept any (docs/logic-apps-behaviour.md §2, Triggerbench's choice). */
  method?: string;
  relativePath?: RelativePathTemplate;
  schema?: Record<string, unknown>;
  options: Set<string>;
  hasResponse: boolean;
  /** A Response has `operationOptions: Asynchronous`: the caller gets 202 + Location and polls. */
  asyncResponse: boolean;
  /** Concurrency control, when the trigger sets it. */
  concurrency?: { runs: number; maximumWaitingRuns: number };
  /** The trigger's `splitOn` expression: 202 at once, one run per array item. */
  splitOn?: string;
}

const plans = new WeakMap<WorkflowDefinition, WorkflowPlan | null>();

/** The plan of a definition with a Request trigger, or null when it has none. Cached by object. */
export function planFor(definition: WorkflowDefinition): WorkflowPlan | null {
  let plan = plans.get(definition);
  if (plan !== undefined) return plan;
  const found = findRequestTrigger(definition);
  if (!found) {
    plans.set(definition, null);
    return null;
  }
  const inputs = found.trigger.inputs ?? {};
  const responses = listActions(definition).filter((entry) => sameTypeName(entry.type, 'Response'));
  const template = typeof inputs.relativePath === 'string' && inputs.relativePath.trim() ? parseRelativePathTemplate(inputs.relativePath) : undefined;
  const concurrency = found.trigger.runtimeConfiguration?.concurrency;
  plan = {
    triggerName: found.name,
    trigger: found.trigger,
    method: typeof inputs.method === 'string' && inputs.method.trim() ? inputs.method.trim().toUpperCase() : undefined,
    relativePath: template && 'template' in template ? template.template : undefined,
    schema: inputs.schema && typeof inputs.schema === 'object' && Object.keys(inputs.schema).length ? inputs.schema : undefined,
    options: parseOperationOptions(found.trigger.operationOptions),
    hasResponse: responses.length > 0,
    asyncResponse: responses.some((entry) => parseOperationOptions(entry.action.operationOptions).has('Asynchronous')),
    concurrency: typeof concurrency?.runs === 'number' ? { runs: Math.max(1, concurrency.runs), maximumWaitingRuns: concurrency.maximumWaitingRuns ?? 100 } : undefined,
    splitOn: typeof found.trigger.splitOn === 'string' && found.trigger.splitOn.trim() ? found.trigger.splitOn : undefined,
  };
  plans.set(definition, plan);
  return plan;
}
