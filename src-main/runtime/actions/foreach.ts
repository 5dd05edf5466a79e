import { parseOperationOptions } from '../../../src-shared/workflow/operation-options.ts';
import { typeName } from '../../../src-shared/expression/values.ts';
import type { ActionStatus } from '../../../src-shared/runs.ts';
import type { ActionHandler } from '../run-types.ts';
import { loopOutcome } from './loop-status.ts';

/** Foreach limits Logic Apps applies (docs/runtime.md, "Loops"). */
export const FOREACH_LIMITS = { defaultConcurrency: 20, maxConcurrency: 50, maxItems: 100_000 } as const;

/**
 * Foreach: runs its actions once per item of the `foreach` array, 20 iterations at a time
 * unless `runtimeConfiguration.concurrency.repetitions` (1-50) says otherwise, one at a
 * time with `operationOptions: Sequential`. Each iteration has its own action states;
 * `item()` and `items('Loop')` give its item.
 */
export const foreach: ActionHandler = async ({ name, action, evaluate, runNested, signal }) => {
  const items = evaluate(action.foreach);
  if (!Array.isArray(items)) {
    return {
      status: 'Failed',
      inputs: items,
      error: { code: 'InvalidTemplate', message: `The execution of template action '${name}' failed: the result of the evaluation of 'foreach' expression '${String(action.foreach)}' is of type '${typeName(items)}'. The result must be a valid array.` },
    };
  }
  if (items.length > FOREACH_LIMITS.maxItems) {
    return { status: 'Failed', inputs: { count: items.length }, error: { code: 'ForeachItemsLimitExceeded', message: `Foreach '${name}' got ${items.length} items; Logic Apps runs at most ${FOREACH_LIMITS.maxItems} per loop. Split the array or page through it.` } };
  }
  const sequential = parseOperationOptions(action.operationOptions).has('Sequential');
  const asked = Number(action.runtimeConfiguration?.concurrency?.repetitions ?? FOREACH_LIMITS.defaultConcurrency);
  const width = sequential ? 1 : Math.min(FOREACH_LIMITS.maxConcurrency, Math.max(1, Number.isInteger(asked) ? asked : FOREACH_LIMITS.defaultConcurrency));
  const statuses: ActionStatus[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !signal.aborted) {
      const index = next++;
      statuses[index] = await runNested(action.actions, { index, item: { value: items[index] } });
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return loopOutcome(statuses, { inputs: items, iterationCount: next });
};
