import { CodedError } from '../../src-shared/coded-error.ts';

/**
 * How the auth layer says "no": an HTTP status and an Azure-style error code and message,
 * which the listener writes as `{ "error": { "code", "message" } }` (docs/logic-apps-behaviour.md §3).
 * Messages never contain a token or a signature: only which rule failed and how to fix it.
 */
export interface AuthFailure {
  ok: false;
  status: number;
  code: string;
  message: string;
}

/** Builds an {@link AuthFailure}. */
export function authFailure(status: number, code: string, message: string): AuthFailure {
  return { ok: false, status, code, message };
}

/** An error a user can meet while setting up auth (a damaged key file, a bad JWKS, a bad `--ttl`): a code and plain words. */
export class AuthSetupError extends CodedError {}
