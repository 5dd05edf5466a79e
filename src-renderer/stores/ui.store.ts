import { createStore, type StoreApi } from 'zustand/vanilla';

/** The console's main views (tabs). */
export type ViewId = 'workflows' | 'composer' | 'history' | 'settings';

/** A short confirmation shown in the corner (copy done, saved...). Errors stay where they happened. */
export interface Toast {
  id: number;
  tone: 'success' | 'info' | 'danger';
  text: string;
}

/** Navigation and transient notices. */
export interface UiState {
  view: ViewId;
  toasts: Toast[];
  setView(view: ViewId): void;
  notify(tone: Toast['tone'], text: string): void;
  dismiss(id: number): void;
}

/** Options for the UI store (tests shorten or disable the auto-dismiss). */
export interface UiStoreOptions {
  toastMs?: number;
}

/** Creates the UI store. */
export function createUiStore(options: UiStoreOptions = {}): StoreApi<UiState> {
  let nextId = 0;
  const toastMs = options.toastMs ?? 3500;
  return createStore<UiState>()((set, get) => ({
    view: 'workflows',
    toasts: [],
    setView: (view) => set({ view }),
    notify: (tone, text) => {
      nextId += 1;
      const id = nextId;
      // Keep the last three: a burst of copies should not pile up over the content.
      set({ toasts: [...get().toasts.slice(-2), { id, tone, text }] });
      if (toastMs > 0) setTimeout(() => get().dismiss(id), toastMs);
    },
    dismiss: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
  }));
}
