import { evaluateCondition } from '../condition.ts';
import type { ActionHandler } from '../run-types.ts';

/** If (the designer's Condition): runs `actions` when the expression is true, else `else.actions`. */
export const ifAction: ActionHandler = async ({ action, evaluate, runNested, skipNested }) => {
  let result: boolean;
  try {
    result = evaluateCondition(action.expression, evaluate);
  } catch (error) {
    return { status: 'Failed', error: { code: 'InvalidTemplate', message: (error as Error).message } };
  }
  skipNested(result ? action.else?.actions : action.actions);
  const status = await runNested(result ? action.actions : action.else?.actions);
  const outcome = { inputs: { expression: result }, outputs: { expression: result } };
  if (status === 'Failed') return { ...outcome, status, error: { code: 'ActionFailed', message: 'An action failed. No dependent actions succeeded.' } };
  return { ...outcome, status };
};
