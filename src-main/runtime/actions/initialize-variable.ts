import type { ActionHandler } from '../run-types.ts';
import { VariableError } from '../variables.ts';

/** InitializeVariable: creates each variable of `inputs.variables` ({ name, type, value }) once per run. */
export const initializeVariable: ActionHandler = async ({ name, action, evaluate, variables }) => {
  const inputs = evaluate(action.inputs) as { variables?: unknown } | undefined;
  const list = inputs?.variables;
  if (!Array.isArray(list) || list.length === 0) {
    return { status: 'Failed', inputs, error: { code: 'InvalidVariableInitialization', message: `Initialize variable '${name}' needs inputs.variables: [{"name": "...", "type": "String", "value": ...}].` } };
  }
  try {
    for (const entry of list as { name?: unknown; type?: unknown; value?: unknown }[]) variables.initialize(entry?.name, entry?.type, entry?.value);
  } catch (error) {
    if (error instanceof VariableError) return { status: 'Failed', inputs, error: error.toErrorInfo() };
    throw error;
  }
  return { status: 'Succeeded', inputs };
};
