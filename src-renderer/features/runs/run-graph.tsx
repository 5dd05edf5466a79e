import { useEffect, useMemo, useState } from 'react';
import { actionRunsAt, loopIterations, type IterationSelection } from '../../../src-shared/run-iterations.ts';
import type { ActionRun, ActionStatus, RunRecord } from '../../../src-shared/runs.ts';
import { sameTypeName } from '../../../src-shared/workflow/type-names.ts';
import { workflowGraph, type GraphNode } from '../../../src-shared/workflow/workflow-graph.ts';
import { RunStatus } from '../../components/badges.tsx';
import { JsonTree } from '../../components/json-tree.tsx';
import { ErrorNotice, Notice } from '../../components/notices.tsx';
import { formatDuration, formatTimestamp } from '../../lib/format.ts';
import { useSlice, useStores } from '../../stores/context.tsx';
import type { NodeDecoration } from '../graph/graph-nodes.tsx';
import { WorkflowGraphView } from '../graph/workflow-graph-view.tsx';

function Io({ title, value, label }: { title: string; value: unknown; label: string }) {
  return (
    <div>
      <div className="io-title">{title}</div>
      {value === undefined ? <p className="muted small">None recorded.</p> : typeof value === 'object' && value !== null ? <JsonTree value={value} label={label} expandDepth={2} /> : <pre className="raw mono">{JSON.stringify(value, null, 2)}</pre>}
    </div>
  );
}

/** The picker of one loop's iterations: each with its worst status, as Azure's run view pages through them. */
function IterationPicker({ loop, actions, selection, onChange }: { loop: string; actions: readonly ActionRun[]; selection: IterationSelection; onChange(index: number): void }) {
  const iterations = loopIterations(actions, loop, selection);
  if (iterations.length === 0) return <span className="muted small">No iterations</span>;
  return (
    <select
      className="gn-picker nodrag nopan"
      aria-label={`Iteration of ${loop}`}
      value={selection[loop] ?? 0}
      onClick={(e) => e.stopPropagation()}
      onChange={(e) => onChange(Number(e.target.value))}
    >
      {iterations.map((it) => (
        <option key={it.index} value={it.index}>
          {`${it.index + 1} of ${iterations.length}${it.status === 'Succeeded' ? '' : ` · ${it.status}`}`}
        </option>
      ))}
    </select>
  );
}

/**
 * A run drawn over its workflow's graph, like Azure's run view: each action's status,
 * duration and retries, loop iteration pickers, and the trigger's and each action's
 * inputs and outputs beside the picture for the selected box.
 */
export function RunGraph({ run, selection: shared, onSelectionChange }: { run: RunRecord; selection?: IterationSelection; onSelectionChange?(selection: IterationSelection): void }) {
  const { runGraph } = useStores();
  const entry = useSlice(runGraph, (s) => s.definitions[run.workflow]);
  // The run detail passes its selection so the graph and the action list show the same iterations.
  const [own, setOwn] = useState<IterationSelection>({});
  const selection = shared ?? own;
  const setSelection = onSelectionChange ?? setOwn;
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => {
    void runGraph.getState().load(run.workflow);
  }, [runGraph, run.workflow, entry]);
  useEffect(() => {
    setSelection({});
    setSelected(null);
  }, [run.id]);

  const graph = useMemo(() => (entry?.definition ? workflowGraph(entry.definition) : undefined), [entry?.definition]);
  const records = useMemo(() => new Map(actionRunsAt(run.actions, selection).map((a) => [a.name, a])), [run.actions, selection]);
  const decorations = useMemo(() => {
    const out = new Map<string, NodeDecoration>();
    if (!graph) return out;
    for (const node of graph.nodes) {
      if (node.kind === 'branch') continue;
      if (node.kind === 'trigger') {
        const status: ActionStatus = run.status === 'Rejected' ? 'Failed' : 'Succeeded';
        out.set(node.id, { status });
        continue;
      }
      const record = records.get(node.name);
      const loop = sameTypeName(node.type, 'Foreach') || sameTypeName(node.type, 'Until');
      const picker = loop && record ? <IterationPicker loop={node.name} actions={run.actions} selection={selection} onChange={(index) => setSelection({ ...selection, [node.name]: index })} /> : undefined;
      out.set(node.id, record ? { status: record.status, durationMs: record.durationMs, retries: record.retryHistory?.length, picker } : { notRun: true });
    }
    return out;
  }, [graph, records, run.status, run.actions, selection]);

  if (!entry || entry.loading) return <p className="muted small">Drawing the run…</p>;
  if (entry.error || !graph) return <ErrorNotice error={entry.error ?? { code: 'NoDefinition', message: 'The workflow has no definition to draw.' }} title="The run cannot be drawn" />;
  const node = graph.nodes.find((n) => n.id === selected);
  const missing = [...new Set(run.actions.map((a) => a.name))].filter((name) => !graph.nodes.some((n) => n.name === name && n.kind !== 'branch'));
  return (
    <div className="stack">
      {missing.length > 0 ? (
        <Notice tone="warning" title="The workflow changed since this run">
          Drawn over the current workflow.json, which no longer has {missing.join(', ')}; the list below shows every recorded action.
        </Notice>
      ) : null}
      <div className="graph-host">
      <div className="graph-panel">
        <WorkflowGraphView graph={graph} label={`Run ${run.id} as a graph`} selected={selected ?? undefined} decorations={decorations} onSelect={(n: GraphNode) => setSelected(n.id)} />
        <aside className="graph-side" aria-label="Selected step in this run">
          {node ? <SelectedStep node={node} run={run} record={records.get(node.name)} /> : <p className="muted small">Select a box to see its inputs and outputs in this run. Loops show one iteration at a time: pick it in the loop's header.</p>}
        </aside>
      </div>
      </div>
    </div>
  );
}

function SelectedStep({ node, run, record }: { node: GraphNode; run: RunRecord; record: ActionRun | undefined }) {
  if (node.kind === 'trigger') {
    return (
      <>
        <div className="graph-side-head">
          <h3>{node.label}</h3>
          <span className="muted small">Trigger · {formatTimestamp(run.startTime)}</span>
        </div>
        <Io title="Inputs" value={{ method: run.request.method, url: run.request.url, headers: run.request.headers }} label={`${node.label} inputs`} />
        <Io title="Outputs" value={run.triggerOutputs} label={`${node.label} outputs`} />
      </>
    );
  }
  return (
    <>
      <div className="graph-side-head">
        <h3>{node.label}</h3>
        <span className="muted small">{node.type}</span>
      </div>
      {record ? (
        <>
          <dl className="facts">
            <div>
              <dt>Status</dt>
              <dd>
                <RunStatus status={record.status} />
              </dd>
            </div>
            <div>
              <dt>Duration</dt>
              <dd className="mono">{formatDuration(record.durationMs)}</dd>
            </div>
            {record.retryHistory?.length ? (
              <div>
                <dt>Retries</dt>
                <dd>{record.retryHistory.length}</dd>
              </div>
            ) : null}
            {record.mocked ? (
              <div>
                <dt>Result from</dt>
                <dd>{record.mocked === 'staticResult' ? 'its static result' : 'the mock file'}</dd>
              </div>
            ) : null}
          </dl>
          {record.error ? (
            <Notice tone="danger" title={record.error.code}>
              {record.error.message}
            </Notice>
          ) : null}
          <Io title="Inputs" value={record.inputs} label={`${node.label} inputs in the run`} />
          <Io title="Outputs" value={record.outputs} label={`${node.label} outputs in the run`} />
          {record.retryHistory?.length ? <Io title="Retry history" value={record.retryHistory} label={`${node.label} retry history`} /> : null}
        </>
      ) : (
        <p className="muted small">This action did not run{run.status === 'Rejected' ? ': the call was refused before the run started.' : ' in this run (or in this iteration).'}</p>
      )}
    </>
  );
}
