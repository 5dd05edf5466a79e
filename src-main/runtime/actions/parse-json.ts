import { validateAgainstSchema } from '../schema-validation.ts';
import type { ActionHandler } from '../run-types.ts';

/**
 * ParseJson: parses `content` (JSON text, or a value already parsed) and checks it against
 * `schema`; a mismatch fails the action with `ValidationFailed`, as in Azure.
 */
export const parseJson: ActionHandler = async ({ name, action, evaluate }) => {
  const raw = (action.inputs ?? {}) as { content?: unknown; schema?: unknown };
  const content = evaluate(raw.content);
  const inputs = { content, schema: raw.schema };
  let body: unknown = content;
  if (typeof content === 'string') {
    try {
      body = JSON.parse(content);
    } catch (error) {
      return { status: 'Failed', inputs, error: { code: 'InvalidJSON', message: `ParseJson '${name}' could not parse its content as JSON: ${(error as Error).message}` } };
    }
  }
  // The schema object of the definition (not a per-run copy), so the compiled validator is reused.
  if (raw.schema && typeof raw.schema === 'object' && Object.keys(raw.schema).length > 0) {
    const problem = validateAgainstSchema(raw.schema, body);
    if (problem) return { status: 'Failed', inputs, outputs: { body }, error: { code: 'ValidationFailed', message: `The schema validation failed. ${problem}` } };
  }
  return { status: 'Succeeded', inputs, outputs: { body } };
};
