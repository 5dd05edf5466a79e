import type { WorkflowView, WorkspaceView } from '../../src-shared/contract.ts';
import type { LoadedWorkflow, WorkspaceSnapshot } from '../workspace/workspace.ts';
import { workflowView } from './workflow-view.ts';

/** Signs a workflow trigger's callback URL with each access key. */
export type CallbackUrlsOf = (workflow: LoadedWorkflow, trigger: string) => { primary: string; secondary: string };

/** A workflow's view; one that cannot be described is shown not callable with the reason, never failing the whole workspace. */
export function safeWorkflowView(workflow: LoadedWorkflow, callbackUrls: CallbackUrlsOf): WorkflowView {
  try {
    return workflowView(workflow, (trigger) => callbackUrls(workflow, trigger));
  } catch (error) {
    const problem = { code: 'WorkflowViewFailed', severity: 'error' as const, file: workflow.file, pointer: '', workflow: workflow.name, message: `'${workflow.name}' cannot be shown: ${(error as Error).message}` };
    return { name: workflow.name, file: workflow.file, kind: workflow.kind, callable: false, hasResponse: false, oauthPolicies: [], sasEnabled: true, problems: [...workflow.problems, problem] };
  }
}

/** What the console shows of the open workspace: each workflow's view, the problems, and parameter and app setting names. */
export function workspaceViewOf(snapshot: WorkspaceSnapshot, callbackUrls: CallbackUrlsOf): WorkspaceView {
  return {
    root: snapshot.root,
    workflows: snapshot.workflows.map((w) => safeWorkflowView(w, callbackUrls)),
    problems: snapshot.problems,
    // Names only: the designer lists them as dynamic content; app setting values may be secrets.
    parameterNames: Object.keys(snapshot.parameters),
    appSettingNames: Object.keys(snapshot.appSettings),
  };
}
