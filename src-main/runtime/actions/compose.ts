import type { ActionHandler } from '../run-types.ts';

/** Compose: its outputs are its evaluated inputs. */
export const compose: ActionHandler = async ({ action, evaluate }) => {
  const value = evaluate(action.inputs);
  return { status: 'Succeeded', inputs: value, outputs: value };
};
