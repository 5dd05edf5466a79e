import { listActions, listScopes, type ActionScope } from './action-tree.ts';
import { childPointer } from './json-pointer.ts';
import { CONTAINER_ACTION_TYPES, sameTypeName } from './type-names.ts';
import type { WorkflowDefinition } from './types.ts';

/**
 * A workflow as a graph, for the designer's picture and the run view (docs/console.md,
 * "Graphs"): the trigger, every action, containers (If, Switch, Scope, Foreach, Until)
 * holding their actions, If and Switch split into one box per branch, and one edge per
 * `runAfter` entry labelled with the statuses it waits for. Pure: positions come from the
 * layout in the console.
 */

/** What a node stands for. */
export type GraphNodeKind = 'trigger' | 'action' | 'container' | 'branch';

/** One box of the picture. Ids are JSON pointers, unique in the file. */
export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  /** The trigger's or action's name; for a branch: True, False, a case name or Default. */
  label: string;
  /** The trigger's or action's type as written ('' for a branch). */
  type: string;
  /** The node that holds it (a container or a branch); absent at the top level. */
  parent?: string;
  /** The action's (or trigger's) name; a branch names its container. */
  name: string;
  /** JSON pointer of the trigger, the action, or the branch's actions object. */
  pointer: string;
}

/** One `runAfter` dependency: `target` runs after `source` ends in one of `statuses`. */
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** The statuses as written; empty for the trigger's edge to the first actions. */
  statuses: string[];
  /** The node holding both ends (absent at the top level). */
  parent?: string;
}

/** The picture's nodes (parents before children) and edges. */
export interface WorkflowGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** If and Switch show each branch as a box of its own; the other containers hold their actions directly. */
function hasBranches(type: string): boolean {
  return sameTypeName(type, 'If') || sameTypeName(type, 'Switch');
}

/** The container action's pointer, from the pointer of one of its scopes. */
function containerPointerOf(scope: ActionScope): string {
  const suffix =
    scope.branch === 'else' ? childPointer('', 'else', 'actions') : scope.branch === 'default' ? childPointer('', 'default', 'actions') : scope.branch === 'case' ? childPointer('', 'cases', scope.caseName ?? '', 'actions') : childPointer('', 'actions');
  return scope.pointer.slice(0, scope.pointer.length - suffix.length);
}

function branchLabel(scope: ActionScope): string {
  if (scope.branch === 'actions') return 'True';
  if (scope.branch === 'else') return 'False';
  if (scope.branch === 'default') return 'Default';
  return scope.caseName ?? 'Case';
}

/** Builds the graph of a definition; `basePointer` is where the definition sits in its file. */
export function workflowGraph(definition: WorkflowDefinition, basePointer = '/definition'): WorkflowGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const triggers = isRecord(definition.triggers) ? Object.entries(definition.triggers) : [];
  const triggerIds: string[] = [];
  for (const [name, trigger] of triggers) {
    const id = childPointer(basePointer, 'triggers', name);
    triggerIds.push(id);
    nodes.push({ id, kind: 'trigger', label: name, type: isRecord(trigger) && typeof trigger.type === 'string' ? trigger.type : '', name, pointer: id });
  }
  const actions = listActions(definition, basePointer);
  const typeOf = new Map(actions.map((a) => [a.pointer, a.type]));
  // The scopes (branches) of each container, and the node each scope's actions sit in:
  // the branch box for If/Switch, else the container itself.
  const branchesOf = new Map<string, ActionScope[]>();
  const scopeNode = new Map<string, string | undefined>();
  for (const scope of listScopes(definition, basePointer)) {
    if (scope.parent === undefined) {
      scopeNode.set(scope.pointer, undefined);
      continue;
    }
    const container = containerPointerOf(scope);
    branchesOf.set(container, [...(branchesOf.get(container) ?? []), scope]);
    scopeNode.set(scope.pointer, hasBranches(typeOf.get(container) ?? '') ? scope.pointer : container);
  }
  for (const listed of actions) {
    const parent = scopeNode.get(listed.scope.pointer);
    const container = CONTAINER_ACTION_TYPES.some((t) => sameTypeName(listed.type, t));
    nodes.push({ id: listed.pointer, kind: container ? 'container' : 'action', label: listed.name, type: listed.type, name: listed.name, pointer: listed.pointer, ...(parent !== undefined ? { parent } : {}) });
    if (container && hasBranches(listed.type)) {
      for (const branch of branchesOf.get(listed.pointer) ?? []) {
        nodes.push({ id: branch.pointer, kind: 'branch', label: branchLabel(branch), type: '', name: listed.name, pointer: branch.pointer, parent: listed.pointer });
      }
    }
  }
  for (const listed of actions) {
    const parent = scopeNode.get(listed.scope.pointer);
    const runAfter = isRecord(listed.action.runAfter) ? listed.action.runAfter : {};
    const entries = Object.entries(runAfter).filter(([name]) => isRecord(listed.scope.actions[name]));
    if (Object.keys(runAfter).length === 0 && parent === undefined) {
      for (const source of triggerIds) edges.push({ id: `${source}->${listed.pointer}`, source, target: listed.pointer, statuses: [] });
    }
    for (const [name, statuses] of entries) {
      const source = childPointer(listed.scope.pointer, name);
      const list = Array.isArray(statuses) ? statuses.filter((s): s is string => typeof s === 'string') : [];
      edges.push({ id: `${source}->${listed.pointer}`, source, target: listed.pointer, statuses: list, ...(parent !== undefined ? { parent } : {}) });
    }
  }
  return { nodes, edges };
}
