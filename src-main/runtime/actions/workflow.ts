import { parseOperationOptions } from '../../../src-shared/workflow/operation-options.ts';
import { performHttpCall } from '../http/http-call.ts';
import { encodeBody, hasHeader, headerRecord } from '../http/request-parts.ts';
import { readRetryPolicy } from '../http/retry-policy.ts';
import type { ActionHandler } from '../run-types.ts';

interface WorkflowInputs {
  host?: { workflow?: { id?: unknown }; triggerName?: unknown };
  headers?: unknown;
  body?: unknown;
  retryPolicy?: unknown;
}

/**
 * Workflow: calls a child workflow of the same workspace through its Request trigger
 * (`host.workflow.id` names it; an Azure resource id's last segment is the name), over
 * the listener like any caller, and gives the child's response as outputs. A child that
 * answers with an asynchronous Response is polled until it is done.
 */
export const workflowAction: ActionHandler = async ({ name, action, evaluate, env, signal }) => {
  const raw = (action.inputs ?? {}) as WorkflowInputs;
  const inputs = (evaluate({ ...raw, retryPolicy: undefined }) ?? {}) as WorkflowInputs;
  const shown: Record<string, unknown> = { ...inputs };
  delete shown.retryPolicy;
  const id = inputs.host?.workflow?.id;
  const child = typeof id === 'string' ? id.split('/').filter(Boolean).at(-1) : undefined;
  if (!child) return { status: 'Failed', inputs: shown, error: { code: 'InvalidWorkflowReference', message: `Workflow action '${name}' needs inputs.host.workflow.id naming a workflow of this workspace.` } };
  const trigger = typeof inputs.host?.triggerName === 'string' ? inputs.host.triggerName : undefined;
  const callback = env.services?.callbackUrl?.(child, trigger);
  if (!callback) {
    return {
      status: 'Failed',
      inputs: shown,
      error: { code: 'WorkflowNotFound', message: `Workflow action '${name}' calls '${child}'${trigger ? ` (trigger '${trigger}')` : ''}, which is not a callable workflow with a Request trigger in this workspace.` },
    };
  }
  const retry = readRetryPolicy(evaluate(raw.retryPolicy));
  if ('invalid' in retry) return { status: 'Failed', inputs: shown, error: { code: 'InvalidRetryPolicy', message: `Workflow action '${name}': ${retry.invalid}` } };
  const headers = headerRecord(inputs.headers);
  const body = encodeBody(inputs.body);
  if (body.contentType && !hasHeader(headers, 'content-type')) headers['Content-Type'] = body.contentType;
  return performHttpCall({
    request: { method: 'POST', url: new URL(callback), headers, body: body.bytes, trustedCaPem: env.services?.trustedCaPem },
    retry,
    asyncPattern: !parseOperationOptions(action.operationOptions).has('DisableAsyncPattern'),
    inputs: shown,
    signal,
  });
};
