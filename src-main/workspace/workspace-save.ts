import { newWorkflowDefinition } from '../../src-shared/workflow/new-workflow.ts';
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { join, relative, resolve, isAbsolute } from 'node:path';
import { parseJsonFile } from '../../src-shared/workflow/json-text.ts';
import { writeFileAtomic } from '../files/files.ts';
import { WorkspaceError } from './workspace-error.ts';
import { validateWorkflowName, workflowNameKey } from '../../src-shared/workflow/workflow-name.ts';
import { resolveInWorkspace } from './workspace-containment.ts';
import { WORKFLOW_FILE } from './workspace-workflow.ts';

/**
 * What to write: a string is the editor's text, written as is (formatting kept); any
 * other value is a parsed workflow.json, written with 2-space indents.
 */
export type WorkflowContent = unknown;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the name and root, and returns the absolute workflow.json path. Names cannot escape the root. */
async function targetPath(rootPath: string, name: string): Promise<string> {
  const invalid = validateWorkflowName(name);
  if (invalid) throw new WorkspaceError('InvalidWorkflowName', invalid.message, String(name));
  const root = resolve(rootPath);
  try {
    if (!(await stat(root)).isDirectory()) throw new Error('not a folder');
  } catch (error) {
    throw new WorkspaceError('WorkspaceNotFound', `The workspace folder ${root} does not exist or is not a folder; cannot save workflow '${name}'.`, root, { cause: error });
  }
  const path = join(root, name, WORKFLOW_FILE);
  const inside = relative(root, path);
  // Belt and braces: the name rules already exclude '..', '/' and '\'.
  if (inside.startsWith('..') || isAbsolute(inside)) throw new WorkspaceError('InvalidWorkflowName', `'${name}' would be saved outside the workspace.`, name);
  const contained = await resolveInWorkspace(root, path);
  if (!contained.inside) {
    throw new WorkspaceError('PathOutsideWorkspace', `${name}/${WORKFLOW_FILE} was not saved: the workflow folder or file is a symbolic link leading outside the workspace (to ${contained.real}). Replace the link with a real folder.`, path);
  }
  await refuseCaseCollision(root, name);
  return path;
}

/** A new folder whose name differs from an existing one only by case would be one workflow to Azure (docs/workspace.md, Names). */
async function refuseCaseCollision(root: string, name: string): Promise<void> {
  const key = workflowNameKey(name);
  const clash = (await readdir(root)).find((entry) => entry !== name && workflowNameKey(entry) === key);
  if (clash !== undefined) {
    throw new WorkspaceError('WorkflowNameCollision', `'${name}' cannot be used: the workspace already has '${clash}', and workflow names ignore case (as in Azure and on Windows). Choose another name or edit '${clash}'.`, join(root, clash));
  }
}

/** Turns content into the text to write; refuses text that is not JSON or not a workflow file. */
function serialize(name: string, content: WorkflowContent): string {
  const file = `${name}/${WORKFLOW_FILE}`;
  if (typeof content !== 'string') {
    if (!isRecord(content) || !isRecord(content.definition)) throw notAWorkflow(file);
    return `${JSON.stringify(content, null, 2)}\n`;
  }
  const parsed = parseJsonFile(content, file, name);
  if (parsed.problem) {
    throw new WorkspaceError('InvalidJson', parsed.problem.message, file, { line: parsed.problem.line, column: parsed.problem.column });
  }
  if (!isRecord(parsed.value) || !isRecord(parsed.value.definition)) throw notAWorkflow(file);
  return content;
}

function notAWorkflow(file: string): WorkspaceError {
  return new WorkspaceError('InvalidWorkflowFile', `${file} was not saved: it must be an object of the form {"definition": {...}, "kind": "Stateful"}.`, file);
}

/**
 * Saves `<root>/<name>/workflow.json` atomically (readers see the old or the new file,
 * never half of one), creating the folder when needed. The text must be JSON with a
 * `definition` object; structural problems do not block saving (Logic Apps saves
 * workflows with warnings too) and show up when the watcher reloads it.
 */
export async function saveWorkflow(root: string, name: string, workflowJson: WorkflowContent): Promise<{ file: string }> {
  const path = await targetPath(root, name);
  const text = serialize(name, workflowJson);
  try {
    await writeFileAtomic(path, text);
  } catch (error) {
    throw new WorkspaceError('WorkspaceWriteFailed', `Could not save ${name}/${WORKFLOW_FILE} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Check the folder's permissions and free space.`, path, { cause: error });
  }
  return { file: `${name}/${WORKFLOW_FILE}` };
}

/** The workflow `createWorkflow` writes without a template: the console's blank Request → Response starter. */
export function defaultWorkflowTemplate(): Record<string, unknown> {
  return { definition: newWorkflowDefinition('blank'), kind: 'Stateful' };
}

/**
 * Creates a new workflow from a template (default: `defaultWorkflowTemplate()`), refusing to overwrite an existing
 * workflow.json. The file is written to a temp file and hard-linked into place, which
 * fails atomically when the target exists (no check-then-write race).
 */
export async function createWorkflow(root: string, name: string, template?: WorkflowContent): Promise<{ file: string }> {
  const path = await targetPath(root, name);
  const text = serialize(name, template ?? defaultWorkflowTemplate());
  const folder = join(resolve(root), name);
  const temp = join(folder, `.${WORKFLOW_FILE}.${randomBytes(6).toString('hex')}.tmp`);
  const exists = (): WorkspaceError => new WorkspaceError('WorkflowExists', `Workflow '${name}' already exists (${name}/${WORKFLOW_FILE}); choose another name or edit the existing one.`, path);
  try {
    await mkdir(folder, { recursive: true });
    const handle = await open(temp, 'w', 0o644);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(temp, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw exists();
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
      // No hard links on this file system: exclusive create is still race-free.
      const direct = await open(path, 'wx', 0o644).catch((e: NodeJS.ErrnoException) => {
        throw e.code === 'EEXIST' ? exists() : e;
      });
      try {
        await direct.writeFile(text);
        await direct.sync();
      } finally {
        await direct.close();
      }
    }
  } catch (error) {
    if (error instanceof WorkspaceError) throw error;
    throw new WorkspaceError('WorkspaceWriteFailed', `Could not create ${name}/${WORKFLOW_FILE} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Check the folder's permissions and free space.`, path, { cause: error });
  } finally {
    await rm(temp, { force: true });
  }
  return { file: `${name}/${WORKFLOW_FILE}` };
}
