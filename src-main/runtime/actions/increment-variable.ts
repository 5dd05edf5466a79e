import type { ActionHandler } from '../run-types.ts';
import { variableInputs } from './variable-inputs.ts';

/** IncrementVariable: adds `value` (default 1) to an Integer or Float variable. */
export const incrementVariable: ActionHandler = async ({ action, evaluate, variables }) => {
  const inputs = variableInputs(evaluate(action.inputs));
  const variable = variables.increment(inputs.name, inputs.value, 'increment');
  return { status: 'Succeeded', inputs, outputs: { body: { name: variable.name, value: variable.value } } };
};
