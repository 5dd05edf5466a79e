import { childPointer } from './json-pointer.ts';
import { LOOP_ACTION_TYPES, sameTypeName } from './type-names.ts';
import type { Action, RequestTrigger, Trigger, WorkflowDefinition } from './types.ts';

/** Which part of a container holds a scope: If's true branch is `actions`, its false branch `else`. */
export type ScopeBranch = 'actions' | 'else' | 'case' | 'default';

/** A set of sibling actions: `runAfter` may only name actions of the same scope. */
export interface ActionScope {
  /** JSON pointer of the actions object, e.g. `/definition/actions/If/else/actions`. */
  pointer: string;
  /** The container action; undefined for the definition's top-level actions. */
  parent?: string;
  branch?: ScopeBranch;
  /** Switch case name, when branch is 'case'. */
  caseName?: string;
  actions: Record<string, Action>;
}

/** One action found anywhere in the definition. */
export interface ListedAction {
  name: string;
  action: Action;
  /** The type as written (compare with `sameTypeName`). */
  type: string;
  /** JSON pointer of the action object. */
  pointer: string;
  /** The scope holding it (its siblings). */
  scope: ActionScope;
  /** Container action; undefined at top level. */
  parent?: string;
  /** Names of all enclosing containers, outermost first. */
  ancestors: string[];
  /** True when a Foreach or Until encloses it at any depth. */
  insideLoop: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function childScopes(name: string, action: Action, pointer: string): ActionScope[] {
  const scopes: ActionScope[] = [];
  if (isRecord(action.actions)) scopes.push({ pointer: childPointer(pointer, 'actions'), parent: name, branch: 'actions', actions: action.actions });
  if (isRecord(action.else) && isRecord(action.else.actions)) {
    scopes.push({ pointer: childPointer(pointer, 'else', 'actions'), parent: name, branch: 'else', actions: action.else.actions });
  }
  if (isRecord(action.cases)) {
    for (const [caseName, branch] of Object.entries(action.cases)) {
      if (isRecord(branch) && isRecord(branch.actions)) {
        scopes.push({ pointer: childPointer(pointer, 'cases', caseName, 'actions'), parent: name, branch: 'case', caseName, actions: branch.actions });
      }
    }
  }
  if (isRecord(action.default) && isRecord(action.default.actions)) {
    scopes.push({ pointer: childPointer(pointer, 'default', 'actions'), parent: name, branch: 'default', actions: action.default.actions });
  }
  return scopes;
}

/**
 * Every scope of sibling actions, outermost first. `basePointer` is where the
 * definition sits in its file (`/definition` in a Standard workflow.json).
 */
export function listScopes(definition: WorkflowDefinition, basePointer = '/definition'): ActionScope[] {
  const result: ActionScope[] = [];
  if (!isRecord(definition.actions)) return result;
  const queue: ActionScope[] = [{ pointer: childPointer(basePointer, 'actions'), actions: definition.actions }];
  while (queue.length > 0) {
    const scope = queue.shift()!;
    result.push(scope);
    for (const [name, action] of Object.entries(scope.actions)) {
      if (isRecord(action)) queue.push(...childScopes(name, action as Action, childPointer(scope.pointer, name)));
    }
  }
  return result;
}

/**
 * Flat list of every action in the definition, depth first in file order, each with
 * its parent, enclosing containers, scope and JSON pointer. Entries that are not
 * objects are skipped (the validator reports them).
 */
export function listActions(definition: WorkflowDefinition, basePointer = '/definition'): ListedAction[] {
  const result: ListedAction[] = [];
  const visit = (scope: ActionScope, ancestors: string[], insideLoop: boolean): void => {
    for (const [name, action] of Object.entries(scope.actions)) {
      if (!isRecord(action)) continue;
      const typed = action as Action;
      const pointer = childPointer(scope.pointer, name);
      const type = typeof typed.type === 'string' ? typed.type : '';
      result.push({ name, action: typed, type, pointer, scope, parent: scope.parent, ancestors, insideLoop });
      const loop = insideLoop || LOOP_ACTION_TYPES.some((t) => sameTypeName(type, t));
      for (const child of childScopes(name, typed, pointer)) visit(child, [...ancestors, name], loop);
    }
  };
  if (isRecord(definition.actions)) visit({ pointer: childPointer(basePointer, 'actions'), actions: definition.actions }, [], false);
  return result;
}

/**
 * The workflow's Request trigger, when the definition has exactly one trigger and it is
 * of type Request (case-insensitive). Triggerbench serves one trigger per workflow.
 */
export function findRequestTrigger(definition: WorkflowDefinition): { name: string; trigger: RequestTrigger } | undefined {
  if (!isRecord(definition.triggers)) return undefined;
  const entries = Object.entries(definition.triggers);
  if (entries.length !== 1) return undefined;
  const [name, trigger] = entries[0]!;
  if (!isRecord(trigger) || !sameTypeName((trigger as Trigger).type, 'Request')) return undefined;
  return { name, trigger: trigger as RequestTrigger };
}
