import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { LoadedWorkflow, WorkspaceSnapshot } from '../../src-shared/workflow/workspace-snapshot.ts';
import { WorkspaceError } from './workspace-error.ts';
import type { Problem } from '../../src-shared/problems.ts';
import { isIgnoredFolder, workflowNameKey } from '../../src-shared/workflow/workflow-name.ts';
import type { WorkspaceOptions } from './workspace-options.ts';
import { LOCAL_SETTINGS_FILE, PARAMETERS_FILE, readProjectFiles, type ProjectFiles } from './workspace-project.ts';
import { ACCESS_CONTROL_FILE, loadWorkflow, WORKFLOW_FILE } from './workspace-workflow.ts';

/** A loader that remembers what it read and re-reads only files whose stat changed. */
export interface WorkspaceLoader {
  readonly root: string;
  /** Reloads; `changed` is false when no relevant file changed since the last load. */
  load(): Promise<{ snapshot: WorkspaceSnapshot; changed: boolean }>;
}

/** Identity of a file version: modification time, size and inode ('-' when absent). */
async function fingerprint(path: string): Promise<string> {
  try {
    const s = await stat(path);
    return `${s.mtimeMs}:${s.size}:${s.ino}`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return '-';
    return `error:${code}`;
  }
}

/** Lists the sub-folders that hold a workflow.json, sorted by name. */
async function listWorkflowFolders(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true });
  const names: string[] = [];
  for (const entry of entries) {
    if (isIgnoredFolder(entry.name)) continue;
    if (!entry.isDirectory() && !entry.isSymbolicLink()) continue;
    if ((await fingerprint(join(root, entry.name, WORKFLOW_FILE))) !== '-') names.push(entry.name);
  }
  return names.sort((a, b) => a.localeCompare(b));
}

async function checkRoot(root: string): Promise<void> {
  try {
    const s = await stat(root);
    if (!s.isDirectory()) throw new WorkspaceError('WorkspaceNotAFolder', `The workspace ${root} is a file; point Triggerbench at the Logic Apps project folder that holds <workflow>/workflow.json folders.`, root);
  } catch (error) {
    if (error instanceof WorkspaceError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new WorkspaceError('WorkspaceNotFound', `The workspace folder ${root} cannot be opened (${code ?? (error as Error).message}). Check the path.`, root, { cause: error });
  }
}

/**
 * Folders whose names differ only by case are one name to Azure, to the signature (it
 * signs the lower-cased name) and to Windows and macOS: a call could not tell which one
 * it means, and one could shadow the other's stricter access-control.json. Both become
 * errors, so neither is served (docs/workspace.md, Names).
 */
function withoutCaseCollisions(workflows: LoadedWorkflow[]): LoadedWorkflow[] {
  const byKey = new Map<string, string[]>();
  for (const workflow of workflows) {
    const key = workflowNameKey(workflow.name);
    byKey.set(key, [...(byKey.get(key) ?? []), workflow.name]);
  }
  return workflows.map((workflow) => {
    const names = byKey.get(workflowNameKey(workflow.name))!;
    if (names.length < 2) return workflow;
    const others = names.filter((name) => name !== workflow.name).map((name) => `'${name}'`).join(', ');
    const problem: Problem = {
      code: 'WorkflowNameCollision',
      severity: 'error',
      file: workflow.file,
      pointer: '',
      workflow: workflow.name,
      message: `The workflow folder '${workflow.name}' has the same name as ${others} when case is ignored, as Azure, callback URLs and Windows ignore it. Neither is served until one is renamed.`,
    };
    return { ...workflow, callable: false, problems: [problem, ...workflow.problems], errorCount: workflow.errorCount + 1 };
  });
}

/**
 * Creates a caching loader for a workspace folder. The first load reads everything;
 * later loads stat each file and parse again only what changed, so the watcher can
 * reload after every burst of events cheaply.
 */
export function createWorkspaceLoader(rootPath: string, options: WorkspaceOptions): WorkspaceLoader {
  const root = resolve(rootPath);
  const workflows = new Map<string, { key: string; workflow: LoadedWorkflow }>();
  let project: { key: string; files: ProjectFiles } | undefined;
  let lastKey: string | undefined;
  let last: WorkspaceSnapshot | undefined;

  const load = async (): Promise<{ snapshot: WorkspaceSnapshot; changed: boolean }> => {
    await checkRoot(root);
    const names = await listWorkflowFolders(root);
    const projectKey = (await Promise.all([PARAMETERS_FILE, LOCAL_SETTINGS_FILE].map((f) => fingerprint(join(root, f))))).join('|');
    if (!project || project.key !== projectKey) project = { key: projectKey, files: await readProjectFiles(root) };
    const loaded: LoadedWorkflow[] = [];
    const keys: string[] = [projectKey];
    const seen = new Set<string>();
    for (const name of names) {
      const key = (await Promise.all([WORKFLOW_FILE, ACCESS_CONTROL_FILE].map((f) => fingerprint(join(root, name, f))))).join('|');
      let cached = workflows.get(name);
      if (!cached || cached.key !== key) {
        const workflow = await loadWorkflow(root, name, options);
        if (!workflow) continue; // deleted between listing and reading
        cached = { key, workflow };
        workflows.set(name, cached);
      }
      seen.add(name);
      keys.push(`${name}=${key}`);
      loaded.push(cached.workflow);
    }
    for (const name of workflows.keys()) if (!seen.has(name)) workflows.delete(name);
    const key = keys.join('\n');
    const changed = key !== lastKey;
    if (changed || !last) {
      const problems = [...project.files.problems];
      if (names.length === 0) {
        problems.push({ code: 'NoWorkflows', severity: 'warning', file: '', pointer: '', message: `No workflows found in ${root}: a workflow is a sub-folder holding workflow.json (for example orders/workflow.json).` });
      }
      last = { root, workflows: withoutCaseCollisions(loaded), parameters: project.files.parameters, appSettings: project.files.appSettings, problems };
      lastKey = key;
    }
    return { snapshot: last, changed };
  };

  return { root, load };
}
