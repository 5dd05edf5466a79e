import { runInNewContext } from 'node:vm';
import type { ActionHandler } from '../run-types.ts';

/** How long inline code may run, as Logic Apps allows it (docs/runtime.md, "Inline code"). */
export const INLINE_CODE_TIMEOUT_MS = 5_000;

/** A plain copy of a value for the code (and back): JSON only, so nothing else leaks between the two. */
const plain = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/**
 * JavaScriptCode (Inline Code): runs `inputs.code` as the body of a function in a fresh
 * `node:vm` context with `workflowContext` (`trigger`, `workflow`, and `actions.<name>`
 * for any action that has run) and gives what it returns as `outputs.body`. The code is the
 * workspace's own, as in Logic Apps; vm keeps it away from Triggerbench's globals and
 * bounds its run time, but it is not a security boundary.
 */
export const javascriptCode: ActionHandler = async ({ name, action, evaluate, lookupAction, env }) => {
  const raw = (action.inputs ?? {}) as { code?: unknown; explicitDependencies?: unknown };
  const code = raw.code;
  const inputs = { code, explicitDependencies: raw.explicitDependencies };
  if (typeof code !== 'string' || code.trim() === '') {
    return { status: 'Failed', inputs, error: { code: 'InvalidInlineCode', message: `Inline code '${name}' needs inputs.code: the JavaScript to run, ending with a return statement.` } };
  }
  const actions = new Proxy({} as Record<string, unknown>, {
    get: (_target, key) => (typeof key === 'string' ? plain(lookupAction(key)) : undefined),
    has: (_target, key) => typeof key === 'string' && lookupAction(key) !== undefined,
  });
  const workflowContext = { trigger: plain(env.trigger), workflow: plain(evaluate('@workflow()')), actions };
  let result: unknown;
  try {
    result = runInNewContext(`(function (workflowContext) {\n${code}\n})(workflowContext)`, { workflowContext }, { timeout: INLINE_CODE_TIMEOUT_MS, filename: `${name}.js` });
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`the promise it returned did not settle within ${INLINE_CODE_TIMEOUT_MS / 1000} seconds`)), INLINE_CODE_TIMEOUT_MS);
      });
      try {
        result = await Promise.race([result as Promise<unknown>, late]);
      } finally {
        clearTimeout(timer);
      }
    }
  } catch (error) {
    const message = error instanceof Error || (error && typeof (error as Error).message === 'string') ? (error as Error).message : String(error);
    return { status: 'Failed', inputs, error: { code: 'InlineCodeScriptFailed', message: `The inline code of '${name}' failed: ${message}` } };
  }
  let body: unknown;
  try {
    body = plain(result);
  } catch (error) {
    return { status: 'Failed', inputs, error: { code: 'InlineCodeScriptFailed', message: `The inline code of '${name}' returned a value that is not JSON: ${(error as Error).message}` } };
  }
  return { status: 'Succeeded', inputs, outputs: body === undefined ? {} : { body } };
};
