import type { ActionHandler } from '../run-types.ts';
import { fromArray } from './array-input.ts';

/** Query (Filter array): keeps the items of `from` for which `where` (evaluated with item()) is true. */
export const query: ActionHandler = async ({ name, action, evaluate, evaluateWithItem }) => {
  const raw = (action.inputs ?? {}) as { from?: unknown; where?: unknown };
  const from = evaluate(raw.from);
  const items = fromArray(name, 'Query', from);
  const inputs = { from, where: raw.where };
  if (!Array.isArray(items)) return { status: 'Failed', inputs, error: items };
  const body: unknown[] = [];
  for (const item of items) {
    const keep = evaluateWithItem(raw.where, item);
    if (typeof keep !== 'boolean') {
      return { status: 'Failed', inputs, error: { code: 'InvalidTemplate', message: `The 'where' of Query '${name}' must give true or false for each item; it gave ${JSON.stringify(keep)}.` } };
    }
    if (keep) body.push(item);
  }
  return { status: 'Succeeded', inputs, outputs: { body } };
};
