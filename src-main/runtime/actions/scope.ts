import type { ActionHandler } from '../run-types.ts';

/** Scope: runs its actions; fails when one of them fails unhandled (try/catch patterns read it with result()). */
export const scope: ActionHandler = async ({ action, runNested }) => {
  const status = await runNested(action.actions);
  if (status === 'Failed') return { status, error: { code: 'ActionFailed', message: 'An action failed. No dependent actions succeeded.' } };
  return { status };
};
