import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Problem } from '../../src-shared/problems.ts';
import { workflowNotFound } from '../../src-shared/workflow/find-trigger.ts';
import { parseJsonFile } from '../../src-shared/workflow/json-text.ts';
import { createWorkflow, loadWorkspace, saveWorkflow, watchWorkspace, type LoadedWorkflow, type WorkspaceSnapshot } from '../workspace/workspace.ts';
import { WorkbenchError } from './workbench-error.ts';
import { workspaceOptions } from './workspace-setup.ts';

/** The snapshot of no workspace at all (a workbench started without one). */
export const emptySnapshot = (root: string): WorkspaceSnapshot => ({ root, workflows: [], parameters: {}, appSettings: {}, problems: [] });

/**
 * The workspace the workbench has open: its latest snapshot, workflows by name (case does
 * not matter, as in Logic Apps), the watcher that follows edits, and the edits the console
 * makes. `onChange` hears every new snapshot, ours and the watcher's.
 */
export class OpenWorkspace {
  private current!: WorkspaceSnapshot;
  private byName = new Map<string, LoadedWorkflow>();
  private watcher?: { close(): Promise<void> };
  private readonly onChange: () => void;

  constructor(snapshot: WorkspaceSnapshot, onChange: () => void) {
    this.onChange = onChange;
    this.set(snapshot);
  }

  /** The latest snapshot. */
  get snapshot(): WorkspaceSnapshot {
    return this.current;
  }

  private set(snapshot: WorkspaceSnapshot): void {
    this.current = snapshot;
    this.byName = new Map(snapshot.workflows.map((w) => [w.name.toLowerCase(), w]));
  }

  /** A workflow by name, any case. */
  find(name: string): LoadedWorkflow | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** A workflow by name, or WorkflowNotFound. */
  require(name: string): LoadedWorkflow {
    const workflow = this.find(name);
    if (!workflow) throw new WorkbenchError('WorkflowNotFound', workflowNotFound(name).message);
    return workflow;
  }

  private requireRoot(): string {
    if (!this.current.root) throw new WorkbenchError('NoWorkspace', 'No workspace is open. Open a Logic Apps Standard project folder first.');
    return this.current.root;
  }

  /** Follows edits on disk (once; nothing to follow without a workspace). */
  watch(): void {
    if (this.watcher || !this.current.root) return;
    this.watcher = watchWorkspace(this.current.root, workspaceOptions(), (snapshot) => {
      this.set(snapshot);
      this.onChange();
    });
  }

  /** Stops following edits. */
  async stopWatching(): Promise<void> {
    await this.watcher?.close();
    this.watcher = undefined;
  }

  /** Opens another project folder (call watch() again to follow its edits). */
  async open(root: string): Promise<void> {
    await this.stopWatching();
    this.set(await loadWorkspace(root, workspaceOptions()));
  }

  /** The text of a workflow's workflow.json, as on disk. */
  async read(name: string): Promise<{ name: string; text: string }> {
    const workflow = this.require(name);
    return { name: workflow.name, text: await readFile(join(this.requireRoot(), workflow.file), 'utf8') };
  }

  /**
   * Saves a workflow's text if it is a JSON object, then reloads; returns the saved
   * workflow, or the problems that kept it from being saved.
   */
  async save(name: string, text: string): Promise<{ saved?: LoadedWorkflow; problems: Problem[] }> {
    const root = this.requireRoot();
    // The loader's JSON rule, so the console gets the same message, line and column it would after a save.
    const parsed = parseJsonFile(text, `${name}/workflow.json`, name);
    if (parsed.problem) return { problems: [{ ...parsed.problem, message: `${parsed.problem.message} Nothing was saved.` }] };
    const json = parsed.value;
    if (!json || typeof json !== 'object' || Array.isArray(json)) {
      return { problems: [{ code: 'InvalidWorkflowFile', severity: 'error', message: 'workflow.json must be a JSON object with "definition" and "kind". Nothing was saved.', file: `${name}/workflow.json`, pointer: '' }] };
    }
    await saveWorkflow(root, name, text); // the text, not the object: keeps the user's formatting
    await this.reload();
    const saved = this.find(name);
    return saved ? { saved, problems: saved.problems } : { problems: [] };
  }

  /** Creates a workflow folder (the new-workflow template, or `definition`), then reloads. */
  async create(name: string, definition?: unknown): Promise<LoadedWorkflow> {
    const root = this.requireRoot();
    await createWorkflow(root, name, definition === undefined ? undefined : { definition: definition as Record<string, unknown>, kind: 'Stateful' });
    await this.reload();
    return this.require(name);
  }

  /** Re-reads the workspace now (after our own writes, so callers see them at once). */
  private async reload(): Promise<void> {
    this.set(await loadWorkspace(this.requireRoot(), workspaceOptions()));
    this.onChange();
  }
}
