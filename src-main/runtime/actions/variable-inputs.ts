/** The `{ name, value }` inputs of the variable actions, evaluated. */
export interface VariableInputs {
  name?: unknown;
  value?: unknown;
}

/** Reads `{ name, value }` from evaluated inputs (anything else gives no name, which the store reports). */
export function variableInputs(inputs: unknown): VariableInputs {
  return inputs && typeof inputs === 'object' && !Array.isArray(inputs) ? (inputs as VariableInputs) : {};
}
