import { createStore, type StoreApi } from 'zustand/vanilla';
import { toUiError, type UiError } from '../lib/api-error.ts';
import { docTitle } from '../lib/saved-request.ts';
import { docOf, EMPTY_DOC, type ComposerDoc, type ComposerState } from './composer.store.ts';
import type { StoreDeps } from './deps.ts';
import type { LibraryState } from './library.store.ts';
import type { ResponseState } from './response.store.ts';

/** The console's colour theme: the OS setting, or a fixed one. */
export type Theme = 'system' | 'light' | 'dark';

/** Which saved request a tab was opened from (Save then overwrites that file). */
export interface SavedRef {
  collection: string;
  file: string;
  name: string;
}

/** One composer tab. The active tab's request lives in the composer store; the others here. */
export interface ComposerTab {
  id: string;
  doc: ComposerDoc;
  saved?: SavedRef;
}

/** Open tabs, the theme and the active environment, kept in the data folder across reloads and restarts. */
export interface SessionState {
  tabs: ComposerTab[];
  activeId: string;
  theme: Theme;
  /** The state was read back (saving starts only after, so a slow load never overwrites it). */
  restored: boolean;
  error: UiError | null;
  restore(): Promise<void>;
  newTab(doc?: ComposerDoc, saved?: SavedRef): void;
  activate(id: string): void;
  close(id: string): void;
  /** The active tab now belongs to this saved request. */
  markSaved(saved: SavedRef): void;
  setTheme(theme: Theme): void;
  /** The title a tab shows. */
  titleOf(tab: ComposerTab): string;
  /** Writes the state now (tests, and before the page unloads). */
  flush(): Promise<void>;
}

/** Options of the session store. */
export interface SessionOptions {
  /** Applies a theme to the page (the DOM side lives in main.tsx). */
  applyTheme?: (theme: Theme) => void;
  /** Delay before a change is written; default 400 ms. */
  saveDelayMs?: number;
}

/** Bodies longer than this are not kept across restarts (the tab stays open, its body empty, and says why). */
const PERSISTED_BODY_LIMIT = 2 * 1024 * 1024;
const THEMES: Theme[] = ['system', 'light', 'dark'];

let tabCounter = 0;
const newId = () => `t${Date.now().toString(36)}${(tabCounter += 1)}`;

interface PersistedState {
  version: 1;
  theme: Theme;
  activeId: string;
  environment: string | null;
  tabs: ComposerTab[];
}

function isDoc(value: unknown): value is ComposerDoc {
  const doc = value as Partial<ComposerDoc> | null;
  return !!doc && typeof doc.method === 'string' && typeof doc.url === 'string' && Array.isArray(doc.params) && Array.isArray(doc.headers) && typeof doc.bodyText === 'string';
}

/** Creates the session store: composer tabs, theme, and their persistence through `console:loadState|saveState`. */
export function createSessionStore(deps: StoreDeps, composer: StoreApi<ComposerState>, response: StoreApi<ResponseState>, library: StoreApi<LibraryState>, options: SessionOptions = {}): StoreApi<SessionState> {
  const { api } = deps;
  const firstId = newId();
  /** Each tab's last response, so switching back shows it again (memory only). */
  const responses = new Map<string, Pick<ResponseState, 'phase' | 'request' | 'response' | 'failure' | 'startedAt'>>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The composer changed before restore() finished (a quick click after start). */
  let touchedBeforeRestore = false;

  const store = createStore<SessionState>()((set, get) => {
    const snapshot = (): ComposerTab[] => get().tabs.map((tab) => (tab.id === get().activeId ? { ...tab, doc: docOf(composer.getState()) } : tab));
    const show = (tab: ComposerTab) => {
      composer.getState().loadDoc(tab.doc);
      const last = responses.get(tab.id);
      if (last) response.setState(last);
      else response.getState().clear();
    };
    const keepResponse = (id: string) => {
      const { phase, request, response: answer, failure, startedAt } = response.getState();
      responses.set(id, { phase: phase === 'sending' ? 'idle' : phase, request, response: answer, failure, startedAt });
    };
    return {
      tabs: [{ id: firstId, doc: EMPTY_DOC }],
      activeId: firstId,
      theme: 'system',
      restored: false,
      error: null,
      restore: async () => {
        try {
          const { state } = await api.invoke('console:loadState', {});
          const saved = state as Partial<PersistedState> | null;
          if (saved && saved.version === 1) {
            const tabs = (Array.isArray(saved.tabs) ? saved.tabs : []).filter((tab) => tab && typeof tab.id === 'string' && isDoc(tab.doc));
            const theme = THEMES.includes(saved.theme as Theme) ? (saved.theme as Theme) : 'system';
            if (tabs.length > 0 && touchedBeforeRestore) {
              // The user started composing before the saved tabs came back: keep what they
              // are doing active, and put the saved tabs before it.
              set({ tabs: [...tabs.filter((tab) => !get().tabs.some((t) => t.id === tab.id)), ...snapshot()] });
            } else if (tabs.length > 0) {
              const active = tabs.find((tab) => tab.id === saved.activeId) ?? tabs[0]!;
              set({ tabs, activeId: active.id });
              show(active);
            }
            set({ theme });
            options.applyTheme?.(theme);
            if (typeof saved.environment === 'string') library.getState().setActiveEnvironment(saved.environment);
          }
        } catch (error) {
          set({ error: toUiError(error) });
        }
        set({ restored: true });
      },
      newTab: (doc = EMPTY_DOC, saved) => {
        const tabs = snapshot();
        keepResponse(get().activeId);
        const tab: ComposerTab = { id: newId(), doc, ...(saved ? { saved } : {}) };
        set({ tabs: [...tabs, tab], activeId: tab.id });
        show(tab);
      },
      activate: (id) => {
        if (id === get().activeId) return;
        const tabs = snapshot();
        const tab = tabs.find((t) => t.id === id);
        if (!tab) return;
        keepResponse(get().activeId);
        set({ tabs, activeId: id });
        show(tab);
      },
      close: (id) => {
        const tabs = snapshot();
        const index = tabs.findIndex((t) => t.id === id);
        if (index < 0) return;
        responses.delete(id);
        const rest = tabs.filter((t) => t.id !== id);
        if (rest.length === 0) rest.push({ id: newId(), doc: EMPTY_DOC });
        if (id !== get().activeId) {
          set({ tabs: rest });
          return;
        }
        const next = rest[Math.min(index, rest.length - 1)]!;
        set({ tabs: rest, activeId: next.id });
        show(next);
      },
      markSaved: (saved) => set({ tabs: get().tabs.map((tab) => (tab.id === get().activeId ? { ...tab, saved } : tab)) }),
      setTheme: (theme) => {
        set({ theme });
        options.applyTheme?.(theme);
      },
      titleOf: (tab) => tab.saved?.name ?? docTitle(tab.id === get().activeId ? composer.getState() : tab.doc),
      flush: async () => {
        if (timer) clearTimeout(timer);
        timer = undefined;
        if (!get().restored) return;
        const tabs = snapshot().map((tab) => (tab.doc.bodyText.length > PERSISTED_BODY_LIMIT ? { ...tab, doc: { ...tab.doc, bodyText: '' } } : tab));
        const state: PersistedState = { version: 1, theme: get().theme, activeId: get().activeId, environment: library.getState().activeEnvironment, tabs };
        try {
          await api.invoke('console:saveState', { state: state as unknown as Record<string, unknown> });
        } catch (error) {
          set({ error: toUiError(error) });
        }
      },
    };
  });

  // Every change to a tab, the theme or the environment is written shortly after.
  const schedule = () => {
    if (!store.getState().restored) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void store.getState().flush(), options.saveDelayMs ?? 400);
  };
  composer.subscribe((next, previous) => {
    if (!store.getState().restored && (next.url !== previous.url || next.bodyText !== previous.bodyText)) touchedBeforeRestore = true;
    if (next.url !== previous.url || next.headers !== previous.headers || next.bodyText !== previous.bodyText || next.method !== previous.method || next.auth !== previous.auth || next.bodyKind !== previous.bodyKind || next.formRows !== previous.formRows || next.token !== previous.token || next.workflowName !== previous.workflowName) schedule();
  });
  store.subscribe((next, previous) => {
    if (next.tabs !== previous.tabs || next.activeId !== previous.activeId || next.theme !== previous.theme) schedule();
  });
  library.subscribe((next, previous) => {
    if (next.activeEnvironment !== previous.activeEnvironment) schedule();
  });
  return store;
}
