import { buildResponseMessage, type ResponseInputs } from '../response-message.ts';
import type { ActionHandler } from '../run-types.ts';

/**
 * Response: sends the HTTP response to the caller. Only the first Response of a run
 * is sent; a later one fails, and so does the run (docs/logic-apps-behaviour.md §5).
 */
export const response: ActionHandler = async ({ action, evaluate, env }) => {
  const inputs = evaluate(action.inputs ?? {}) as ResponseInputs;
  const built = buildResponseMessage(inputs ?? {});
  if ('error' in built) return { status: 'Failed', inputs, error: built.error };
  const { message, dropped } = built;
  const outputs: Record<string, unknown> = { statusCode: message.status, headers: message.headers, body: inputs?.body ?? null };
  if (dropped.length) outputs.droppedHeaders = dropped;
  if (env.respond(message) === 'already-sent') {
    return {
      status: 'Failed',
      inputs,
      error: { code: 'ActionResponseAlreadySent', message: 'The response for this request was already sent (by an earlier Response action, or as 202/504 to the caller), so this Response action cannot send another.' },
    };
  }
  return { status: 'Succeeded', inputs, outputs };
};
