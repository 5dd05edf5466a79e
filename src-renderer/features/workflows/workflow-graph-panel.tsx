import { useMemo } from 'react';
import type { WorkflowDefinition } from '../../../src-shared/workflow/types.ts';
import { workflowGraph, type GraphNode } from '../../../src-shared/workflow/workflow-graph.ts';
import { Button } from '../../components/button.tsx';
import { JsonTree } from '../../components/json-tree.tsx';
import { Notice } from '../../components/notices.tsx';
import { valueAtPointer } from '../../lib/json-pointer-value.ts';
import { definitionOf } from '../../lib/workflow-model.ts';
import { useSlice, useStores } from '../../stores/context.tsx';
import { WorkflowGraphView } from '../graph/workflow-graph-view.tsx';

/** Keys of an action that the picture already shows (nested actions) and are left out of its details. */
const NESTED_KEYS = new Set(['actions', 'else', 'cases', 'default']);

function summary(action: unknown): Record<string, unknown> {
  if (typeof action !== 'object' || action === null || Array.isArray(action)) return {};
  return Object.fromEntries(Object.entries(action).filter(([key]) => !NESTED_KEYS.has(key)));
}

/** The workflow's picture in the editor, always drawn from the text being edited, with the selected box's details. */
export function WorkflowGraphPanel() {
  const { editor } = useStores();
  const parse = useSlice(editor, (s) => s.parse);
  const selected = useSlice(editor, (s) => s.graphSelection);
  const triggerName = useSlice(editor, (s) => s.trigger?.name);
  const responseName = useSlice(editor, (s) => s.response?.name);
  const name = useSlice(editor, (s) => s.name);
  const definition = parse.ok ? definitionOf(parse.value) : undefined;
  const basePointer = parse.ok && definition !== undefined && definition !== parse.value ? '/definition' : '';
  const graph = useMemo(() => (definition ? workflowGraph(definition as WorkflowDefinition, basePointer) : undefined), [definition, basePointer]);
  if (!parse.ok) {
    return (
      <Notice tone="danger" title="workflow.json is not valid JSON" action={<Button size="sm" onClick={() => editor.getState().setMode('code')}>Open the code view</Button>}>
        {parse.error.message} The picture comes back when the JSON parses.
      </Notice>
    );
  }
  if (!graph) return <Notice tone="warning" title="No workflow definition">This file has no "definition" with triggers and actions to draw.</Notice>;
  const node = graph.nodes.find((n) => n.id === selected);
  const { selectGraphNode, setMode, reveal } = editor.getState();
  return (
    <div className="graph-host">
    <div className="graph-panel">
      <WorkflowGraphView graph={graph} label={`${name ?? 'Workflow'} as a graph`} selected={selected ?? undefined} onSelect={(n: GraphNode) => selectGraphNode(n.id)} />
      <aside className="graph-side" aria-label="Selected step">
        {node ? (
          <>
            <div className="graph-side-head">
              <h3>{node.label}</h3>
              <span className="muted small">{node.kind === 'trigger' ? `Trigger · ${node.type}` : node.type}</span>
            </div>
            <div className="graph-side-actions">
              {(node.kind === 'trigger' && node.name === triggerName) || (node.kind === 'action' && node.name === responseName && node.parent === undefined) ? (
                <Button size="sm" variant="primary" icon="form" onClick={() => setMode('form')}>
                  Edit in the designer
                </Button>
              ) : null}
              <Button size="sm" icon="code" onClick={() => reveal(node.pointer)}>
                Show in workflow.json
              </Button>
            </div>
            <JsonTree value={summary(valueAtPointer(parse.value, node.pointer))} label={`${node.label} definition`} expandDepth={2} />
          </>
        ) : (
          <p className="muted small">Select a box to see its definition. Edges show the statuses each action waits for (runAfter).</p>
        )}
      </aside>
    </div>
    </div>
  );
}
