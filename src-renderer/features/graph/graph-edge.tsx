import { BaseEdge, EdgeLabelRenderer, type Edge, type EdgeProps } from '@xyflow/react';
import { fromPointer } from '../../../src-shared/workflow/json-pointer.ts';
import type { PlacedEdge } from '../../lib/graph-layout.ts';

/** Data of a runAfter edge: the route and label box ELK computed. */
export type RunAfterEdgeData = { placed: PlacedEdge };

/** A React Flow edge of the picture. */
export type FlowEdge = Edge<RunAfterEdgeData, 'runAfter'>;

/** A runAfter dependency drawn along ELK's orthogonal route, with the statuses it waits for. */
export function RunAfterEdge({ data, markerEnd, id }: EdgeProps<FlowEdge>) {
  const placed = data?.placed;
  if (!placed || placed.points.length < 2) return null;
  const path = placed.points.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x} ${p.y}`).join(' ');
  const label = placed.label;
  const statuses = placed.edge.statuses;
  const unusual = statuses.some((s) => s.toLowerCase() !== 'succeeded');
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={unusual ? 'ge-unusual' : undefined} />
      {label ? (
        <EdgeLabelRenderer>
          <div className={`ge-label ${unusual ? 'ge-label-unusual' : ''}`} style={{ transform: `translate(${label.x}px, ${label.y}px)`, width: label.width, height: label.height }} title={`Runs after ${fromPointer(placed.edge.source).at(-1)} is ${statuses.join(' or ')}`}>
            {label.text}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}
