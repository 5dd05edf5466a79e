import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportedWorkflow, ImportFileReport, ProjectParameter } from '../../src-shared/exchange/exchange-types.ts';
import { isRecord } from '../../src-shared/exchange/exchange-types.ts';
import { importWorkflowDocument } from '../../src-shared/exchange/workflow-import.ts';
import type { Problem } from '../../src-shared/problems.ts';
import { isIgnoredFolder } from '../../src-shared/workflow/workflow-name.ts';
import { writeFileAtomic } from '../files/files.ts';
import { LOCAL_SETTINGS_FILE, PARAMETERS_FILE, readJsonFile } from './workspace-project.ts';
import { saveWorkflow } from './workspace-save.ts';
import { ACCESS_CONTROL_FILE, WORKFLOW_FILE } from './workspace-workflow.ts';

/** Options of the workflow import. */
export interface WorkflowImportOptions {
  /** Replace workflows that already exist (default: keep them and report a problem). */
  overwrite?: boolean;
}

/** Reads every `<name>/workflow.json` of a Standard project folder, with access control and project files. */
export async function readProjectFolder(folder: string, display: string): Promise<{ workflows: ImportedWorkflow[]; parameters: Record<string, ProjectParameter>; appSettings: Record<string, string>; problems: Problem[] }> {
  const workflows: ImportedWorkflow[] = [];
  const problems: Problem[] = [];
  const entries = await readdir(folder, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || isIgnoredFolder(entry.name)) continue;
    const read = await readJsonFile(folder, `${entry.name}/${WORKFLOW_FILE}`, entry.name);
    if (!read.exists) continue;
    const file = `${display}/${entry.name}/${WORKFLOW_FILE}`;
    if (read.problem) {
      problems.push({ ...read.problem, file });
      continue;
    }
    const found = importWorkflowDocument(read.value, file);
    problems.push(...found.problems);
    for (const workflow of found.workflows) {
      const access = await readJsonFile(folder, `${entry.name}/${ACCESS_CONTROL_FILE}`, entry.name);
      if (access.problem) workflow.problems.push({ ...access.problem, file: `${display}/${entry.name}/${ACCESS_CONTROL_FILE}` });
      else if (isRecord(access.value)) workflow.accessControl = access.value;
      workflows.push(workflow);
    }
  }
  const parameters: Record<string, ProjectParameter> = {};
  const params = await readJsonFile(folder, PARAMETERS_FILE);
  if (params.problem) problems.push({ ...params.problem, file: `${display}/${PARAMETERS_FILE}` });
  if (isRecord(params.value)) for (const [name, entry] of Object.entries(params.value)) if (isRecord(entry) && Object.hasOwn(entry, 'value')) parameters[name] = entry as unknown as ProjectParameter;
  const appSettings: Record<string, string> = {};
  const settings = await readJsonFile(folder, LOCAL_SETTINGS_FILE);
  if (settings.problem) problems.push({ ...settings.problem, file: `${display}/${LOCAL_SETTINGS_FILE}` });
  if (isRecord(settings.value) && isRecord(settings.value.Values)) for (const [key, value] of Object.entries(settings.value.Values)) if (typeof value === 'string') appSettings[key] = value;
  if (workflows.length === 0 && problems.length === 0) problems.push({ code: 'NoWorkflows', severity: 'error', message: `${display} holds no <workflow>/workflow.json folders, so it is not a Logic Apps Standard project.`, file: display, pointer: '' });
  return { workflows, parameters, appSettings, problems };
}

/** True when `path` is a folder. */
export async function isFolder(path: string): Promise<boolean> {
  return (await stat(path)).isDirectory();
}

/**
 * Merges entries into a JSON object file of the workspace (parameters.json, or the
 * Values of local.settings.json). Existing entries are never replaced: a different
 * value is reported as a conflict, so an import cannot lose the user's settings.
 */
async function mergeJsonEntries(root: string, file: string, entries: Record<string, unknown>, nested: 'Values' | undefined, report: ImportFileReport, type: 'parameter' | 'appSetting'): Promise<void> {
  if (Object.keys(entries).length === 0) return;
  const read = await readJsonFile(root, file);
  if (read.problem) {
    report.problems.push({ ...read.problem, message: `${read.problem.message} The imported ${type === 'parameter' ? 'parameters' : 'app settings'} (${Object.keys(entries).join(', ')}) were not added.` });
    return;
  }
  const document = isRecord(read.value) ? read.value : {};
  const target = nested ? (isRecord(document[nested]) ? (document[nested] as Record<string, unknown>) : (document[nested] = {})) : document;
  let changed = false;
  for (const [name, value] of Object.entries(entries)) {
    if (Object.hasOwn(target, name)) {
      if (JSON.stringify(target[name]) !== JSON.stringify(value)) {
        report.problems.push({ code: type === 'parameter' ? 'ParameterConflict' : 'AppSettingConflict', severity: 'warning', message: `${file} already has '${name}' with another value; it was kept. The imported value was ${JSON.stringify(value)}.`, file, pointer: `${nested ? `/${nested}` : ''}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}` });
      }
      continue;
    }
    target[name] = value;
    changed = true;
    report.imported.push({ type, name, path: file });
  }
  if (changed) await writeFileAtomic(join(root, file), `${JSON.stringify(document, null, 2)}\n`);
}

/**
 * Writes imported workflows into the workspace: `<name>/workflow.json` (the definition as
 * it came), `access-control.json`, and their parameters and app settings merged into the
 * project files. A workflow that exists already is kept unless `overwrite`.
 */
export async function writeImportedWorkflows(root: string, workflows: ImportedWorkflow[], report: ImportFileReport, options: WorkflowImportOptions, extra: { parameters?: Record<string, ProjectParameter>; appSettings?: Record<string, string> } = {}): Promise<void> {
  const parameters: Record<string, ProjectParameter> = { ...extra.parameters };
  const appSettings: Record<string, string> = { ...extra.appSettings };
  for (const workflow of workflows) {
    report.problems.push(...workflow.problems);
    const exists = (await readJsonFile(root, `${workflow.name}/${WORKFLOW_FILE}`, workflow.name)).exists;
    if (exists && !options.overwrite) {
      report.problems.push({ code: 'WorkflowExists', severity: 'error', message: `The workspace already has a workflow '${workflow.name}'; it was kept and this one was not imported. Import with --overwrite to replace it, or rename one of them.`, file: workflow.source, pointer: '', workflow: workflow.name });
      continue;
    }
    await saveWorkflow(root, workflow.name, workflow.workflow);
    report.imported.push({ type: 'workflow', name: workflow.name, path: `${workflow.name}/${WORKFLOW_FILE}` });
    if (workflow.accessControl) {
      await writeFileAtomic(join(root, workflow.name, ACCESS_CONTROL_FILE), `${JSON.stringify(workflow.accessControl, null, 2)}\n`);
      report.imported.push({ type: 'workflow', name: workflow.name, path: `${workflow.name}/${ACCESS_CONTROL_FILE}` });
    }
    Object.assign(parameters, workflow.parameters);
    Object.assign(appSettings, workflow.appSettings);
  }
  await mergeJsonEntries(root, PARAMETERS_FILE, parameters, undefined, report, 'parameter');
  await mergeJsonEntries(root, LOCAL_SETTINGS_FILE, appSettings, 'Values', report, 'appSetting');
}
