import type { ActionHandler } from '../run-types.ts';
import { variableInputs } from './variable-inputs.ts';

/** AppendToStringVariable: adds `value` (as text) to the end of a String variable. */
export const appendToStringVariable: ActionHandler = async ({ action, evaluate, variables }) => {
  const inputs = variableInputs(evaluate(action.inputs));
  const variable = variables.appendToString(inputs.name, inputs.value);
  return { status: 'Succeeded', inputs, outputs: { body: { name: variable.name, value: variable.value } } };
};
