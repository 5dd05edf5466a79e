import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { ReactNode } from 'react';
import type { ActionStatus } from '../../../src-shared/runs.ts';
import type { GraphNode } from '../../../src-shared/workflow/workflow-graph.ts';
import { RunStatus } from '../../components/badges.tsx';
import { Icon, type IconName } from '../../components/icon.tsx';
import { formatDuration } from '../../lib/format.ts';

/** What a run adds to a node: its status, duration, retries; loops get an iteration picker. */
export interface NodeDecoration {
  status?: ActionStatus;
  durationMs?: number;
  /** Tries its retry policy repeated before the last one. */
  retries?: number;
  /** Foreach/Until: the picker shown in the container's header. */
  picker?: ReactNode;
  /** Set when no record exists for the node in this run (it never ran). */
  notRun?: boolean;
}

/** Data of every node of the picture. */
export type GraphNodeData = { node: GraphNode; decoration?: NodeDecoration; selected: boolean };

/** A React Flow node of the picture. */
export type FlowNode = Node<GraphNodeData, 'step' | 'group'>;

function iconFor(node: GraphNode): IconName {
  if (node.kind === 'trigger') return 'bolt';
  const type = node.type.toLowerCase();
  if (type === 'response') return 'send';
  if (type === 'http') return 'link';
  if (type === 'foreach' || type === 'until') return 'refresh';
  if (type === 'if' || type === 'switch') return 'code';
  if (type === 'scope') return 'form';
  return 'workflow';
}

function Facts({ decoration }: { decoration: NodeDecoration | undefined }) {
  if (!decoration) return null;
  if (decoration.notRun) return <span className="gn-facts muted">Not run</span>;
  return (
    <span className="gn-facts">
      {decoration.status ? <RunStatus status={decoration.status} compact /> : null}
      {decoration.durationMs !== undefined ? <span className="mono">{formatDuration(decoration.durationMs)}</span> : null}
      {decoration.retries ? <span className="gn-retries" title={`Retried ${decoration.retries} time${decoration.retries === 1 ? '' : 's'} by its retry policy`}>↻ {decoration.retries}</span> : null}
    </span>
  );
}

const hidden = { opacity: 0, pointerEvents: 'none' as const };

/** A trigger or an action: icon, name, type, and in a run its status, duration and retries. */
export function StepNode({ data }: NodeProps<FlowNode>) {
  const { node, decoration, selected } = data;
  return (
    <div className={`gn-step gn-${node.kind} ${selected ? 'gn-selected' : ''} ${decoration?.status ? `gn-status-${decoration.status.toLowerCase()}` : ''}`} data-graph-node={node.id} data-graph-kind={node.kind} data-graph-parent={node.parent ?? ''} data-status={decoration?.status}>
      <Handle type="target" position={Position.Top} style={hidden} isConnectable={false} />
      <span className={`gn-icon gn-icon-${node.kind === 'trigger' ? 'trigger' : node.type.toLowerCase() === 'response' ? 'response' : 'action'}`}>
        <Icon name={iconFor(node)} size={14} />
      </span>
      <span className="gn-text">
        <span className="gn-name" title={node.label}>{node.label.replace(/_/g, ' ')}</span>
        <span className="gn-type">{node.type || 'Action'}</span>
      </span>
      <Facts decoration={decoration} />
      <Handle type="source" position={Position.Bottom} style={hidden} isConnectable={false} />
    </div>
  );
}

/** A container (If, Switch, Scope, Foreach, Until) or one branch of an If or Switch. */
export function GroupNode({ data }: NodeProps<FlowNode>) {
  const { node, decoration, selected } = data;
  const branch = node.kind === 'branch';
  return (
    <div className={`gn-group ${branch ? 'gn-branch' : 'gn-container'} ${selected ? 'gn-selected' : ''} ${decoration?.status ? `gn-status-${decoration.status.toLowerCase()}` : ''}`} data-graph-node={node.id} data-graph-kind={node.kind} data-graph-parent={node.parent ?? ''} data-status={decoration?.status}>
      <Handle type="target" position={Position.Top} style={hidden} isConnectable={false} />
      <div className="gn-group-head">
        {branch ? (
          <span className={`gn-branch-label gn-branch-${node.label.toLowerCase()}`}>{node.label}</span>
        ) : (
          <>
            <span className="gn-icon gn-icon-action">
              <Icon name={iconFor(node)} size={13} />
            </span>
            <span className="gn-text">
              <span className="gn-name" title={node.label}>{node.label.replace(/_/g, ' ')}</span>
              <span className="gn-type">{node.type}</span>
            </span>
            <Facts decoration={decoration} />
            {decoration?.picker}
          </>
        )}
      </div>
      <Handle type="source" position={Position.Bottom} style={hidden} isConnectable={false} />
    </div>
  );
}
