import type { ActionHandler } from '../run-types.ts';
import { compose } from './compose.ts';
import { ifAction } from './if.ts';
import { scope } from './scope.ts';
import { switchAction } from './switch.ts';
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
  ['if', ifAction],
  ['scope', scope],
  ['switch', switchAction],
]);

/** The handler for an action type, or undefined when Triggerbench does not run it yet. */
export function actionHandlerFor(type: string): ActionHandler | undefined {
  return HANDLERS.get(type.toLowerCase());
}

/** Action types the engine runs (for workflow validation warnings). */
export const SUPPORTED_ACTION_TYPES: readonly string[] = ['Response', 'Compose', 'Wait', 'If', 'Scope', 'Switch'];
