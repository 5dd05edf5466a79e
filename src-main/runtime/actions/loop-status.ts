import type { ActionStatus } from '../../../src-shared/runs.ts';
import type { ActionOutcome } from '../run-types.ts';

/** A loop's status from its iterations': Failed when one failed unhandled, Cancelled when one was cancelled. */
export function loopOutcome(statuses: readonly ActionStatus[], base: Omit<ActionOutcome, 'status'>): ActionOutcome {
  if (statuses.some((s) => s === 'Failed' || s === 'TimedOut')) {
    return { ...base, status: 'Failed', error: { code: 'ActionFailed', message: 'An action failed. No dependent actions succeeded.' } };
  }
  if (statuses.some((s) => s === 'Cancelled')) return { ...base, status: 'Cancelled', error: { code: 'Cancelled', message: 'The loop was cancelled before all its iterations ended.' } };
  return { ...base, status: 'Succeeded' };
}
