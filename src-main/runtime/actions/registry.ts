import type { ActionHandler } from '../run-types.ts';
import { compose } from './compose.ts';
import { response } from './response.ts';
import { wait } from './wait.ts';

/**
 * Action types the engine runs, by lower-cased type name (files spell them `Response`
 * and `response`). A new action type is one file plus one line here.
 */
const HANDLERS = new Map<string, ActionHandler>([
  ['response', response],
  ['compose', compose],
  ['wait', wait],
]);

/** The handler for an action type, or undefined when Triggerbench does not run it yet. */
export function actionHandlerFor(type: string): ActionHandler | undefined {
  return HANDLERS.get(type.toLowerCase());
}

/** Action types the engine runs (for workflow validation warnings). */
export const SUPPORTED_ACTION_TYPES: readonly string[] = ['Response', 'Compose', 'Wait'];
