import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppInfo, ListenerStatus, TriggerbenchApi } from '../../src-shared/contract.ts';
import { toUiError, type UiError } from '../lib/api-error.ts';

/** Facts about this install and the listener (status bar, settings, curl's CA path). */
export interface AppState {
  info: AppInfo | null;
  listener: ListenerStatus | null;
  loading: boolean;
  error: UiError | null;
  load(): Promise<void>;
  /** Replaces the info after a settings change (settings:update returns the new info). */
  setInfo(info: AppInfo): void;
  dispose(): void;
}

/** Creates the app store; it follows `listener:status` events until disposed. */
export function createAppStore(api: TriggerbenchApi): StoreApi<AppState> {
  let unsubscribe: (() => void) | undefined;
  return createStore<AppState>()((set) => ({
    info: null,
    listener: null,
    loading: false,
    error: null,
    load: async () => {
      unsubscribe ??= api.on('listener:status', (listener) => set({ listener }));
      set({ loading: true, error: null });
      try {
        const info = await api.invoke('app:info', {});
        set({ info, listener: info.listener, loading: false });
      } catch (error) {
        set({ loading: false, error: toUiError(error) });
      }
    },
    setInfo: (info) => set({ info, listener: info.listener }),
    dispose: () => {
      unsubscribe?.();
      unsubscribe = undefined;
    },
  }));
}
