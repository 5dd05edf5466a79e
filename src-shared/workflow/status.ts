import type { RunAfterStatus } from './types.ts';

/** The runAfter statuses Logic Apps accepts, in canonical case. */
export const RUN_AFTER_STATUSES: readonly RunAfterStatus[] = ['Succeeded', 'Failed', 'Skipped', 'TimedOut'];

const BY_LOWER = new Map<string, RunAfterStatus>(RUN_AFTER_STATUSES.map((s) => [s.toLowerCase(), s]));

/**
 * Canonical case of a runAfter status, or undefined when it is not one. The newer
 * designer writes `SUCCEEDED`/`TIMEDOUT`; older files `Succeeded`: both are accepted
 * (docs/logic-apps-behaviour.md §1).
 */
export function normalizeStatus(status: string): RunAfterStatus | undefined {
  return BY_LOWER.get(status.toLowerCase());
}
