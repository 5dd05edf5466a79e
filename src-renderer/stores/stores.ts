import type { StoreApi } from 'zustand/vanilla';
import { diagnose } from '../../src-shared/expression/diagnose.ts';
import type { ExpressionDiagnoser } from '../lib/expression-diagnostics.ts';
import { createAppStore, type AppState } from './app.store.ts';
import { createComposerStore, type ComposerState } from './composer.store.ts';
import { createLibraryStore, type LibraryState } from './library.store.ts';
import { createAccessControlStore, type AccessControlState } from './access-control.store.ts';
import { createSessionStore, type SessionOptions, type SessionState } from './session.store.ts';
import type { StoreDeps } from './deps.ts';
import { docTitle, savedFromDoc } from '../lib/saved-request.ts';
import { newRequestId } from '../lib/request-id.ts';
import { createExchangeStore, type ExchangeState } from './exchange.store.ts';
import { createEditorStore, type EditorStoreOptions, type EditorState } from './editor.store.ts';
import { createResponseStore, type ResponseState } from './response.store.ts';
import { createRunGraphStore, type RunGraphState } from './run-graph.store.ts';
import { createRunsStore, type RunsState } from './runs.store.ts';
import { createRunSelectionStore, type RunSelectionState } from './run-selection.store.ts';
import { createSettingsStore, type SettingsState } from './settings.store.ts';
import { createUiStore, type UiState } from './ui.store.ts';
import { createWorkspaceStore, type WorkspaceState } from './workspace.store.ts';

/** Every store of the console, wired to one API. */
export interface Stores {
  ui: StoreApi<UiState>;
  app: StoreApi<AppState>;
  workspace: StoreApi<WorkspaceState>;
  editor: StoreApi<EditorState>;
  composer: StoreApi<ComposerState>;
  response: StoreApi<ResponseState>;
  runs: StoreApi<RunsState>;
  /** Runs checked in the run list, for export. */
  runSelection: StoreApi<RunSelectionState>;
  settings: StoreApi<SettingsState>;
  library: StoreApi<LibraryState>;
  accessControl: StoreApi<AccessControlState>;
  session: StoreApi<SessionState>;
  runGraph: StoreApi<RunGraphState>;
  exchange: StoreApi<ExchangeState>;
}

/** The shared expression checker, as the editor's body diagnostics use it. */
export const expressionDiagnoser: ExpressionDiagnoser = (text) => diagnose(text).map((d) => ({ message: `${d.message} (${d.code})`, start: d.start, end: d.end }));

/** Creates the stores (one per concern) around an injected API and clipboard. */
export function createStores(deps: StoreDeps, options: EditorStoreOptions = { diagnose: expressionDiagnoser }, session: SessionOptions = {}): Stores {
  const ui = createUiStore();
  const app = createAppStore(deps.api);
  const workspace = createWorkspaceStore(deps.api);
  const response = createResponseStore(deps);
  const library = createLibraryStore(deps);
  const composer = createComposerStore(deps, workspace, response, {
    variables: () => ({ environment: library.getState().activeEnvironment, values: library.getState().variables() }),
    onSent: (doc, outcome) => {
      const request = savedFromDoc(doc, docTitle(doc)).request;
      void library.getState().addSent({ id: newRequestId(), sentAt: new Date().toISOString(), request, ...outcome });
    },
  });
  return {
    ui,
    app,
    workspace,
    editor: createEditorStore(deps, workspace, options),
    composer,
    response,
    runs: createRunsStore(deps),
    runSelection: createRunSelectionStore(),
    settings: createSettingsStore(deps, app),
    library,
    accessControl: createAccessControlStore(deps),
    session: createSessionStore(deps, composer, response, library, session),
    runGraph: createRunGraphStore(deps, workspace),
    exchange: createExchangeStore(deps.api),
  };
}

/** Loads what the console shows first and starts following the core's events. */
export async function startStores(stores: Stores): Promise<void> {
  // Tabs come back at once (a tab aimed at a workflow follows its current URL when the
  // workspace arrives, through the composer's workspace subscription).
  await Promise.all([stores.session.getState().restore(), stores.app.getState().load(), stores.workspace.getState().load(), stores.runs.getState().start(), stores.settings.getState().load(), stores.library.getState().load()]);
}
