import type { ActionHandler } from '../run-types.ts';
import { variableInputs } from './variable-inputs.ts';

/** AppendToArrayVariable: adds `value` as the last element of an Array variable. */
export const appendToArrayVariable: ActionHandler = async ({ action, evaluate, variables }) => {
  const inputs = variableInputs(evaluate(action.inputs));
  const variable = variables.appendToArray(inputs.name, inputs.value);
  return { status: 'Succeeded', inputs, outputs: { body: { name: variable.name, value: variable.value } } };
};
