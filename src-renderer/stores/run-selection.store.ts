import { createStore, type StoreApi } from 'zustand/vanilla';

/**
 * The runs checked in the run list, for exporting exactly those (docs/console.md, "Export
 * and import"). Separate from the run opened in the detail pane: opening a run never
 * checks it, and checks survive filter changes, so runs found by several searches can be
 * exported together.
 */
export interface RunSelectionState {
  /** Checked run ids, in the order they were checked. */
  checked: string[];
  /** The run a Shift-click or Shift+arrow extends a range from (the last one toggled). */
  anchor: string | null;
  /** Checks or unchecks one run, and makes it the anchor. */
  toggle(id: string): void;
  /** Checks every id given (already checked ones stay), keeping the anchor. */
  check(ids: string[]): void;
  clear(): void;
}

/** Creates the run selection store. */
export function createRunSelectionStore(): StoreApi<RunSelectionState> {
  return createStore<RunSelectionState>()((set, get) => ({
    checked: [],
    anchor: null,
    toggle: (id) => {
      const checked = get().checked;
      set({ checked: checked.includes(id) ? checked.filter((c) => c !== id) : [...checked, id], anchor: id });
    },
    check: (ids) => {
      const have = new Set(get().checked);
      const added = ids.filter((id) => !have.has(id));
      if (added.length > 0) set({ checked: [...get().checked, ...added] });
    },
    clear: () => set({ checked: [], anchor: null }),
  }));
}
