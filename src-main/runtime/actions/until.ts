import { parseOperationOptions } from '../../../src-shared/workflow/operation-options.ts';
import type { ActionStatus } from '../../../src-shared/runs.ts';
import { evaluateCondition } from '../condition.ts';
import { durationMs } from '../duration.ts';
import type { ActionHandler } from '../run-types.ts';
import { loopOutcome } from './loop-status.ts';

/** Until limits Logic Apps applies: 60 iterations and one hour by default, 5,000 at most. */
export const UNTIL_LIMITS = { defaultCount: 60, maxCount: 5000, defaultTimeout: 'PT1H' } as const;

/**
 * Until: runs its actions, then checks `expression`; repeats until it is true, `limit.count`
 * iterations ran or `limit.timeout` passed (the loop then ends and the action succeeds, as in
 * Azure, unless `operationOptions` has FailWhenLimitsReached). An iteration that fails
 * ends the loop and fails it. `iterationIndexes('Loop')` gives the current iteration.
 */
export const until: ActionHandler = async ({ name, action, evaluate, runNested, signal, env }) => {
  const count = action.limit?.count ?? UNTIL_LIMITS.defaultCount;
  const timeoutText = action.limit?.timeout ?? UNTIL_LIMITS.defaultTimeout;
  const timeoutMs = durationMs(evaluate(timeoutText));
  const limitCount = Number(evaluate(count));
  if (!Number.isInteger(limitCount) || limitCount < 1 || limitCount > UNTIL_LIMITS.maxCount) {
    return { status: 'Failed', error: { code: 'InvalidUntilLimit', message: `Until '${name}' has limit.count ${JSON.stringify(count)}; use a whole number from 1 to ${UNTIL_LIMITS.maxCount}.` } };
  }
  if (timeoutMs === undefined) {
    return { status: 'Failed', error: { code: 'InvalidUntilLimit', message: `Until '${name}' has limit.timeout ${JSON.stringify(timeoutText)}, which is not an ISO 8601 duration such as "PT1H".` } };
  }
  const clock = (): number => (env.now ? env.now().getTime() : Date.now());
  const started = clock();
  const statuses: ActionStatus[] = [];
  let index = 0;
  let conditionMet = false;
  while (index < limitCount) {
    if (signal.aborted) break;
    const status = await runNested(action.actions, { index });
    statuses.push(status);
    index++;
    if (status === 'Failed' || status === 'TimedOut' || status === 'Cancelled') break;
    if (evaluateCondition(action.expression, evaluate)) {
      conditionMet = true;
      break;
    }
    if (clock() - started >= timeoutMs) break;
  }
  const outcome = loopOutcome(statuses, { inputs: { expression: action.expression, limit: { count: limitCount, timeout: timeoutText } }, iterationCount: index });
  // With FailWhenLimitsReached, ending on a limit rather than on the condition fails the loop.
  if (outcome.status === 'Succeeded' && !conditionMet && !signal.aborted && parseOperationOptions(action.operationOptions).has('FailWhenLimitsReached')) {
    return { ...outcome, status: 'Failed', error: { code: 'UntilLimitsReached', message: `Until '${name}' reached its limits (${index} iterations, limit.count ${limitCount}, limit.timeout ${String(timeoutText)}) before its condition was true, and it has the FailWhenLimitsReached option.` } };
  }
  return outcome;
};
