import { useMemo, useState } from 'react';
import type { WorkflowView } from '../../../src-shared/contract.ts';
import { Badge, MethodBadge } from '../../components/badges.tsx';
import { IconButton } from '../../components/button.tsx';
import { Icon } from '../../components/icon.tsx';
import { ErrorNotice } from '../../components/notices.tsx';
import { useSlice, useStores } from '../../stores/context.tsx';

function problemCounts(workflow: WorkflowView): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const p of workflow.problems) {
    if (p.severity === 'error') errors += 1;
    else warnings += 1;
  }
  return { errors, warnings };
}

function WorkflowItem({ workflow, active, listening, onOpen }: { workflow: WorkflowView; active: boolean; listening: boolean; onOpen(): void }) {
  const { errors, warnings } = problemCounts(workflow);
  const path = workflow.trigger?.relativePath;
  // A workflow is only callable while the listener runs: a stopped listener answers nothing.
  const state = !workflow.callable ? (workflow.trigger ? 'Not callable: fix its errors' : 'Not callable: no Request trigger') : listening ? 'Callable' : 'Not listening: the listener is stopped';
  const dot = !workflow.callable ? 'wf-dot-off' : listening ? 'wf-dot-on' : 'wf-dot-stopped';
  return (
    <li>
      <button type="button" className={`wf-item ${active ? 'wf-item-active' : ''}`} onClick={onOpen} aria-current={active ? 'true' : undefined}>
        <span className={`wf-dot ${dot}`} title={state} aria-hidden="true" />
        <span className="wf-main">
          <span className="wf-name">{workflow.name}</span>
          <span className="wf-meta">
            {workflow.trigger ? <MethodBadge method={workflow.trigger.method} /> : <span className="wf-none">no Request trigger</span>}
            {workflow.trigger ? <span className="wf-path mono">{path ? (path.startsWith('/') ? path : `/${path}`) : '/'}</span> : null}
          </span>
        </span>
        <span className="wf-badges">
          <span className="visually-hidden">{state}</span>
          {errors > 0 ? (
            <Badge tone="danger" title={`${errors} error${errors === 1 ? '' : 's'}`}>
              <Icon name="error" size={11} /> {errors}
            </Badge>
          ) : null}
          {warnings > 0 ? (
            <Badge tone="warning" title={`${warnings} warning${warnings === 1 ? '' : 's'}`}>
              <Icon name="warning" size={11} /> {warnings}
            </Badge>
          ) : null}
          {workflow.oauthPolicies.length > 0 ? (
            <span className="wf-lock" title={`Bearer auth: ${workflow.oauthPolicies.map((p) => p.name).join(', ')}`}>
              <Icon name="shield" size={12} />
              <span className="visually-hidden">Bearer auth configured</span>
            </span>
          ) : null}
        </span>
      </button>
    </li>
  );
}

/** The sidebar: the workspace's workflows with state, method, path and problem counts. */
export function WorkflowSidebar({ onOpen, onNew }: { onOpen(name: string): void; onNew(): void }) {
  const { workspace, editor, app, ui, composer, runs, exchange } = useStores();
  // The highlight follows what the current view is about: the open workflow in the
  // editor, the composer's target, the run history's workflow filter.
  const view_ = useSlice(ui, (s) => s.view);
  const composerTarget = useSlice(composer, (s) => s.workflowName);
  const runsFilter = useSlice(runs, (s) => s.filters.workflow);
  const listening = useSlice(app, (s) => s.listener?.running ?? true);
  const view = useSlice(workspace, (s) => s.workspace);
  const error = useSlice(workspace, (s) => s.error);
  const loading = useSlice(workspace, (s) => s.loading);
  const editorName = useSlice(editor, (s) => s.name);
  const openName = view_ === 'composer' ? composerTarget : view_ === 'history' ? runsFilter : editorName;
  const [filter, setFilter] = useState('');
  const workflows = useMemo(() => {
    const all = view?.workflows ?? [];
    const f = filter.trim().toLowerCase();
    return f ? all.filter((w) => w.name.toLowerCase().includes(f) || (w.trigger?.relativePath ?? '').toLowerCase().includes(f)) : all;
  }, [view, filter]);
  const workspaceProblems = (view?.problems ?? []).filter((p) => !p.workflow);

  return (
    <nav className="sidebar" aria-label="Workflows">
      <div className="sidebar-head">
        <span className="sidebar-title">
          Workflows {view ? <span className="count">{view.workflows.length}</span> : null}
        </span>
        <span className="sidebar-actions">
          <IconButton icon="download" label="Export workflows" disabled={!view || view.workflows.length === 0} onClick={() => exchange.getState().openExport({ kind: 'workflows', names: openName && view?.workflows.some((w) => w.name === openName) ? [openName] : [] })} />
          <IconButton icon="plus" label="New workflow" onClick={onNew} />
        </span>
      </div>
      <div className="sidebar-search">
        <Icon name="search" size={14} />
        <input type="search" placeholder="Filter workflows" aria-label="Filter workflows" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      <ErrorNotice error={error} title="Could not read the workspace" action={<IconButton icon="refresh" label="Try again" onClick={() => void workspace.getState().load()} />} />
      {loading && !view ? <div className="sidebar-note">Loading workspace…</div> : null}
      {view && view.workflows.length === 0 ? (
        <div className="sidebar-empty">
          <p>No workflows in this workspace yet.</p>
          <p>
            Create one from a sample payload: Triggerbench writes <code>&lt;name&gt;/workflow.json</code> with a Request trigger and a Response action.
          </p>
          <button type="button" className="btn btn-primary btn-sm" onClick={onNew}>
            <Icon name="plus" size={14} /> New workflow
          </button>
        </div>
      ) : null}
      {view && view.workflows.length > 0 && workflows.length === 0 ? <div className="sidebar-note">No workflow matches “{filter}”.</div> : null}
      <ul className="wf-list">
        {workflows.map((w) => (
          <WorkflowItem key={w.name} workflow={w} active={w.name === openName} listening={listening} onOpen={() => onOpen(w.name)} />
        ))}
      </ul>
      {workspaceProblems.length > 0 ? (
        <div className="sidebar-problems" role="note">
          <div className="sidebar-problems-title">
            <Icon name="warning" size={13} /> Workspace problems
          </div>
          <ul>
            {workspaceProblems.map((p, i) => (
              <li key={i}>
                <span className="mono">{p.file}</span>
                {p.line ? `:${p.line}` : ''} {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </nav>
  );
}
