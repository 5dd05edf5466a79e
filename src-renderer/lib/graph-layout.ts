/**
 * Lays out a workflow graph with ELK's layered algorithm (what Azure's designer uses), top
 * to bottom, containers as compound nodes sized around their actions. Uses elkjs's pure-JS
 * build in the page: the console's CSP allows no workers, and a workflow of a hundred
 * actions lays out in tens of milliseconds (docs/console.md, "Graphs").
 */
import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import ElkBundled from 'elkjs/lib/elk.bundled.js';
import type { GraphEdge, GraphNode, WorkflowGraph } from '../../src-shared/workflow/workflow-graph.ts';

/** Size of a trigger or action box. */
export const STEP_SIZE = { width: 240, height: 64 };

/** A placed node: `x`/`y` relative to its parent (as React Flow wants), `absX`/`absY` on the canvas. */
export interface PlacedNode {
  node: GraphNode;
  x: number;
  y: number;
  absX: number;
  absY: number;
  width: number;
  height: number;
}

/** A routed edge, in canvas coordinates, with its label's box when it has one. */
export interface PlacedEdge {
  edge: GraphEdge;
  points: { x: number; y: number }[];
  label?: { text: string; x: number; y: number; width: number; height: number };
}

/** The laid-out picture: nodes in parent-before-child order. */
export interface GraphLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
}

/** The text on an edge: the statuses it waits for (none on the trigger's edges). */
export function edgeLabel(edge: GraphEdge): string | undefined {
  return edge.statuses.length === 0 ? undefined : edge.statuses.join(', ');
}

const LABEL_CHAR_WIDTH = 6.6;
const LABEL_HEIGHT = 18;

const ROOT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.hierarchyHandling': 'SEPARATE_CHILDREN',
  'elk.layered.spacing.nodeNodeBetweenLayers': '44',
  'elk.spacing.nodeNode': '28',
  'elk.spacing.edgeLabel': '4',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.edgeLabels.inline': 'true',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.json.edgeCoords': 'CONTAINER',
  'elk.json.shapeCoords': 'PARENT',
};

function compoundOptions(node: GraphNode): Record<string, string> {
  const top = node.kind === 'branch' ? 34 : 52;
  return {
    // Laid out on its own, so it needs the layered options too (they are not inherited).
    ...ROOT_OPTIONS,
    'elk.padding': `[top=${top},left=16,bottom=16,right=16]`,
    'elk.nodeSize.constraints': 'MINIMUM_SIZE',
    'elk.nodeSize.minimum': node.kind === 'branch' ? '(160,70)' : '(260,100)',
  };
}

type ElkConstructor = new () => ELK;
// A CommonJS module: bundlers hand over module.exports, some type settings see it as `.default`.
const ElkClass = ((ElkBundled as unknown as { default?: ElkConstructor }).default ?? ElkBundled) as unknown as ElkConstructor;

let elk: ELK | undefined;

/** Lays the graph out; positions are in CSS pixels. */
export async function layoutGraph(graph: WorkflowGraph): Promise<GraphLayout> {
  elk ??= new ElkClass();
  const compound = new Set(graph.nodes.filter((n) => n.kind === 'container' || n.kind === 'branch').map((n) => n.id));
  const elkNodes = new Map<string, ElkNode>();
  const root: ElkNode = { id: '__root', layoutOptions: ROOT_OPTIONS, children: [], edges: [] };
  for (const node of graph.nodes) {
    const elkNode: ElkNode = compound.has(node.id) ? { id: node.id, layoutOptions: compoundOptions(node), children: [], edges: [] } : { id: node.id, ...STEP_SIZE };
    elkNodes.set(node.id, elkNode);
    const parent = node.parent === undefined ? root : elkNodes.get(node.parent);
    (parent ?? root).children!.push(elkNode);
  }
  const edgeById = new Map(graph.edges.map((e) => [e.id, e]));
  for (const edge of graph.edges) {
    const text = edgeLabel(edge);
    const elkEdge: ElkExtendedEdge = {
      id: edge.id,
      sources: [edge.source],
      targets: [edge.target],
      ...(text ? { labels: [{ text, width: Math.ceil(text.length * LABEL_CHAR_WIDTH) + 12, height: LABEL_HEIGHT }] } : {}),
    };
    const holder = edge.parent === undefined ? root : elkNodes.get(edge.parent);
    (holder ?? root).edges!.push(elkEdge);
  }
  const laid = await elk.layout(root);

  const nodes: PlacedNode[] = [];
  const edges: PlacedEdge[] = [];
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const visit = (elkNode: ElkNode, offsetX: number, offsetY: number): void => {
    // Each container is laid out on its own (all runAfter edges stay inside one scope), so
    // a container is only as big as its actions, and its edges are in its own coordinates.
    for (const child of elkNode.children ?? []) {
      const node = byId.get(child.id);
      const x = child.x ?? 0;
      const y = child.y ?? 0;
      if (node) nodes.push({ node, x, y, absX: offsetX + x, absY: offsetY + y, width: child.width ?? STEP_SIZE.width, height: child.height ?? STEP_SIZE.height });
      visit(child, offsetX + x, offsetY + y);
    }
    for (const elkEdge of elkNode.edges ?? []) {
      const edge = edgeById.get(elkEdge.id);
      if (!edge) continue;
      // Edge coordinates are relative to the node that holds the edge: move them onto the canvas.
      const points = (elkEdge.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]).map((p) => ({ x: p.x + offsetX, y: p.y + offsetY }));
      const label = elkEdge.labels?.[0];
      edges.push({
        edge,
        points,
        ...(label?.text ? { label: { text: label.text, x: (label.x ?? 0) + offsetX, y: (label.y ?? 0) + offsetY, width: label.width ?? 0, height: label.height ?? 0 } } : {}),
      });
    }
  };
  visit(laid, 0, 0);
  return { nodes, edges, width: laid.width ?? 0, height: laid.height ?? 0 };
}
