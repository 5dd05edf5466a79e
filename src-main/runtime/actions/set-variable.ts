import type { ActionHandler } from '../run-types.ts';
import { variableInputs } from './variable-inputs.ts';

/** SetVariable: replaces a variable's value, keeping its declared type. */
export const setVariable: ActionHandler = async ({ action, evaluate, variables }) => {
  const inputs = variableInputs(evaluate(action.inputs));
  const variable = variables.set(inputs.name, inputs.value);
  return { status: 'Succeeded', inputs, outputs: { body: { name: variable.name, value: variable.value } } };
};
