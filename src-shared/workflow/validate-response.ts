import type { ListedAction } from './action-tree.ts';
import { childPointer } from './json-pointer.ts';
import { isDroppedResponseHeader } from './response-headers.ts';
import { describeJsonType, isExpressionString, isRecord, type ValidationContext } from './validation-context.ts';

/** The exact wording for a 3xx Response status (docs/logic-apps-behaviour.md §5). */
export const RESPONSE_3XX_MESSAGE = 'Logic Apps does not allow 3xx status codes in a Response action';

/**
 * Checks one Response action (docs/logic-apps-behaviour.md §5): not inside Foreach/Until, a status
 * code of 2xx, 4xx or 5xx when it is a literal, and a warning for headers Logic Apps
 * drops without telling anyone.
 */
export function validateResponse(ctx: ValidationContext, listed: ListedAction, hasRequestTrigger: boolean, triggerSplitOn: boolean): void {
  const { name, action, pointer } = listed;
  if (listed.insideLoop) {
    const loop = listed.ancestors.at(-1) ?? 'a loop';
    ctx.error('ResponseInsideLoop', pointer, `Response action '${name}' is inside a Foreach or Until loop (in '${loop}'). Logic Apps does not allow a Response inside a loop; move it after the loop.`);
  }
  if (triggerSplitOn) {
    // Azure refuses to save this: each split item starts its own run, and none owns the call.
    ctx.error('ResponseWithSplitOn', pointer, `Response action '${name}' cannot be used with a trigger that has "splitOn": each item starts its own run, so no run can answer the caller. Remove "splitOn" or the Response action.`);
  }
  if (!hasRequestTrigger) {
    ctx.warning('ResponseWithoutRequestTrigger', pointer, `Response action '${name}' only works in a workflow started by a Request trigger; this workflow has none, so it never answers a caller.`);
  }
  const inputs = action.inputs;
  if (inputs === undefined) {
    ctx.warning('ResponseStatusCodeMissing', pointer, `Response action '${name}' has no inputs; Triggerbench answers 200 with no body. Add "inputs": {"statusCode": 200}.`);
    return;
  }
  if (!isRecord(inputs)) {
    ctx.error('InvalidResponseInputs', childPointer(pointer, 'inputs'), `Response action '${name}' has "inputs" set to ${describeJsonType(inputs)}; it must be an object with "statusCode" and optional "headers" and "body".`);
    return;
  }
  checkStatusCode(ctx, name, inputs.statusCode, childPointer(pointer, 'inputs', 'statusCode'), pointer);
  checkHeaders(ctx, name, inputs.headers, childPointer(pointer, 'inputs', 'headers'));
}

function checkStatusCode(ctx: ValidationContext, name: string, statusCode: unknown, at: string, actionPointer: string): void {
  if (statusCode === undefined) {
    ctx.warning('ResponseStatusCodeMissing', childPointer(actionPointer, 'inputs'), `Response action '${name}' has no statusCode; Triggerbench answers 200. Set "statusCode" explicitly.`);
    return;
  }
  let code: number;
  if (typeof statusCode === 'number') {
    code = statusCode;
  } else if (typeof statusCode === 'string') {
    if (isExpressionString(statusCode)) return; // evaluated when the action runs
    if (!/^\s*\d+\s*$/.test(statusCode)) {
      ctx.error('InvalidResponseStatusCode', at, `Response action '${name}' has statusCode ${JSON.stringify(statusCode)}; use a number such as 200, or an expression starting with '@'.`);
      return;
    }
    code = Number(statusCode);
  } else {
    ctx.error('InvalidResponseStatusCode', at, `Response action '${name}' has statusCode set to ${describeJsonType(statusCode)}; use a number such as 200, or an expression starting with '@'.`);
    return;
  }
  if (!Number.isInteger(code) || code < 100 || code > 599) {
    ctx.error('InvalidResponseStatusCode', at, `Response action '${name}' has statusCode ${code}, which is not an HTTP status code; use 2xx, 4xx or 5xx.`);
  } else if (code >= 300 && code < 400) {
    ctx.error('ResponseStatusCode3xx', at, `${RESPONSE_3XX_MESSAGE}: '${name}' uses ${code}. Use a 2xx, 4xx or 5xx code.`);
  } else if (code < 200) {
    ctx.error('InvalidResponseStatusCode', at, `Response action '${name}' has statusCode ${code}; a Response action may only send 2xx, 4xx or 5xx codes.`);
  }
}

function checkHeaders(ctx: ValidationContext, name: string, headers: unknown, at: string): void {
  if (headers === undefined) return;
  if (typeof headers === 'string' && isExpressionString(headers)) return;
  if (!isRecord(headers)) {
    ctx.error('InvalidResponseHeaders', at, `Response action '${name}' has "headers" set to ${describeJsonType(headers)}; it must be an object such as {"Content-Type": "application/json"} or an expression.`);
    return;
  }
  const dropped = Object.keys(headers).filter(isDroppedResponseHeader);
  if (dropped.length > 0) {
    const list = dropped.map((h) => `'${h}'`).join(', ');
    ctx.warning('DroppedResponseHeaders', at, `Response action '${name}' sets ${list}, which Logic Apps removes from the response without any error (Allow, Content-* except Content-Disposition/Encoding/Type, Cookie, Expires, Last-Modified, Set-Cookie, Transfer-Encoding). Triggerbench drops ${dropped.length === 1 ? 'it' : 'them'} too.`);
  }
}
