import type { ActionHandler } from '../run-types.ts';
import { fromArray } from './array-input.ts';

/** Select: maps each item of `from` through `select` (an object of expressions, or one expression) with item() bound. */
export const select: ActionHandler = async ({ name, action, evaluate, evaluateWithItem }) => {
  const raw = (action.inputs ?? {}) as { from?: unknown; select?: unknown };
  const from = evaluate(raw.from);
  const items = fromArray(name, 'Select', from);
  const inputs = { from, select: raw.select };
  if (!Array.isArray(items)) return { status: 'Failed', inputs, error: items };
  const body = items.map((item) => evaluateWithItem(raw.select, item));
  return { status: 'Succeeded', inputs, outputs: { body } };
};
