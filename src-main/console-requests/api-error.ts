import { CodedError } from '../../src-shared/coded-error.ts';
import type { ApiErrorPayload } from '../../src-shared/contract.ts';

/** An error meant for the console: a stable code and a plain-words message (no stack crosses the boundary). */
export class ApiError extends CodedError {}

/**
 * Turns anything a handler threw into the `{ code, message }` the renderer receives.
 * Errors from the core carry a `code` (WorkspaceError, HistoryError, ...) and keep it;
 * anything else becomes `InternalError` with its message only: stack traces stay on the
 * main side (docs/hosts.md: errors cross the boundary as { code, message }).
 */
export function toApiErrorPayload(error: unknown): ApiErrorPayload {
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' && message ? message : 'The call failed without a message.';
    if (typeof code === 'string' && /^[A-Za-z][A-Za-z0-9_]*$/.test(code)) return { code, message: text };
    return { code: 'InternalError', message: text };
  }
  return { code: 'InternalError', message: typeof error === 'string' && error ? error : 'The call failed without a message.' };
}
