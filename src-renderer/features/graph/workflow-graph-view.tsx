import { Controls, MarkerType, ReactFlow, ReactFlowProvider, useReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { GraphNode, WorkflowGraph } from '../../../src-shared/workflow/workflow-graph.ts';
import { ErrorNotice } from '../../components/notices.tsx';
import { toUiError, type UiError } from '../../lib/api-error.ts';
import { layoutGraph, type GraphLayout } from '../../lib/graph-layout.ts';
import { RunAfterEdge, type FlowEdge } from './graph-edge.tsx';
import { GroupNode, StepNode, type FlowNode, type NodeDecoration } from './graph-nodes.tsx';

const nodeTypes = { step: StepNode, group: GroupNode };
const edgeTypes = { runAfter: RunAfterEdge };

/** Props of `WorkflowGraphView`. */
export interface WorkflowGraphViewProps {
  graph: WorkflowGraph;
  /** Accessible name of the picture. */
  label: string;
  selected?: string;
  onSelect?(node: GraphNode): void;
  /** Run state per node id, for the run view. */
  decorations?: ReadonlyMap<string, NodeDecoration>;
}

/**
 * Shows the whole picture when it fits at a readable zoom; a tall workflow starts at the
 * top at the smallest readable zoom instead of shrinking to an unreadable strip.
 */
function FitOnLayout({ layout, host }: { layout: GraphLayout | null; host: RefObject<HTMLDivElement | null> }) {
  const flow = useReactFlow();
  useEffect(() => {
    const element = host.current;
    if (!layout || !element || layout.width === 0) return;
    const fit = () => {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) return;
      const pad = 24;
      const scale = Math.min((box.width - 2 * pad) / layout.width, (box.height - 2 * pad) / layout.height);
      const zoom = Math.min(1, Math.max(READABLE_ZOOM, scale));
      const x = Math.max(pad, (box.width - layout.width * zoom) / 2);
      const y = layout.height * zoom + 2 * pad > box.height ? pad : (box.height - layout.height * zoom) / 2;
      void flow.setViewport({ x, y, zoom });
    };
    fit();
    // The canvas changes size with the window and the layout around it: fit again when it does.
    let last = `${element.clientWidth}x${element.clientHeight}`;
    const observer = new ResizeObserver(() => {
      const size = `${element.clientWidth}x${element.clientHeight}`;
      if (size === last) return;
      last = size;
      fit();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [layout, flow, host]);
  return null;
}

/** Below this zoom the boxes' names are too small to read. */
const READABLE_ZOOM = 0.65;

/**
 * The workflow as a picture (React Flow, laid out by ELK): the trigger and actions as
 * boxes, containers around their branches, runAfter edges labelled with their statuses.
 * Read-only: clicking a box selects it (the editor opens that action).
 */
export function WorkflowGraphView(props: WorkflowGraphViewProps) {
  return (
    <ReactFlowProvider>
      <GraphCanvas {...props} />
    </ReactFlowProvider>
  );
}

function GraphCanvas({ graph, label, selected, onSelect, decorations }: WorkflowGraphViewProps) {
  const [layout, setLayout] = useState<GraphLayout | null>(null);
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<UiError | null>(null);
  useEffect(() => {
    let current = true;
    layoutGraph(graph).then(
      (result) => {
        if (current) {
          setLayout(result);
          setError(null);
        }
      },
      (cause: unknown) => {
        if (current) setError(toUiError(cause));
      },
    );
    return () => {
      current = false;
    };
  }, [graph]);

  const nodes = useMemo<FlowNode[]>(
    () =>
      (layout?.nodes ?? []).map((placed) => {
        const group = placed.node.kind === 'container' || placed.node.kind === 'branch';
        return {
          id: placed.node.id,
          type: group ? 'group' : 'step',
          position: { x: placed.x, y: placed.y },
          width: placed.width,
          height: placed.height,
          style: { width: placed.width, height: placed.height },
          ...(placed.node.parent !== undefined ? { parentId: placed.node.parent } : {}),
          data: { node: placed.node, decoration: decorations?.get(placed.node.id), selected: placed.node.id === selected },
          draggable: false,
          connectable: false,
          selectable: placed.node.kind !== 'branch',
          selected: placed.node.id === selected,
          ariaLabel: placed.node.kind === 'branch' ? `${placed.node.name}: ${placed.node.label} branch` : `${placed.node.label} (${placed.node.type || 'action'})${decorations?.get(placed.node.id)?.status ? `, ${decorations.get(placed.node.id)!.status}` : ''}`,
        };
      }),
    [layout, decorations, selected],
  );
  const edges = useMemo<FlowEdge[]>(
    () =>
      (layout?.edges ?? []).map((placed) => ({
        id: placed.edge.id,
        source: placed.edge.source,
        target: placed.edge.target,
        type: 'runAfter',
        data: { placed },
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
        // Above the container boxes they run inside.
        zIndex: 1,
        focusable: false,
        selectable: false,
      })),
    [layout],
  );

  if (error) return <ErrorNotice error={error} title="The workflow could not be drawn" />;
  return (
    <div
      className="graph-canvas"
      ref={host}
      role="figure"
      aria-label={label}
      aria-busy={layout === null}
      onKeyDown={(e) => {
        // Enter or Space on a focused box opens it, as a click does.
        if (e.key !== 'Enter' && e.key !== ' ') return;
        const id = (e.target as HTMLElement).closest('.react-flow__node')?.getAttribute('data-id');
        const node = layout?.nodes.find((n) => n.node.id === id)?.node;
        if (node && node.kind !== 'branch') {
          e.preventDefault();
          onSelect?.(node);
        }
      }}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable
        minZoom={0.2}
        maxZoom={1.5}
        proOptions={{ hideAttribution: false }}
        onNodeClick={(_, node) => {
          if (node.data.node.kind !== 'branch') onSelect?.(node.data.node);
        }}
      >
        <FitOnLayout layout={layout} host={host} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
