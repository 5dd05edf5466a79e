import { parseOperationOptions } from './operation-options.ts';
import type { ListedAction } from './action-tree.ts';
import { childPointer } from './json-pointer.ts';
import { sameTypeName } from './type-names.ts';
import { isExpressionString, isRecord, type ValidationContext } from './validation-context.ts';

/** Foreach concurrency bounds Logic Apps accepts (docs/runtime.md, "Loops"). */
const MAX_FOREACH_REPETITIONS = 50;
/** Until iteration bounds Logic Apps accepts. */
const MAX_UNTIL_COUNT = 5000;

/** True when a Foreach runs its iterations in parallel (the default: 20 at a time). */
function isConcurrentForeach(listed: ListedAction['action']): boolean {
  const sequential = parseOperationOptions(listed.operationOptions).has('Sequential');
  return !sequential && listed.runtimeConfiguration?.concurrency?.repetitions !== 1;
}

/**
 * The rules Logic Apps checks when a workflow with loops, variables and Terminate is
 * saved: InitializeVariable only at the top level, a Foreach needs its array and an Until
 * its condition, limits within Azure's bounds, a known Terminate status; and warnings for
 * Set variable inside a parallel Foreach, whose result then depends on timing, and for an
 * enabled static result the definition does not hold.
 */
export function validateEngineRules(ctx: ValidationContext, actions: ListedAction[], staticResults?: unknown): void {
  const byName = new Map(actions.map((a) => [a.name, a]));
  for (const listed of actions) {
    const { name, action, pointer } = listed;
    if (sameTypeName(action.type, 'InitializeVariable') && listed.parent !== undefined) {
      ctx.error('InitializeVariableNotAtTopLevel', pointer, `Initialize variable '${name}' is inside '${listed.parent}'. Logic Apps only initializes variables at the top level of a workflow; move it out (before the scopes that use the variable).`);
    }
    if (sameTypeName(action.type, 'SetVariable')) {
      const loop = [...listed.ancestors].reverse().map((n) => byName.get(n)).find((a) => a && sameTypeName(a.action.type, 'Foreach') && isConcurrentForeach(a.action));
      if (loop) {
        ctx.warning('SetVariableInConcurrentLoop', pointer, `Set variable '${name}' is inside the Foreach '${loop.name}', which runs its iterations in parallel, so the variable's final value depends on which iteration ends last. Set the loop's concurrency to 1 ("runtimeConfiguration": {"concurrency": {"repetitions": 1}}) for a predictable result.`);
      }
    }
    if (sameTypeName(action.type, 'Foreach')) {
      if (action.foreach === undefined || action.foreach === '') ctx.error('ForeachArrayMissing', pointer, `Foreach '${name}' has no "foreach": set it to the array to loop over, for example "@triggerBody()?['items']".`);
      const repetitions = action.runtimeConfiguration?.concurrency?.repetitions;
      if (repetitions !== undefined && (!Number.isInteger(repetitions) || repetitions < 1 || repetitions > MAX_FOREACH_REPETITIONS)) {
        ctx.error('InvalidForeachConcurrency', childPointer(pointer, 'runtimeConfiguration', 'concurrency', 'repetitions'), `Foreach '${name}' has concurrency repetitions ${JSON.stringify(repetitions)}; use a whole number from 1 to ${MAX_FOREACH_REPETITIONS}.`);
      }
    }
    if (sameTypeName(action.type, 'Until')) {
      if (action.expression === undefined || action.expression === '') ctx.error('UntilExpressionMissing', pointer, `Until '${name}' has no "expression": set the condition that ends the loop, for example "@equals(variables('done'), true)".`);
      const count = action.limit?.count;
      if (typeof count === 'number' && (!Number.isInteger(count) || count < 1 || count > MAX_UNTIL_COUNT)) {
        ctx.error('InvalidUntilLimit', childPointer(pointer, 'limit', 'count'), `Until '${name}' has limit.count ${count}; use a whole number from 1 to ${MAX_UNTIL_COUNT}.`);
      }
    }
    const staticResult = action.runtimeConfiguration?.staticResult;
    if (isRecord(staticResult) && String(staticResult.staticResultOptions ?? '').toLowerCase() === 'enabled') {
      const entry = String(staticResult.name ?? '');
      if (!isRecord(staticResults) || !Object.hasOwn(staticResults, entry)) {
        ctx.warning('StaticResultNotFound', childPointer(pointer, 'runtimeConfiguration', 'staticResult', 'name'), `Action '${name}' enables the static result '${entry}', but the definition's "staticResults" has no entry of that name, so the action will fail when it runs. Add {"staticResults": {"${entry}": {"status": "Succeeded", "outputs": {...}}}} to the definition.`);
      }
    }
    if (sameTypeName(action.type, 'Terminate') && isRecord(action.inputs)) {
      const status = action.inputs.runStatus;
      if (typeof status === 'string' && !isExpressionString(status) && !['succeeded', 'failed', 'cancelled'].includes(status.toLowerCase())) {
        ctx.error('InvalidTerminateStatus', childPointer(pointer, 'inputs', 'runStatus'), `Terminate '${name}' has runStatus '${status}'; use Succeeded, Failed or Cancelled.`);
      }
    }
  }
}
