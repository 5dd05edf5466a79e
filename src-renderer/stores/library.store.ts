import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CollectionView, SavedEnvironment, SavedRequest } from '../../src-shared/collections.ts';
import type { Problem } from '../../src-shared/problems.ts';
import type { SentRequest } from '../../src-shared/sent-requests.ts';
import { toUiError, type UiError } from '../lib/api-error.ts';
import type { StoreDeps } from './deps.ts';

/**
 * Saved requests (collections in the workspace), environments with their `{{variables}}`,
 * and the history of sent requests (data folder): the composer's library.
 */
export interface LibraryState {
  collections: CollectionView[];
  environments: SavedEnvironment[];
  /** Files that did not load (shown with file and reason). */
  problems: Problem[];
  /** The environment whose variables the composer substitutes (null: none). */
  activeEnvironment: string | null;
  sent: SentRequest[];
  sentSearch: string;
  error: UiError | null;
  load(): Promise<void>;
  /** Saves a request; returns its file name, or null on failure (the error is in `error`). */
  saveRequest(collection: string, request: SavedRequest, file?: string): Promise<string | null>;
  deleteRequest(collection: string, file: string): Promise<void>;
  saveEnvironment(environment: SavedEnvironment, previousName?: string): Promise<boolean>;
  deleteEnvironment(name: string): Promise<void>;
  setActiveEnvironment(name: string | null): void;
  /** The active environment's enabled variables. */
  variables(): ReadonlyMap<string, string>;
  searchSent(text: string): Promise<void>;
  addSent(entry: SentRequest): Promise<void>;
  clearSent(): Promise<void>;
  clearError(): void;
}

/** Creates the library store. */
export function createLibraryStore(deps: StoreDeps): StoreApi<LibraryState> {
  const { api } = deps;
  let sentGeneration = 0;
  return createStore<LibraryState>()((set, get) => {
    const failed = (error: unknown) => set({ error: toUiError(error) });
    const listSent = async () => {
      const mine = ++sentGeneration;
      const { entries } = await api.invoke('sent:list', get().sentSearch.trim() ? { text: get().sentSearch.trim() } : {});
      if (mine === sentGeneration) set({ sent: entries });
    };
    return {
      collections: [],
      environments: [],
      problems: [],
      activeEnvironment: null,
      sent: [],
      sentSearch: '',
      error: null,
      load: async () => {
        try {
          const [collections, environments] = await Promise.all([api.invoke('collections:list', {}), api.invoke('environments:list', {})]);
          set({ collections: collections.collections, environments: environments.environments, problems: [...collections.problems, ...environments.problems], error: null });
        } catch (error) {
          // No workspace open: the library is simply empty; any other failure is shown.
          if (toUiError(error).code !== 'NoWorkspace') failed(error);
        }
        await listSent().catch(failed);
      },
      saveRequest: async (collection, request, file) => {
        try {
          const result = await api.invoke('collections:saveRequest', { collection, request, ...(file ? { file } : {}) });
          set({ collections: result.listing.collections, error: null });
          return result.file;
        } catch (error) {
          failed(error);
          return null;
        }
      },
      deleteRequest: async (collection, file) => {
        try {
          const listing = await api.invoke('collections:deleteRequest', { collection, file });
          set({ collections: listing.collections, error: null });
        } catch (error) {
          failed(error);
        }
      },
      saveEnvironment: async (environment, previousName) => {
        try {
          const listing = await api.invoke('environments:save', { environment, ...(previousName !== undefined ? { previousName } : {}) });
          set({ environments: listing.environments, error: null });
          if (previousName !== undefined && get().activeEnvironment === previousName) set({ activeEnvironment: environment.name });
          return true;
        } catch (error) {
          failed(error);
          return false;
        }
      },
      deleteEnvironment: async (name) => {
        try {
          const listing = await api.invoke('environments:delete', { name });
          set({ environments: listing.environments, error: null, ...(get().activeEnvironment === name ? { activeEnvironment: null } : {}) });
        } catch (error) {
          failed(error);
        }
      },
      setActiveEnvironment: (name) => set({ activeEnvironment: name }),
      variables: () => {
        const env = get().environments.find((e) => e.name === get().activeEnvironment);
        return new Map((env?.variables ?? []).filter((v) => v.enabled !== false && v.value !== undefined).map((v) => [v.name, v.value!]));
      },
      searchSent: async (text) => {
        set({ sentSearch: text });
        await listSent().catch(failed);
      },
      addSent: async (entry) => {
        try {
          await api.invoke('sent:add', entry);
          await listSent();
        } catch (error) {
          failed(error);
        }
      },
      clearSent: async () => {
        try {
          await api.invoke('sent:clear', {});
          set({ sent: [] });
        } catch (error) {
          failed(error);
        }
      },
      clearError: () => set({ error: null }),
    };
  });
}
