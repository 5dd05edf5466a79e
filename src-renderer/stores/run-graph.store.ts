import { createStore, type StoreApi } from 'zustand/vanilla';
import type { WorkflowDefinition } from '../../src-shared/workflow/types.ts';
import { toUiError, type UiError } from '../lib/api-error.ts';
import { parseJsonText } from '../lib/json-text.ts';
import { definitionOf } from '../lib/workflow-model.ts';
import type { StoreDeps } from './deps.ts';
import type { WorkspaceState } from './workspace.store.ts';

/** A workflow's definition as the run graph draws it, or why it cannot. */
export interface DefinitionEntry {
  loading: boolean;
  definition?: WorkflowDefinition;
  error?: UiError;
}

/** The workflow definitions the run view draws runs over, read once per workspace change. */
export interface RunGraphState {
  definitions: Record<string, DefinitionEntry>;
  /** Reads `<workflow>/workflow.json` unless it is already read (or being read). */
  load(workflow: string): Promise<void>;
}

/** Creates the run graph store; the cache empties when the workspace changes, so a drawing never uses a stale file. */
export function createRunGraphStore(deps: StoreDeps, workspace: StoreApi<WorkspaceState>): StoreApi<RunGraphState> {
  const store = createStore<RunGraphState>()((set, get) => ({
    definitions: {},
    load: async (workflow) => {
      if (get().definitions[workflow]) return;
      set({ definitions: { ...get().definitions, [workflow]: { loading: true } } });
      let entry: DefinitionEntry;
      try {
        const { text } = await deps.api.invoke('workflows:read', { name: workflow });
        const parsed = parseJsonText(text);
        const definition = parsed.ok ? definitionOf(parsed.value) : undefined;
        entry = definition
          ? { loading: false, definition: definition as WorkflowDefinition }
          : { loading: false, error: { code: 'InvalidWorkflowFile', message: parsed.ok ? `${workflow}/workflow.json has no definition to draw.` : `${workflow}/workflow.json is not valid JSON: ${parsed.error.message}` } };
      } catch (error) {
        entry = { loading: false, error: toUiError(error) };
      }
      set({ definitions: { ...get().definitions, [workflow]: entry } });
    },
  }));
  workspace.subscribe((next, previous) => {
    if (next.workspace !== previous.workspace) store.setState({ definitions: {} });
  });
  return store;
}
