import { toArmTemplate } from '../../src-shared/exchange/arm-export.ts';
import { isRecord, type ExportedFile, type ExportResult, type ProjectParameter, type WorkflowBundle } from '../../src-shared/exchange/exchange-types.ts';
import type { Problem } from '../../src-shared/problems.ts';
import { readJsonFile, PARAMETERS_FILE } from './workspace-project.ts';
import { ACCESS_CONTROL_FILE, WORKFLOW_FILE } from './workspace-workflow.ts';
import { WorkspaceError } from './workspace-error.ts';
import { loadWorkspace, type WorkspaceOptions, type WorkspaceSnapshot } from './workspace.ts';

/** The app setting that disables a workflow (docs/runtime.md), looked up case-insensitively. */
function isDisabled(snapshot: WorkspaceSnapshot, name: string): boolean {
  const key = `workflows.${name}.flowstate`.toLowerCase();
  return Object.entries(snapshot.appSettings).some(([setting, value]) => setting.toLowerCase() === key && value.toLowerCase() === 'disabled');
}

/** Picks workflows by name (case-insensitive), all of them when `names` is empty. */
function pick(snapshot: WorkspaceSnapshot, names: string[]): WorkspaceSnapshot['workflows'] {
  if (names.length === 0) {
    if (snapshot.workflows.length === 0) throw new WorkspaceError('NoWorkflows', `There are no workflows in ${snapshot.root} to export.`, snapshot.root);
    return snapshot.workflows;
  }
  return names.map((name) => {
    const found = snapshot.workflows.find((w) => w.name.toLowerCase() === name.toLowerCase());
    if (!found) throw Object.assign(new Error(`No workflow '${name}' in ${snapshot.root}. Workflows there: ${snapshot.workflows.map((w) => w.name).join(', ') || 'none'}.`), { code: 'WorkflowNotFound' });
    return found;
  });
}

/** Reads a workflow's files as written (not as the runtime resolved them). */
async function readBundle(root: string, name: string, snapshot: WorkspaceSnapshot): Promise<WorkflowBundle> {
  const read = await readJsonFile(root, `${name}/${WORKFLOW_FILE}`, name);
  if (read.problem || !isRecord(read.value) || !isRecord(read.value.definition)) {
    throw new WorkspaceError('InvalidWorkflowFile', `${name}/${WORKFLOW_FILE} cannot be exported: ${read.problem?.message ?? 'it has no "definition" object'}. Fix it in the editor first.`, `${name}/${WORKFLOW_FILE}`);
  }
  const kind = String(read.value.kind ?? '').toLowerCase() === 'stateless' ? 'Stateless' : 'Stateful';
  const bundle: WorkflowBundle = { name, workflow: { definition: read.value.definition, kind } };
  const access = await readJsonFile(root, `${name}/${ACCESS_CONTROL_FILE}`, name);
  if (access.problem) throw new WorkspaceError('InvalidAccessControl', `${name}/${ACCESS_CONTROL_FILE} cannot be exported: ${access.problem.message}`, `${name}/${ACCESS_CONTROL_FILE}`);
  if (isRecord(access.value)) bundle.accessControl = access.value;
  if (isDisabled(snapshot, name)) bundle.state = 'Disabled';
  return bundle;
}

/** `parameters.json` entries as written: `@appsetting()` references stay references. */
async function rawParameters(root: string): Promise<Record<string, ProjectParameter>> {
  const read = await readJsonFile(root, PARAMETERS_FILE);
  const parameters: Record<string, ProjectParameter> = {};
  if (!isRecord(read.value)) return parameters;
  for (const [name, entry] of Object.entries(read.value)) {
    if (isRecord(entry) && Object.hasOwn(entry, 'value')) parameters[name] = { ...(typeof entry.type === 'string' ? { type: entry.type } : {}), value: entry.value };
  }
  return parameters;
}

/**
 * Exports workflows of a workspace. `standard`: each `<name>/workflow.json` normalized
 * (parsed and written with 2-space indents, as the workspace holds it) plus its
 * `access-control.json`; `arm`: one Consumption ARM template (`template.json`) for all
 * of them, with their access control and callback URL outputs (docs/exchange.md).
 */
export async function exportWorkflows(root: string, names: string[], format: 'standard' | 'arm', options: WorkspaceOptions): Promise<ExportResult> {
  const snapshot = await loadWorkspace(root, options);
  const chosen = pick(snapshot, names);
  const bundles = await Promise.all(chosen.map((w) => readBundle(snapshot.root, w.name, snapshot)));
  const problems: Problem[] = chosen.flatMap((w) => w.problems.filter((p) => p.severity === 'error'));
  if (format === 'arm') {
    const { template, problems: armProblems } = toArmTemplate({ workflows: bundles, parameters: await rawParameters(snapshot.root) });
    return { files: [{ path: 'template.json', text: `${JSON.stringify(template, null, 2)}\n` }], problems: [...problems, ...armProblems] };
  }
  const files: ExportedFile[] = [];
  for (const bundle of bundles) {
    files.push({ path: `${bundle.name}/${WORKFLOW_FILE}`, text: `${JSON.stringify(bundle.workflow, null, 2)}\n` });
    if (bundle.accessControl) files.push({ path: `${bundle.name}/${ACCESS_CONTROL_FILE}`, text: `${JSON.stringify(bundle.accessControl, null, 2)}\n` });
  }
  return { files, problems };
}
