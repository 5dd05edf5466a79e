import type { ActionHandler } from '../run-types.ts';
import { variableInputs } from './variable-inputs.ts';

/** DecrementVariable: subtracts `value` (default 1) from an Integer or Float variable. */
export const decrementVariable: ActionHandler = async ({ action, evaluate, variables }) => {
  const inputs = variableInputs(evaluate(action.inputs));
  const variable = variables.increment(inputs.name, inputs.value, 'decrement');
  return { status: 'Succeeded', inputs, outputs: { body: { name: variable.name, value: variable.value } } };
};
