import type { ActionHandler } from '../run-types.ts';
import { appendToArrayVariable } from './append-to-array-variable.ts';
import { appendToStringVariable } from './append-to-string-variable.ts';
import { compose } from './compose.ts';
import { decrementVariable } from './decrement-variable.ts';
import { foreach } from './foreach.ts';
import { http } from './http.ts';
import { ifAction } from './if.ts';
import { incrementVariable } from './increment-variable.ts';
import { initializeVariable } from './initialize-variable.ts';
import { javascriptCode } from './javascript-code.ts';
import { join } from './join.ts';
import { parseJson } from './parse-json.ts';
import { query } from './query.ts';
import { response } from './response.ts';
import { scope } from './scope.ts';
import { select } from './select.ts';
import { setVariable } from './set-variable.ts';
import { switchAction } from './switch.ts';
import { table } from './table.ts';
import { terminate } from './terminate.ts';
import { until } from './until.ts';
import { wait } from './wait.ts';
import { workflowAction } from './workflow.ts';

/** Action types the engine runs, by their canonical name. A new action type is one file plus one line here. */
const BY_NAME: Record<string, ActionHandler> = {
  Response: response,
  Compose: compose,
  Wait: wait,
  If: ifAction,
  Scope: scope,
  Switch: switchAction,
  Foreach: foreach,
  Until: until,
  InitializeVariable: initializeVariable,
  SetVariable: setVariable,
  IncrementVariable: incrementVariable,
  DecrementVariable: decrementVariable,
  AppendToArrayVariable: appendToArrayVariable,
  AppendToStringVariable: appendToStringVariable,
  ParseJson: parseJson,
  Query: query,
  Select: select,
  Join: join,
  Table: table,
  Terminate: terminate,
  Http: http,
  Workflow: workflowAction,
  JavaScriptCode: javascriptCode,
};

// Files spell types `Response` and `response`: look them up lower-cased.
const HANDLERS = new Map<string, ActionHandler>(Object.entries(BY_NAME).map(([type, handler]) => [type.toLowerCase(), handler]));

/** The handler for an action type, or undefined when Triggerbench does not run it. */
export function actionHandlerFor(type: string): ActionHandler | undefined {
  return HANDLERS.get(type.toLowerCase());
}

/** Action types the engine runs (for workflow validation warnings). */
export const SUPPORTED_ACTION_TYPES: readonly string[] = Object.keys(BY_NAME);
