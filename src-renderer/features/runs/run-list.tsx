import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import type { RunSummary } from '../../../src-shared/runs.ts';
import { MethodBadge, RunStatus, StatusCode } from '../../components/badges.tsx';
import { Icon } from '../../components/icon.tsx';
import { formatDuration, formatRelative } from '../../lib/format.ts';
import { useSlice, useStores } from '../../stores/context.tsx';
import { RUNS_PAGE_SIZE } from '../../stores/runs.store.ts';

const ROW_HEIGHT = 44;
/** Ctrl+A checks at most this many runs (the first ones listed), so it never loads the whole history. */
export const CHECK_ALL_LIMIT = 1_000;

function pathOf(url: string): string {
  const at = url.indexOf('/api/');
  const path = at >= 0 ? url.slice(at) : url;
  return path.replace(/[?&]sig=[^&]*/, '');
}

function Row({ run, now, checked, onCheck }: { run: RunSummary; now: number; checked: boolean; onCheck(e: MouseEvent): void }) {
  return (
    <>
      {/* The option carries aria-checked; this box is its mouse target and picture. */}
      <span className={`rl-check ${checked ? 'rl-check-on' : ''}`} aria-hidden="true" title={checked ? 'Uncheck (for export)' : 'Check for export (Shift-click: a range)'} onClick={onCheck}>
        {checked ? <Icon name="check" size={12} /> : null}
      </span>
      <span className="rl-status">
        <RunStatus status={run.status} compact />
      </span>
      <span className="rl-main">
        <span className="rl-top">
          <MethodBadge method={run.method} />
          <span className="rl-wf">{run.workflow}</span>
          <StatusCode status={run.responseStatus} />
          {run.errorCode ? <span className="rl-code mono">{run.errorCode}</span> : null}
        </span>
        <span className="rl-url mono">{pathOf(run.url)}</span>
      </span>
      <span className="rl-side">
        <span className="rl-time" title={run.startTime}>
          {formatRelative(run.startTime, now)}
        </span>
        <span className="rl-dur mono">{formatDuration(run.durationMs)}</span>
      </span>
    </>
  );
}

/**
 * The virtualized run list: only visible rows render, and only their pages are fetched.
 * A listbox: the selected option is the run opened beside it; `aria-checked` marks the
 * runs checked for export (Space, Shift+arrows, Ctrl+A, Esc; Ctrl/Shift-click; the box).
 */
export function RunList() {
  const { runs, runSelection } = useStores();
  const total = useSlice(runs, (s) => s.total);
  const pages = useSlice(runs, (s) => s.pages);
  const selectedId = useSlice(runs, (s) => s.selectedId);
  const checked = useSlice(runSelection, (s) => s.checked);
  const parent = useRef<HTMLDivElement>(null);
  const count = Math.max(total, 0);
  const virtualizer = useVirtualizer({ count, getScrollElement: () => parent.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const now = Date.now();
  const checkedSet = new Set(checked);

  useEffect(() => {
    if (count > 0) void runs.getState().ensureRange(first, last);
  }, [first, last, count, runs, pages]);

  /** Checks every run from row `from` to row `to` (loading their pages first). */
  const checkRange = async (from: number, to: number) => {
    const low = Math.max(0, Math.min(from, to));
    const high = Math.min(count - 1, Math.max(from, to));
    await runs.getState().ensureRange(low, high);
    const ids: string[] = [];
    for (let i = low; i <= high; i += 1) {
      const run = runs.getState().rowAt(i);
      if (run) ids.push(run.id);
    }
    runSelection.getState().check(ids);
  };

  const onRowClick = (e: MouseEvent, run: RunSummary, index: number) => {
    const anchor = runSelection.getState().anchor;
    if (e.shiftKey) {
      const from = anchor ? findIndex(runs.getState().pages, anchor) : selectedId ? findIndex(runs.getState().pages, selectedId) : -1;
      void checkRange(from >= 0 ? from : index, index);
    } else if (e.ctrlKey || e.metaKey) runSelection.getState().toggle(run.id);
    else void runs.getState().select(run.id);
  };

  /**
   * Loads the page of row `index` and selects the row. A refresh (new runs arriving)
   * can drop the page while it loads, so it tries again, a few times at most.
   */
  const selectWhenLoaded = async (index: number) => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await runs.getState().ensureRange(index, index);
      const loaded = runs.getState().rowAt(index);
      if (loaded) return void runs.getState().select(loaded.id);
    }
  };

  // Arrow keys move the selection (a listbox), Home/End jump: the list is keyboard operable.
  const onKeyDown = (e: KeyboardEvent) => {
    const state = runs.getState();
    const index = selectedId ? findIndex(pages, selectedId) : -1;
    if (e.key === ' ' && selectedId) {
      e.preventDefault();
      runSelection.getState().toggle(selectedId);
      return;
    }
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      void checkRange(0, Math.min(count, CHECK_ALL_LIMIT) - 1);
      return;
    }
    if (e.key === 'Escape' && runSelection.getState().checked.length > 0) {
      e.preventDefault();
      runSelection.getState().clear();
      return;
    }
    let next = -1;
    if (e.key === 'ArrowDown') next = Math.min(index + 1, count - 1);
    if (e.key === 'ArrowUp') next = Math.max(index - 1, 0);
    if (e.key === 'Home') next = 0;
    if (e.key === 'End') next = count - 1;
    if (next < 0) return;
    e.preventDefault();
    // Shift+arrow (or Shift+Home/End) checks the runs it passes over, like a file list.
    if (e.shiftKey) void checkRange(index >= 0 ? index : next, next);
    virtualizer.scrollToIndex(next);
    const run = state.rowAt(next);
    if (run) void state.select(run.id);
    // End far down the list: its page is not loaded yet. Load it, then select the row.
    else void selectWhenLoaded(next);
  };
  // aria-activedescendant may only name a row that is in the DOM.
  const selectedRendered = selectedId !== null && items.some((item) => runs.getState().rowAt(item.index)?.id === selectedId);

  return (
    <>
      <p id="run-list-keys" className="visually-hidden">
        Space checks the current run for export; Shift with the arrow keys checks a range; Control+A checks the first {CHECK_ALL_LIMIT.toLocaleString('en-US')} runs listed; Escape clears the checks.
      </p>
      <div
        ref={parent}
        className="run-list"
        role="listbox"
        aria-label="Runs, newest first"
        aria-describedby="run-list-keys"
        tabIndex={0}
        onKeyDown={onKeyDown}
        aria-activedescendant={selectedRendered ? `run-${selectedId}` : undefined}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const run = pages[Math.floor(item.index / RUNS_PAGE_SIZE)]?.[item.index % RUNS_PAGE_SIZE];
            const isChecked = run ? checkedSet.has(run.id) : false;
            return (
              <div
                key={item.key}
                className={`run-row ${run && run.id === selectedId ? 'run-row-active' : ''} ${isChecked ? 'run-row-checked' : ''} ${run ? '' : 'run-row-loading'}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                role="option"
                id={run ? `run-${run.id}` : undefined}
                aria-selected={run ? run.id === selectedId : false}
                aria-checked={run ? isChecked : undefined}
                onMouseDown={(e) => {
                  if (e.shiftKey) e.preventDefault(); // Shift-click checks a range; it should not select text
                }}
                onClick={(e) => run && onRowClick(e, run, item.index)}
              >
                {run ? (
                  <Row
                    run={run}
                    now={now}
                    checked={isChecked}
                    onCheck={(e) => {
                      e.stopPropagation();
                      if (e.shiftKey) onRowClick(e, run, item.index);
                      else runSelection.getState().toggle(run.id);
                    }}
                  />
                ) : (
                  <span className="skeleton" />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}

function findIndex(pages: Record<number, RunSummary[]>, id: string): number {
  for (const [page, rows] of Object.entries(pages)) {
    const i = rows.findIndex((r) => r.id === id);
    if (i >= 0) return Number(page) * RUNS_PAGE_SIZE + i;
  }
  return -1;
}
