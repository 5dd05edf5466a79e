import type { ReactNode } from 'react';
import { useState } from 'react';
import { isTruncatedValue } from '../../../src-shared/record-values.ts';
import { actionRunsAt, iterationKey, type IterationSelection } from '../../../src-shared/run-iterations.ts';
import type { ActionRun, RunRecord } from '../../../src-shared/runs.ts';
import { Badge, MethodBadge, RunStatus, StatusCode } from '../../components/badges.tsx';
import { Button } from '../../components/button.tsx';
import { Icon } from '../../components/icon.tsx';
import { JsonTree } from '../../components/json-tree.tsx';
import { EmptyState, ErrorNotice, Notice } from '../../components/notices.tsx';
import { formatDuration, formatTimestamp } from '../../lib/format.ts';
import { useSlice, useStores } from '../../stores/context.tsx';
import { BodyView } from '../response/body-view.tsx';
import { HeadersTable } from '../response/headers-table.tsx';
import { RunActions } from './run-actions.tsx';
import { IterationPicker } from './iteration-picker.tsx';
import { RunGraph } from './run-graph.tsx';

function Section({ title, children, defaultOpen = true, aside }: { title: string; children: ReactNode; defaultOpen?: boolean; aside?: ReactNode }) {
  return (
    <details className="rd-section" open={defaultOpen}>
      <summary>
        <Icon name="chevronRight" size={13} className="rd-chevron" />
        <span className="rd-section-title">{title}</span>
        {aside ? <span className="rd-aside">{aside}</span> : null}
      </summary>
      <div className="rd-section-body">{children}</div>
    </details>
  );
}

function Json({ value, label }: { value: unknown; label: string }) {
  if (value === undefined) return <p className="muted small">None.</p>;
  // Cut by the history's size limit: the start of its JSON, with the "only the first" notice.
  if (isTruncatedValue(value)) return <BodyView body={{ size: value.size, text: value.text, truncated: true, contentType: 'application/json' }} label={label} compact />;
  if (typeof value !== 'object' || value === null) return <pre className="raw mono">{JSON.stringify(value, null, 2)}</pre>;
  return <JsonTree value={value} label={label} expandDepth={2} />;
}

/** The selected iteration of each loop, and the run's records to pick from (only for loop actions). */
interface Iterations {
  all: readonly ActionRun[];
  selection: IterationSelection;
  onChange(selection: IterationSelection): void;
}

function ActionCard({ action, iterations }: { action: ActionRun; iterations: Iterations }) {
  const [open, setOpen] = useState(action.status !== 'Succeeded');
  const isLoop = action.iterationCount !== undefined;
  return (
    <li className={`action-card ${open ? 'action-open' : ''}`}>
      <button type="button" className="action-head" onClick={() => setOpen(!open)} aria-expanded={open}>
        <Icon name={open ? 'chevronDown' : 'chevronRight'} size={13} />
        <RunStatus status={action.status} compact />
        <span className="action-name">{action.name}</span>
        <span className="action-type">{action.type}</span>
        {action.parent ? <span className="muted small">in {action.parent}</span> : null}
        <span className="spacer" />
        <span className="mono muted">{formatDuration(action.durationMs)}</span>
      </button>
      {isLoop ? (
        <div className="action-iterations">
          <IterationPicker actions={iterations.all} loop={action.name} selection={iterations.selection} onChange={iterations.onChange} />
        </div>
      ) : null}
      {open ? (
        <div className="action-body">
          {action.retryHistory?.length ? (
            <p className="muted small">
              Retried {action.retryHistory.length} time{action.retryHistory.length === 1 ? '' : 's'} ({action.retryHistory.map((r) => r.code).join(', ')}) before this result.
            </p>
          ) : null}
          {action.mocked ? <p className="muted small">Result supplied by {action.mocked === 'staticResult' ? 'a static result' : 'the workflow\'s mocks.json'}; the action did not run.</p> : null}
          {action.error ? (
            <Notice tone="danger" title={action.error.code}>
              {action.error.message}
            </Notice>
          ) : null}
          <div className="io-grid">
            <div>
              <div className="io-title">Inputs</div>
              <Json value={action.inputs} label={`${action.name} inputs`} />
            </div>
            <div>
              <div className="io-title">Outputs</div>
              <Json value={action.outputs} label={`${action.name} outputs`} />
            </div>
          </div>
        </div>
      ) : null}
    </li>
  );
}

function AuthFacts({ run }: { run: RunRecord }) {
  const auth = run.auth;
  if (!auth) return <p className="muted small">Not recorded (the call was refused before authentication).</p>;
  return (
    <div className="stack-sm">
      <dl className="facts">
        <div>
          <dt>Scheme</dt>
          <dd>{auth.scheme}</dd>
        </div>
        {auth.keyType ? (
          <div>
            <dt>Access key</dt>
            <dd>{auth.keyType}</dd>
          </div>
        ) : null}
        {auth.policy ? (
          <div>
            <dt>Policy</dt>
            <dd className="mono">{auth.policy}</dd>
          </div>
        ) : null}
      </dl>
      {auth.claims ? <JsonTree value={auth.claims} label="Token claims" expandDepth={1} /> : null}
    </div>
  );
}

/** One line for the run header: "Bearer · policy x", "SAS · primary key", "None". */
function authSummary(run: RunRecord): string {
  const auth = run.auth;
  if (!auth) return run.status === 'Rejected' ? 'Refused' : '–';
  if (auth.scheme === 'Bearer') return auth.policy ? `Bearer · policy ${auth.policy}` : 'Bearer';
  if (auth.scheme === 'SAS') return auth.keyType ? `SAS · ${auth.keyType} key` : 'SAS';
  return auth.scheme;
}

function RecordView({ run }: { run: RunRecord }) {
  const { runs } = useStores();
  const resubmitting = useSlice(runs, (s) => s.resubmitting);
  const resubmitResult = useSlice(runs, (s) => s.resubmitResult);
  const resubmitError = useSlice(runs, (s) => s.resubmitError);
  const actionError = useSlice(runs, (s) => s.actionError);
  const requestHeaders = Object.entries(run.request.headers);
  const [selection, setSelection] = useState<IterationSelection>({});
  const shown = actionRunsAt(run.actions, selection);
  const iterations: Iterations = { all: run.actions, selection, onChange: setSelection };
  return (
    <div className="run-detail" aria-label={`Run ${run.id}`}>
      <div className="rd-head">
        <div className="rd-title">
          <RunStatus status={run.status} />
          <h2>{run.workflow}</h2>
          <MethodBadge method={run.request.method} />
          {run.response ? <StatusCode status={run.response.status} /> : null}
        </div>
        <div className="rd-actions">
          <RunActions run={run} />
          {/* A refused call is never replayed: it would come back signed afresh from 127.0.0.1 (docs/hosts.md). */}
          <Button
            icon="refresh"
            onClick={() => void runs.getState().resubmit(run.id)}
            disabled={resubmitting || run.status === 'Rejected'}
            title={run.status === 'Rejected' ? 'Only admitted runs can be resubmitted: this call was refused. Fix it in the composer and send it from there.' : 'Send the same request again (a new run, freshly signed)'}
          >
            {resubmitting ? 'Resubmitting…' : 'Resubmit'}
          </Button>
        </div>
      </div>
      <ErrorNotice error={actionError} title="Could not rebuild the request" />
      <dl className="facts facts-row">
        <div>
          <dt>Run id</dt>
          <dd className="mono">{run.id}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{formatTimestamp(run.startTime)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd className="mono">{formatDuration(run.durationMs)}</dd>
        </div>
        <div>
          <dt>Response after</dt>
          <dd className="mono">{formatDuration(run.responseMs)}</dd>
        </div>
        <div>
          <dt>Auth</dt>
          <dd>{authSummary(run)}</dd>
        </div>
        <div>
          <dt>Trigger</dt>
          <dd className="mono">{run.trigger}</dd>
        </div>
        <div>
          <dt>Correlation id</dt>
          <dd className="mono">{run.correlationId}</dd>
        </div>
      </dl>
      {resubmitResult ? (
        <Notice
          tone="success"
          title="Resubmitted"
          action={
            resubmitResult.runId ? (
              <Button size="sm" icon="link" onClick={() => void runs.getState().select(resubmitResult.runId!)}>
                Open the new run
              </Button>
            ) : undefined
          }
        >
          The new call answered {resubmitResult.status} {resubmitResult.statusText} in {formatDuration(resubmitResult.total)}{resubmitResult.runId ? <> as run <span className="mono">{resubmitResult.runId}</span></> : '; its run is at the top of the list'}.
        </Notice>
      ) : null}
      <ErrorNotice error={resubmitError} title="Resubmit failed" />
      {run.error ? (
        <Notice tone={run.status === 'Rejected' ? 'warning' : 'danger'} title={run.status === 'Rejected' ? `Rejected: ${run.error.code}` : run.error.code}>
          {run.error.message}
        </Notice>
      ) : null}
      <Section title="Trigger" aside={<span className="mono muted">{run.request.url}</span>}>
        <div className="stack">
          <div className="io-title">Outputs</div>
          <Json value={run.triggerOutputs} label="Trigger outputs" />
          <details className="rd-sub">
            <summary>Request as received ({requestHeaders.length} headers, {run.request.httpVersion ? `HTTP/${run.request.httpVersion}` : ''}{run.request.tls ? `, ${run.request.tls.protocol}` : ''}, from {run.request.remoteAddress})</summary>
            <HeadersTable headers={requestHeaders} label="Request headers" />
            <BodyView body={run.request.body} label="Request body" compact refused={run.status === 'Rejected'} />
          </details>
        </div>
      </Section>
      {run.status !== 'Rejected' ? (
        <Section title="Run graph">
          <RunGraph run={run} selection={selection} onSelectionChange={setSelection} />
        </Section>
      ) : null}
      <Section title={`Actions (${shown.length})`}>
        {run.actions.length === 0 ? (
          <p className="muted small">{run.status === 'Rejected' ? 'No action ran: the call was refused before the run started.' : 'No action ran.'}</p>
        ) : (
          <ul className="action-list">
            {shown.map((a) => (
              <ActionCard key={`${iterationKey(a.iteration)}/${a.name}`} action={a} iterations={iterations} />
            ))}
          </ul>
        )}
      </Section>
      <Section title="Response sent" aside={run.response ? <StatusCode status={run.response.status} /> : <Badge>none</Badge>}>
        {run.response ? (
          <div className="stack">
            <HeadersTable headers={Object.entries(run.response.headers)} label="Response headers sent" />
            <BodyView body={run.response.body} label="Response body sent" compact />
          </div>
        ) : (
          <p className="muted small">No response was recorded for this run.</p>
        )}
      </Section>
      <Section title="Authentication">
        <AuthFacts run={run} />
      </Section>
    </div>
  );
}

/** The run view, like Azure's run details: trigger, actions with inputs/outputs, response, auth. */
export function RunDetail() {
  const { runs } = useStores();
  const selectedId = useSlice(runs, (s) => s.selectedId);
  const selected = useSlice(runs, (s) => s.selected);
  const loading = useSlice(runs, (s) => s.detailLoading);
  const error = useSlice(runs, (s) => s.detailError);
  if (selectedId === null) {
    return (
      <EmptyState icon="history" title="Select a run">
        Its trigger outputs, every action with inputs and outputs, and the response sent appear here.
      </EmptyState>
    );
  }
  if (error) return <div className="pad"><ErrorNotice error={error} title="Could not load the run" /></div>;
  if (loading || !selected) return <div className="pad muted">Loading run…</div>;
  return <RecordView key={selected.id} run={selected} />;
}
