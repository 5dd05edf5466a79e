import { listActions, listScopes, type ActionScope, type ListedAction } from './action-tree.ts';
import { childPointer } from './json-pointer.ts';
import { normalizeStatus, RUN_AFTER_STATUSES } from './status.ts';
import { CONTAINER_ACTION_TYPES, sameTypeName } from './type-names.ts';
import { validateOperationOptions } from './validate-operation-options.ts';
import { validateEngineRules } from './validate-engine-rules.ts';
import { validateResponse } from './validate-response.ts';
import { describeJsonType, isRecord, type ValidationContext } from './validation-context.ts';
import type { WorkflowDefinition } from './types.ts';

/** What the action checks need to know about the workflow. */
export interface ActionValidationOptions {
  supportedActionTypes: readonly string[];
  /** True when the workflow is served by a Request trigger (Response actions need one). */
  hasRequestTrigger: boolean;
  /** The trigger has `splitOn`, which Logic Apps does not allow with a Response action. */
  triggerSplitOn?: boolean;
}

/**
 * Checks every action at every depth: shape, type support, runAfter (siblings only,
 * valid statuses, no cycles), unique names, and the Response action rules.
 */
export function validateActions(ctx: ValidationContext, definition: WorkflowDefinition, options: ActionValidationOptions): void {
  const pointer = '/definition/actions';
  if (definition.actions === undefined) return;
  if (!isRecord(definition.actions)) {
    ctx.error('InvalidActions', pointer, `"actions" is ${describeJsonType(definition.actions)}; it must be an object that maps each action name to its definition.`);
    return;
  }
  const scopes = listScopes(definition);
  for (const scope of scopes) {
    for (const [name, action] of Object.entries(scope.actions)) {
      if (!isRecord(action)) ctx.error('InvalidAction', childPointer(scope.pointer, name), `Action '${name}' is ${describeJsonType(action)}; it must be an object with a "type".`);
    }
  }
  const actions = listActions(definition);
  checkUniqueNames(ctx, actions);
  const supported = new Set(options.supportedActionTypes.map((t) => t.toLowerCase()));
  for (const listed of actions) {
    checkAction(ctx, listed, supported);
    if (sameTypeName(listed.type, 'Response')) validateResponse(ctx, listed, options.hasRequestTrigger, options.triggerSplitOn ?? false);
  }
  validateEngineRules(ctx, actions, definition.staticResults);
  for (const scope of scopes) checkRunAfter(ctx, scope, actions);
}

function checkUniqueNames(ctx: ValidationContext, actions: ListedAction[]): void {
  const seen = new Map<string, ListedAction>();
  for (const listed of actions) {
    const first = seen.get(listed.name.toLowerCase());
    if (first) {
      ctx.error('DuplicateActionName', listed.pointer, `Action name '${listed.name}' is used twice (also at ${first.pointer}). Logic Apps needs every action name to be unique in the workflow, because expressions such as body('${listed.name}') name actions; rename one.`);
    } else {
      seen.set(listed.name.toLowerCase(), listed);
    }
  }
}

function checkAction(ctx: ValidationContext, listed: ListedAction, supported: Set<string>): void {
  const { name, action, pointer } = listed;
  if (typeof action.type !== 'string' || action.type === '') {
    ctx.error('ActionTypeMissing', childPointer(pointer, 'type'), `Action '${name}' has no "type" (for example "Compose", "Response" or "Wait").`);
    return;
  }
  if (!supported.has(action.type.toLowerCase())) {
    ctx.warning('UnsupportedActionType', childPointer(pointer, 'type'), `Action '${name}' has type '${action.type}', which Triggerbench does not run yet: the workflow still loads and can be called, but this action will fail when it runs in Triggerbench.`);
  }
  const isContainer = CONTAINER_ACTION_TYPES.some((t) => sameTypeName(action.type, t));
  if (!isContainer && (action.actions !== undefined || action.cases !== undefined)) {
    ctx.warning('UnexpectedNestedActions', pointer, `Action '${name}' of type '${action.type}' has nested "actions" or "cases", which only If, Switch, Scope, Foreach and Until use; they are ignored.`);
  }
  for (const key of ['actions', 'cases'] as const) {
    if (action[key] !== undefined && !isRecord(action[key])) {
      ctx.error('InvalidNestedActions', childPointer(pointer, key), `"${key}" of action '${name}' is ${describeJsonType(action[key])}; it must be an object.`);
    }
  }
  for (const key of ['else', 'default'] as const) {
    const branch = action[key];
    if (branch !== undefined && (!isRecord(branch) || (branch.actions !== undefined && !isRecord(branch.actions)))) {
      ctx.error('InvalidNestedActions', childPointer(pointer, key), `"${key}" of action '${name}' must be an object of the form {"actions": {...}}.`);
    }
  }
  validateOperationOptions(ctx, `Action '${name}'`, action.operationOptions, pointer);
}

function checkRunAfter(ctx: ValidationContext, scope: ActionScope, all: ListedAction[]): void {
  const edges = new Map<string, string[]>();
  for (const [name, action] of Object.entries(scope.actions)) {
    if (!isRecord(action) || action.runAfter === undefined) continue;
    const at = childPointer(scope.pointer, name, 'runAfter');
    const runAfter = action.runAfter;
    if (!isRecord(runAfter)) {
      ctx.error('InvalidRunAfter', at, `runAfter of action '${name}' is ${describeJsonType(runAfter)}; it must be an object such as {"Previous_action": ["Succeeded"]}.`);
      continue;
    }
    const targets: string[] = [];
    for (const [target, statuses] of Object.entries(runAfter)) {
      const entry = childPointer(at, target);
      if (!Object.hasOwn(scope.actions, target)) {
        const elsewhere = all.find((a) => a.name === target);
        const where = scope.parent ? `inside '${scope.parent}'` : 'at the top level';
        const hint = elsewhere
          ? ` '${target}' exists ${elsewhere.parent ? `inside '${elsewhere.parent}'` : 'at the top level'}, but runAfter can only name actions ${where}, next to '${name}'.`
          : ` No action of that name exists ${where}.`;
        ctx.error('RunAfterUnknownAction', entry, `Action '${name}' runs after '${target}', which is not one of its sibling actions.${hint}`);
      } else if (target === name) {
        ctx.error('RunAfterCycle', entry, `Action '${name}' runs after itself, so it can never start. Remove this runAfter entry.`);
      } else {
        targets.push(target);
      }
      if (!Array.isArray(statuses)) {
        ctx.error('InvalidRunAfterStatuses', entry, `runAfter '${target}' of action '${name}' is ${describeJsonType(statuses)}; it must be an array of statuses such as ["Succeeded"].`);
        continue;
      }
      if (statuses.length === 0) {
        ctx.error('EmptyRunAfterStatuses', entry, `runAfter '${target}' of action '${name}' lists no statuses, so the action could never run. Add at least one of ${RUN_AFTER_STATUSES.join(', ')}.`);
      }
      statuses.forEach((status, index) => {
        if (typeof status !== 'string' || normalizeStatus(status) === undefined) {
          ctx.error('InvalidRunAfterStatus', childPointer(entry, index), `Action '${name}' waits for status ${JSON.stringify(status)} of '${target}'; the statuses are ${RUN_AFTER_STATUSES.join(', ')} (any case).`);
        }
      });
    }
    edges.set(name, targets);
  }
  reportCycles(ctx, scope, edges);
}

/** Depth-first search for runAfter cycles among siblings; each cycle is reported once. */
function reportCycles(ctx: ValidationContext, scope: ActionScope, edges: Map<string, string[]>): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): void => {
    state.set(name, 'visiting');
    stack.push(name);
    for (const next of edges.get(name) ?? []) {
      const s = state.get(next);
      if (s === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        ctx.error('RunAfterCycle', childPointer(scope.pointer, name, 'runAfter', next), `Actions ${cycle.map((n) => `'${n}'`).join(' → ')} wait for each other through runAfter, so none of them can start. Remove one of these runAfter entries.`);
      } else if (s === undefined) {
        visit(next);
      }
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of edges.keys()) if (!state.has(name)) visit(name);
}
