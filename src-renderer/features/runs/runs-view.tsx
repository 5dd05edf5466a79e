import type { RunStatus } from '../../../src-shared/runs.ts';
import { Button } from '../../components/button.tsx';
import { Icon } from '../../components/icon.tsx';
import { EmptyState, ErrorNotice } from '../../components/notices.tsx';
import { useSlice, useStores } from '../../stores/context.tsx';
import type { RunRange } from '../../stores/runs.store.ts';
import { RunDetail } from './run-detail.tsx';
import { RunList } from './run-list.tsx';

const STATUSES: RunStatus[] = ['Succeeded', 'Failed', 'Rejected', 'TimedOut', 'Cancelled', 'Running', 'Skipped'];

/** The Run history view: filters, the live virtualized list, and the selected run's details. */
export function RunsView({ onCompose }: { onCompose(): void }) {
  const { runs, workspace, exchange, runSelection } = useStores();
  const checked = useSlice(runSelection, (s) => s.checked);
  const filters = useSlice(runs, (s) => s.filters);
  const textInput = useSlice(runs, (s) => s.textInput);
  const total = useSlice(runs, (s) => s.total);
  const error = useSlice(runs, (s) => s.error);
  const loading = useSlice(runs, (s) => s.loading);
  const workflows = useSlice(workspace, (s) => s.workspace?.workflows ?? []);
  const { setWorkflowFilter, setStatusFilter, setRangeFilter, setTextInput, refresh } = runs.getState();
  const filtered = !!(filters.workflow || filters.status || filters.text || filters.range);

  return (
    <div className="runs-view">
      <section className="runs-left" aria-label="Run list">
        <div className="runs-filters">
          <div className="search-box">
            <Icon name="search" size={14} />
            <input type="search" value={textInput} onChange={(e) => setTextInput(e.target.value)} placeholder="Search id, URL, header values, error, body…" aria-label="Search runs" />
          </div>
          <div className="runs-filter-row">
            <select className="input input-sm" value={filters.workflow ?? ''} onChange={(e) => setWorkflowFilter(e.target.value || undefined)} aria-label="Filter by workflow">
              <option value="">All workflows</option>
              {workflows.map((w) => (
                <option key={w.name} value={w.name}>
                  {w.name}
                </option>
              ))}
            </select>
            <select className="input input-sm" value={filters.range ?? ''} onChange={(e) => setRangeFilter((e.target.value || undefined) as RunRange | undefined)} aria-label="Filter by time">
              <option value="">Any time</option>
              <option value="15m">Last 15 minutes</option>
              <option value="1h">Last hour</option>
              <option value="24h">Last 24 hours</option>
              <option value="7d">Last 7 days</option>
            </select>
            <select className="input input-sm" value={filters.status ?? ''} onChange={(e) => setStatusFilter((e.target.value || undefined) as RunStatus | undefined)} aria-label="Filter by status">
              <option value="">All statuses</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
          <div className="runs-count" aria-live="polite">
            <span>{total < 0 ? 'Loading…' : `${total.toLocaleString()} run${total === 1 ? '' : 's'}${filtered ? ' match' : ''}`}</span>
            <span className="live-dot" title="The list updates live as calls arrive">
              <span className="visually-hidden">Live</span>
            </span>
            <Button size="sm" variant="ghost" icon="refresh" aria-label="Refresh the list" title="Refresh" onClick={() => void refresh()} disabled={loading} />
            <Button
              size="sm"
              variant="ghost"
              icon="download"
              disabled={total <= 0 && checked.length === 0}
              title="Export the checked runs, the selected run or the listed runs (HAR, recordings, curl, NDJSON)"
              onClick={() => {
                const state = runs.getState();
                const listedIds = Object.keys(state.pages)
                  .map(Number)
                  .sort((a, b) => a - b)
                  .flatMap((page) => state.pages[page]!.map((run) => run.id));
                exchange.getState().openExport({ kind: 'runs', selectedId: state.selectedId, listedIds, checkedIds: runSelection.getState().checked });
              }}
            >
              Export{checked.length > 0 ? ` ${checked.length}` : ''}
            </Button>
          </div>
        </div>
        {checked.length > 0 ? (
          <div className="runs-checked" role="status">
            <span>
              {checked.length.toLocaleString()} run{checked.length === 1 ? '' : 's'} checked for export
            </span>
            <Button size="sm" variant="ghost" icon="x" onClick={() => runSelection.getState().clear()}>
              Clear checks
            </Button>
          </div>
        ) : (
          <p className="muted small runs-check-hint">Check runs to export them together: the box on a row, Ctrl-click, Shift-click for a range, or Space in the list.</p>
        )}
        <ErrorNotice error={error} title="Could not read the run history" />
        {total === 0 && !filtered ? (
          <EmptyState icon="history" title="No runs yet" actions={<Button icon="send" onClick={onCompose}>Open the Composer</Button>}>
            Every call to a workflow lands here live, from the Composer or from any outside caller such as curl, including the ones the listener refused.
          </EmptyState>
        ) : total === 0 ? (
          <EmptyState icon="search" title="No run matches these filters">
            Clear the search or pick “All workflows” / “All statuses”.
          </EmptyState>
        ) : (
          <RunList />
        )}
      </section>
      <section className="runs-right" aria-label="Run details">
        <RunDetail />
      </section>
    </div>
  );
}
