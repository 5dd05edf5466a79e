import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConsoleFailure, ConsoleRequest, ConsoleResponse } from '../../src-shared/contract.ts';
import type { RunRecord, RunStatus, RunSummary } from '../../src-shared/runs.ts';
import { toUiError, type UiError } from '../lib/api-error.ts';
import type { StoreDeps } from './deps.ts';

/** Rows fetched per `runs:query` call. */
export const RUNS_PAGE_SIZE = 100;

/** Filters of the run history. */
/** Time ranges the run list can be limited to (runs that started within the last...). */
export const RUN_RANGES = { '15m': 15 * 60_000, '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 } as const;
/** One of RUN_RANGES' keys. */
export type RunRange = keyof typeof RUN_RANGES;

export interface RunFilters {
  workflow?: string;
  status?: RunStatus;
  /** Only runs that started within this range of now. */
  range?: RunRange;
  /** Applied text (the input is debounced into it). */
  text: string;
}

/** The run history: a sparse page cache over `runs:query`, never the whole table. */
export interface RunsState {
  filters: RunFilters;
  /** What the user is typing in the search box (applied after a short pause). */
  textInput: string;
  /** Total runs matching the filters; -1 until the first answer. */
  total: number;
  /** Loaded pages by page index. */
  pages: Record<number, RunSummary[]>;
  loading: boolean;
  error: UiError | null;
  selectedId: string | null;
  selected: RunRecord | null;
  detailLoading: boolean;
  detailError: UiError | null;
  resubmitting: boolean;
  /** The last Resubmit's answer; `runId` names the run it created (from x-ms-workflow-run-id). */
  resubmitResult: { status: number; statusText: string; total: number; runId?: string } | null;
  resubmitError: UiError | null;

  /** Subscribes to `runs:changed` and loads the first page. */
  start(): Promise<void>;
  /** Rows `[start, end]` became visible: fetch the pages they fall in that are not loaded. */
  ensureRange(start: number, end: number): Promise<void>;
  /** The row at an index, when its page is loaded. */
  rowAt(index: number): RunSummary | undefined;
  setWorkflowFilter(workflow: string | undefined): void;
  setStatusFilter(status: RunStatus | undefined): void;
  setRangeFilter(range: RunRange | undefined): void;
  /** The request a run's Resubmit would send (freshly signed); null when it cannot be rebuilt (the reason is in `actionError`). */
  requestOf(id: string): Promise<ConsoleRequest | null>;
  actionError: UiError | null;
  setTextInput(text: string): void;
  /** Re-reads the visible pages (new runs shift every offset, so stale pages are replaced). */
  refresh(): Promise<void>;
  select(id: string | null): Promise<void>;
  resubmit(id: string): Promise<void>;
  dispose(): void;
}

/** Options: the debounce delay for the text filter. */
export interface RunsStoreOptions {
  debounceMs?: number;
}

/** Creates the runs store. */
export function createRunsStore(deps: StoreDeps, options: RunsStoreOptions = {}): StoreApi<RunsState> {
  const { api } = deps;
  const debounceMs = options.debounceMs ?? 250;
  let unsubscribe: (() => void) | undefined;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  /** Bumped on every filter change or refresh: answers to older queries are dropped. */
  let generation = 0;
  /** Page loads under way, by generation and page: a second caller waits for the same load. */
  const inFlight = new Map<string, Promise<void>>();
  let visible = { start: 0, end: RUNS_PAGE_SIZE - 1 };
  let refreshing = false;
  let refreshAgain = false;

  return createStore<RunsState>()((set, get) => {
    function query(page: number) {
      const { filters } = get();
      return api.invoke('runs:query', {
        ...(filters.workflow ? { workflow: filters.workflow } : {}),
        ...(filters.status ? { status: filters.status } : {}),
        ...(filters.text.trim() ? { text: filters.text.trim() } : {}),
        ...(filters.range ? { since: new Date(Date.now() - RUN_RANGES[filters.range]).toISOString() } : {}),
        limit: RUNS_PAGE_SIZE,
        offset: page * RUNS_PAGE_SIZE,
      });
    }

    function visiblePages(): number[] {
      const first = Math.floor(Math.max(visible.start, 0) / RUNS_PAGE_SIZE);
      const last = Math.floor(Math.max(visible.end, 0) / RUNS_PAGE_SIZE);
      const pages: number[] = [];
      for (let p = first; p <= last; p++) pages.push(p);
      return pages;
    }

    /** Fetches pages for the current generation and swaps them in together (no flicker of empty rows). */
    async function reload(replace: boolean): Promise<void> {
      const mine = ++generation;
      inFlight.clear();
      set({ loading: true, error: null, ...(replace ? { pages: {}, total: -1 } : {}) });
      try {
        const pages = visiblePages();
        const answers = await Promise.all(pages.map((p) => query(p)));
        if (mine !== generation) return;
        const fresh: Record<number, RunSummary[]> = {};
        pages.forEach((p, i) => (fresh[p] = answers[i]!.runs));
        set({ pages: fresh, total: answers[0]?.total ?? 0, loading: false });
      } catch (error) {
        if (mine === generation) set({ loading: false, error: toUiError(error) });
      }
    }

    function applyFilters(patch: Partial<RunFilters>): void {
      set({ filters: { ...get().filters, ...patch } });
      visible = { start: 0, end: RUNS_PAGE_SIZE - 1 };
      void reload(true);
    }

    return {
      filters: { text: '' },
      textInput: '',
      total: -1,
      pages: {},
      loading: false,
      error: null,
      selectedId: null,
      selected: null,
      detailLoading: false,
      detailError: null,
      resubmitting: false,
      resubmitResult: null,
      resubmitError: null,

      start: async () => {
        unsubscribe ??= api.on('runs:changed', ({ ids }) => {
          void get().refresh();
          const selectedId = get().selectedId;
          // A selected run that was still Running has moved on: show its new state.
          if (selectedId !== null && ids.includes(selectedId)) void get().select(selectedId);
        });
        await reload(true);
      },
      ensureRange: async (start, end) => {
        visible = { start, end };
        const mine = generation;
        const { pages, total } = get();
        const loads: Promise<void>[] = [];
        for (const page of visiblePages()) {
          if (pages[page] || (total >= 0 && page * RUNS_PAGE_SIZE >= total)) continue;
          const key = `${mine}:${page}`;
          let load = inFlight.get(key);
          if (!load) {
            load = (async () => {
              try {
                const answer = await query(page);
                if (mine !== generation) return;
                set({ pages: { ...get().pages, [page]: answer.runs }, total: answer.total });
              } catch (error) {
                if (mine === generation) set({ error: toUiError(error) });
              } finally {
                inFlight.delete(key);
              }
            })();
            inFlight.set(key, load);
          }
          loads.push(load);
        }
        await Promise.all(loads);
      },
      rowAt: (index) => get().pages[Math.floor(index / RUNS_PAGE_SIZE)]?.[index % RUNS_PAGE_SIZE],
      setWorkflowFilter: (workflow) => applyFilters({ workflow }),
      setStatusFilter: (status) => applyFilters({ status }),
      setRangeFilter: (range) => applyFilters({ range }),
      requestOf: async (id) => {
        set({ actionError: null });
        try {
          return await api.invoke('runs:asRequest', { id });
        } catch (error) {
          set({ actionError: toUiError(error) });
          return null;
        }
      },
      actionError: null,
      setTextInput: (textInput) => {
        set({ textInput });
        if (debounce) clearTimeout(debounce);
        debounce = setTimeout(() => {
          debounce = undefined;
          if (get().filters.text !== textInput) applyFilters({ text: textInput });
        }, debounceMs);
      },
      refresh: async () => {
        // Runs can arrive by the hundred per second under load: coalesce into one query
        // in flight plus at most one more, instead of one query per event.
        if (refreshing) {
          refreshAgain = true;
          return;
        }
        refreshing = true;
        try {
          do {
            refreshAgain = false;
            await reload(false);
          } while (refreshAgain);
        } finally {
          refreshing = false;
        }
      },
      select: async (id) => {
        if (id !== get().selectedId) set({ resubmitResult: null, resubmitError: null });
        set({ selectedId: id, detailError: null, ...(id === null ? { selected: null } : {}) });
        if (id === null) return;
        set({ detailLoading: get().selected?.id !== id });
        try {
          const record = await api.invoke('runs:get', { id });
          if (get().selectedId !== id) return;
          if (record === null) set({ selected: null, detailLoading: false, detailError: { code: 'RunNotFound', message: 'This run is no longer in the history (retention removed it, or the history was cleared).' } });
          else set({ selected: record, detailLoading: false });
        } catch (error) {
          if (get().selectedId === id) set({ detailLoading: false, detailError: toUiError(error) });
        }
      },
      resubmit: async (id) => {
        set({ resubmitting: true, resubmitResult: null, resubmitError: null });
        try {
          const result: ConsoleResponse | ConsoleFailure = await api.invoke('runs:resubmit', { id });
          if ('error' in result) set({ resubmitting: false, resubmitError: result.error });
          else {
            const runId = result.headers.find(([name]) => name.toLowerCase() === 'x-ms-workflow-run-id')?.[1];
            set({ resubmitting: false, resubmitResult: { status: result.status, statusText: result.statusText, total: result.timings.total, ...(runId ? { runId } : {}) } });
          }
        } catch (error) {
          set({ resubmitting: false, resubmitError: toUiError(error) });
        }
      },
      dispose: () => {
        unsubscribe?.();
        unsubscribe = undefined;
        if (debounce) clearTimeout(debounce);
      },
    };
  });
}
