import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { RunSummary } from '../../../src-shared/runs.ts';
import { MethodBadge, RunStatus, StatusCode } from '../../components/badges.tsx';
import { formatDuration, formatRelative } from '../../lib/format.ts';
import { useSlice, useStores } from '../../stores/context.tsx';
import { RUNS_PAGE_SIZE } from '../../stores/runs.store.ts';

const ROW_HEIGHT = 44;

function pathOf(url: string): string {
  const at = url.indexOf('/api/');
  const path = at >= 0 ? url.slice(at) : url;
  return path.replace(/[?&]sig=[^&]*/, '');
}

function Row({ run, now }: { run: RunSummary; now: number }) {
  return (
    <>
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

/** The virtualized run list: only visible rows render, and only their pages are fetched. */
export function RunList() {
  const { runs } = useStores();
  const total = useSlice(runs, (s) => s.total);
  const pages = useSlice(runs, (s) => s.pages);
  const selectedId = useSlice(runs, (s) => s.selectedId);
  const parent = useRef<HTMLDivElement>(null);
  const count = Math.max(total, 0);
  const virtualizer = useVirtualizer({ count, getScrollElement: () => parent.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const now = Date.now();

  useEffect(() => {
    if (count > 0) void runs.getState().ensureRange(first, last);
  }, [first, last, count, runs, pages]);

  // Arrow keys move the selection (a listbox), Home/End jump: the list is keyboard operable.
  const onKeyDown = (e: KeyboardEvent) => {
    const state = runs.getState();
    const index = selectedId ? findIndex(pages, selectedId) : -1;
    let next = -1;
    if (e.key === 'ArrowDown') next = Math.min(index + 1, count - 1);
    if (e.key === 'ArrowUp') next = Math.max(index - 1, 0);
    if (e.key === 'Home') next = 0;
    if (e.key === 'End') next = count - 1;
    if (next < 0) return;
    e.preventDefault();
    virtualizer.scrollToIndex(next);
    const run = state.rowAt(next);
    if (run) void state.select(run.id);
    // End far down the list: its page is not loaded yet. Load it, then select the row.
    else
      void state.ensureRange(next, next).then(() => {
        const loaded = runs.getState().rowAt(next);
        if (loaded) void runs.getState().select(loaded.id);
      });
  };
  // aria-activedescendant may only name a row that is in the DOM.
  const selectedRendered = selectedId !== null && items.some((item) => runs.getState().rowAt(item.index)?.id === selectedId);

  return (
    <div
      ref={parent}
      className="run-list"
      role="listbox"
      aria-label="Runs, newest first"
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-activedescendant={selectedRendered ? `run-${selectedId}` : undefined}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const run = pages[Math.floor(item.index / RUNS_PAGE_SIZE)]?.[item.index % RUNS_PAGE_SIZE];
          return (
            <div
              key={item.key}
              className={`run-row ${run && run.id === selectedId ? 'run-row-active' : ''} ${run ? '' : 'run-row-loading'}`}
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              role="option"
              id={run ? `run-${run.id}` : undefined}
              aria-selected={run ? run.id === selectedId : false}
              onClick={() => run && void runs.getState().select(run.id)}
            >
              {run ? <Row run={run} now={now} /> : <span className="skeleton" />}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function findIndex(pages: Record<number, RunSummary[]>, id: string): number {
  for (const [page, rows] of Object.entries(pages)) {
    const i = rows.findIndex((r) => r.id === id);
    if (i >= 0) return Number(page) * RUNS_PAGE_SIZE + i;
  }
  return -1;
}
