import { toText } from '../../../src-shared/expression/index.ts';
import type { ActionHandler } from '../run-types.ts';
import { fromArray } from './array-input.ts';

/** Join: the items of `from` as text, separated by `joinWith`. */
export const join: ActionHandler = async ({ name, action, evaluate }) => {
  const inputs = (evaluate(action.inputs) ?? {}) as { from?: unknown; joinWith?: unknown };
  const items = fromArray(name, 'Join', inputs.from);
  if (!Array.isArray(items)) return { status: 'Failed', inputs, error: items };
  return { status: 'Succeeded', inputs, outputs: { body: items.map(toText).join(toText(inputs.joinWith)) } };
};
