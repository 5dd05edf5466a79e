import type { ActionHandler } from '../run-types.ts';

/** Switch: runs the first case whose `case` equals the expression's value (strings and numbers), else `default`. */
export const switchAction: ActionHandler = async ({ name, action, evaluate, runNested, skipNested }) => {
  const value = evaluate(action.expression);
  if (value !== null && typeof value === 'object') {
    return { status: 'Failed', error: { code: 'InvalidTemplate', message: `The Switch '${name}' expression must give a string or a number; got ${JSON.stringify(value)}.` } };
  }
  const match = Object.entries(action.cases ?? {}).find(([, branch]) => String(evaluate(branch.case)) === String(value));
  for (const [caseName, branch] of Object.entries(action.cases ?? {})) if (caseName !== match?.[0]) skipNested(branch.actions);
  if (match) skipNested(action.default?.actions);
  const status = await runNested(match ? match[1].actions : action.default?.actions);
  const outcome = { inputs: { expression: value }, outputs: { expression: value, case: match?.[0] ?? 'default' } };
  if (status === 'Failed') return { ...outcome, status, error: { code: 'ActionFailed', message: 'An action failed. No dependent actions succeeded.' } };
  return { ...outcome, status };
};
