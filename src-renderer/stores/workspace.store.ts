import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TriggerbenchApi, WorkflowView, WorkspaceView } from '../../src-shared/contract.ts';
import { toUiError, type UiError } from '../lib/api-error.ts';

/** The open workspace: its workflows and file problems, kept live by `workspace:changed`. */
export interface WorkspaceState {
  workspace: WorkspaceView | null;
  loading: boolean;
  error: UiError | null;
  load(): Promise<void>;
  /** Puts a workflow returned by a save or a create into the list (before the watcher's event). */
  upsertWorkflow(workflow: WorkflowView): void;
  workflow(name: string): WorkflowView | undefined;
  dispose(): void;
}

function sortByName(workflows: WorkflowView[]): WorkflowView[] {
  return [...workflows].sort((a, b) => a.name.localeCompare(b.name));
}

/** Creates the workspace store. */
export function createWorkspaceStore(api: TriggerbenchApi): StoreApi<WorkspaceState> {
  let unsubscribe: (() => void) | undefined;
  return createStore<WorkspaceState>()((set, get) => ({
    workspace: null,
    loading: false,
    error: null,
    load: async () => {
      unsubscribe ??= api.on('workspace:changed', (workspace) => set({ workspace: { ...workspace, workflows: sortByName(workspace.workflows) }, error: null }));
      set({ loading: true, error: null });
      try {
        const workspace = await api.invoke('workspace:get', {});
        set({ workspace: { ...workspace, workflows: sortByName(workspace.workflows) }, loading: false });
      } catch (error) {
        set({ loading: false, error: toUiError(error) });
      }
    },
    upsertWorkflow: (workflow) => {
      const current = get().workspace;
      if (!current) return;
      const others = current.workflows.filter((w) => w.name !== workflow.name);
      set({ workspace: { ...current, workflows: sortByName([...others, workflow]) } });
    },
    workflow: (name) => get().workspace?.workflows.find((w) => w.name === name),
    dispose: () => {
      unsubscribe?.();
      unsubscribe = undefined;
    },
  }));
}
