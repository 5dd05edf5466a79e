import type { WorkspaceSnapshot } from '../../src-shared/workflow/workspace-snapshot.ts';
import { createWorkspaceLoader } from './workspace-loader.ts';
import type { WorkspaceOptions } from './workspace-options.ts';

/*
 * The workspace: a Logic Apps Standard project folder. This file is the public surface;
 * loading lives in workspace-loader.ts, watching in workspace-watch.ts, writing in
 * workspace-save.ts.
 */
export { createWorkspaceLoader, type WorkspaceLoader } from './workspace-loader.ts';

export { validateWorkflowName, isIgnoredFolder } from '../../src-shared/workflow/workflow-name.ts';
export { saveWorkflow, createWorkflow, defaultWorkflowTemplate, type WorkflowContent } from './workspace-save.ts';
export { watchWorkspace, type WorkspaceWatcher } from './workspace-watch.ts';
export { WorkspaceError, type WorkspaceErrorCode } from './workspace-error.ts';
export type { WorkspaceOptions, AccessControlParser } from './workspace-options.ts';
export type { LoadedWorkflow, LoadedTrigger, WorkspaceSnapshot } from '../../src-shared/workflow/workspace-snapshot.ts';

/** Loads a workspace once: every `<name>/workflow.json`, plus parameters.json and local.settings.json. */
export async function loadWorkspace(root: string, options: WorkspaceOptions): Promise<WorkspaceSnapshot> {
  return (await createWorkspaceLoader(root, options).load()).snapshot;
}
