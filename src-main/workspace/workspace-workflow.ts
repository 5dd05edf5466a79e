import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Problem } from '../../src-shared/problems.ts';
import { locateProblems } from '../../src-shared/workflow/json-text.ts';
import { validateWorkflowFile } from '../../src-shared/workflow/validate-workflow.ts';
import type { LoadedWorkflow } from '../../src-shared/workflow/workspace-snapshot.ts';
import type { RequestTriggerInputs } from '../../src-shared/workflow/types.ts';
import { hasControlCharacter, unservableWorkflowName, validateWorkflowName } from '../../src-shared/workflow/workflow-name.ts';
import type { WorkspaceOptions } from './workspace-options.ts';
import { readJsonFile } from './workspace-project.ts';

/** The file names inside a workflow folder. */
export const WORKFLOW_FILE = 'workflow.json';
export const ACCESS_CONTROL_FILE = 'access-control.json';

/**
 * Loads `<root>/<name>/workflow.json` and its optional `access-control.json`. Every
 * failure becomes a problem on the returned workflow (never an exception), so one
 * broken file cannot stop the others. Returns undefined when workflow.json is gone.
 */
export async function loadWorkflow(root: string, name: string, options: WorkspaceOptions): Promise<LoadedWorkflow | undefined> {
  const file = `${name}/${WORKFLOW_FILE}`;
  let mtimeMs: number;
  try {
    mtimeMs = (await stat(join(root, name, WORKFLOW_FILE))).mtimeMs;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
  const read = await readJsonFile(root, file, name);
  if (!read.exists) return undefined;
  const loaded: LoadedWorkflow = { name, file, kind: 'Stateful', callable: false, problems: [], errorCount: 0, mtimeMs };
  const problems: Problem[] = [];
  const unservable = unservableWorkflowName(name);
  const badName = validateWorkflowName(name);
  if (unservable) {
    problems.push({ code: 'InvalidWorkflowName', severity: 'error', file, pointer: '', workflow: name, message: unservable });
  } else if (badName) {
    problems.push({ code: 'UnusualWorkflowName', severity: 'warning', file, pointer: '', workflow: name, message: `${badName.message} The workflow still loads, but its callback URL needs percent-encoding; rename the folder.` });
  }
  if (read.problem) {
    problems.push(read.problem);
  } else {
    const result = validateWorkflowFile(read.value, { file, workflow: name, supportedActionTypes: options.supportedActionTypes, checkExpression: options.checkExpression });
    problems.push(...locateProblems(read.text ?? '', result.problems));
    if (result.workflow) {
      loaded.kind = result.workflow.kind;
      loaded.definition = result.workflow.definition;
      const trigger = result.requestTrigger ? result.workflow.definition.triggers?.[result.requestTrigger] : undefined;
      if (trigger && result.requestTrigger && hasControlCharacter(result.requestTrigger)) {
        problems.push({ code: 'InvalidTriggerName', severity: 'error', file, pointer: '/definition/triggers', workflow: name, message: `The trigger name ${JSON.stringify(result.requestTrigger)} holds a control character (a line break or tab, say), which a callback URL cannot carry. Rename the trigger.` });
      } else if (trigger && result.requestTrigger) {
        const inputs = typeof trigger.inputs === 'object' && trigger.inputs !== null && !Array.isArray(trigger.inputs) ? (trigger.inputs as RequestTriggerInputs) : {};
        loaded.trigger = { name: result.requestTrigger, type: trigger.type, inputs };
      }
    }
  }
  await loadAccessControl(root, name, options, loaded, problems);
  loaded.problems = problems;
  loaded.errorCount = problems.filter((p) => p.severity === 'error').length;
  loaded.callable = loaded.trigger !== undefined && loaded.errorCount === 0;
  return loaded;
}

async function loadAccessControl(root: string, name: string, options: WorkspaceOptions, loaded: LoadedWorkflow, problems: Problem[]): Promise<void> {
  const file = `${name}/${ACCESS_CONTROL_FILE}`;
  const read = await readJsonFile(root, file, name);
  if (!read.exists) return;
  if (read.problem) {
    problems.push(read.problem);
    return;
  }
  if (!options.parseAccessControl) {
    loaded.accessControl = read.value;
    return;
  }
  let result: ReturnType<NonNullable<WorkspaceOptions['parseAccessControl']>>;
  try {
    result = options.parseAccessControl(read.value, file);
  } catch (error) {
    problems.push({ code: 'AccessControlParseFailed', severity: 'error', file, pointer: '', workflow: name, message: `${file} could not be read: ${(error as Error).message}` });
    return;
  }
  const stamped = result.problems.map((p) => ({ ...p, file: p.file || file, workflow: p.workflow ?? name }));
  problems.push(...locateProblems(read.text ?? '', stamped));
  if (result.value !== undefined) loaded.accessControl = result.value;
}
