import type { WorkflowView } from '../../src-shared/contract.ts';
import { planFor } from '../../src-shared/workflow/workflow-plan.ts';
import type { AccessControl } from '../auth/access-control.ts';
import type { LoadedWorkflow } from '../workspace/workspace.ts';

/** What the console shows of a workflow; `callbackUrls` signs the trigger's URL with each key. */
export function workflowView(workflow: LoadedWorkflow, callbackUrls: (trigger: string) => { primary: string; secondary: string }): WorkflowView {
  const plan = workflow.definition ? planFor(workflow.definition) : null;
  const access = workflow.accessControl as AccessControl | undefined;
  const policies = access?.triggers?.openAuthenticationPolicies?.policies ?? {};
  const view: WorkflowView = {
    name: workflow.name,
    file: workflow.file,
    kind: workflow.kind,
    callable: workflow.callable,
    hasResponse: plan?.hasResponse ?? false,
    oauthPolicies: Object.entries(policies).map(([name, policy]) => ({ name, type: policy.type, claims: policy.claims })),
    sasEnabled: access?.triggers?.sasAuthenticationPolicy?.state?.toLowerCase() !== 'disabled',
    problems: workflow.problems,
  };
  if (plan) {
    const inputs = plan.trigger.inputs ?? {};
    view.trigger = { name: plan.triggerName, method: plan.method, relativePath: inputs.relativePath, schema: inputs.schema, operationOptions: plan.trigger.operationOptions };
    if (workflow.callable) {
      // A URL that cannot be built is a problem of this workflow only, never of the workspace view.
      try {
        view.callbackUrl = callbackUrls(plan.triggerName);
      } catch (error) {
        view.callable = false;
        view.problems = [...view.problems, { code: 'NoCallbackUrl', severity: 'error', file: workflow.file, pointer: '', workflow: workflow.name, message: `No callback URL can be made for '${workflow.name}': ${(error as Error).message}` }];
      }
    }
  }
  return view;
}
