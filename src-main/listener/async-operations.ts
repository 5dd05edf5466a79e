import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ResponseMessage } from '../runtime/run-types.ts';

/**
 * The asynchronous response pattern (docs/logic-apps-behaviour.md §5): a Response action with
 * `operationOptions: "Asynchronous"` makes the trigger answer 202 at once with a
 * `Location` the caller polls: 202 while the run goes on, then the Response's message.
 * The status URL is a capability: its `sig` is a random 256-bit secret kept here, so
 * only the caller that got the Location can read the result.
 */

/** How long a finished operation's result stays readable. */
const KEEP_MS = 60 * 60 * 1000;
/** At most this many operations are kept; the oldest go first. */
const MAX_OPERATIONS = 10_000;
/** The poll interval suggested to callers (Retry-After, seconds). */
export const RETRY_AFTER_SECONDS = 1;

interface Operation {
  workflow: string;
  runId: string;
  secret: Buffer;
  result?: ResponseMessage;
  expires: number;
}

const operations = new Map<string, Operation>();

function prune(now: number): void {
  for (const [id, operation] of operations) {
    if (operations.size <= MAX_OPERATIONS && operation.expires > now) break;
    operations.delete(id);
  }
}

/** An operation started for a run: its status path and query, relative to the listener. */
export interface StartedOperation {
  id: string;
  location: string;
  /** Sets the final message once (later calls return false: a second Response fails). */
  complete(message: ResponseMessage): boolean;
  hasResult(): boolean;
}

/** Starts tracking a run's asynchronous response. */
export function startOperation(workflow: string, runId: string): StartedOperation {
  const now = Date.now();
  prune(now);
  const id = randomBytes(16).toString('hex');
  const secret = randomBytes(32);
  const operation: Operation = { workflow, runId, secret, expires: now + KEEP_MS };
  operations.set(id, operation);
  const sp = `/runs/${runId}/operations/${id}/read`;
  const query = new URLSearchParams({ 'api-version': '2022-05-01', sp, sv: '1.0', sig: secret.toString('base64url') });
  return {
    id,
    location: `/api/${encodeURIComponent(workflow)}/runs/${runId}/operations/${id}?${query.toString()}`,
    complete(message) {
      if (operation.result) return false;
      operation.result = message;
      operation.expires = Date.now() + KEEP_MS;
      return true;
    },
    hasResult: () => !!operation.result,
  };
}

const STATUS_ROUTE = /^\/api\/([^/]+)\/runs\/([^/]+)\/operations\/([0-9a-f]{32})$/i;

/** What a status poll gets: still running, the final message, or not found. */
export type PollResult = { state: 'running'; location: string } | { state: 'done'; message: ResponseMessage } | { state: 'not-found' };

/** Matches an operation status path; undefined when the path is not one. */
export function matchOperationRoute(pathname: string): { runId: string; id: string } | undefined {
  const match = STATUS_ROUTE.exec(pathname);
  return match ? { runId: match[2]!, id: match[3]!.toLowerCase() } : undefined;
}

/** Reads an operation; the `sig` must be the operation's secret (compared in constant time). */
export function pollOperation(route: { runId: string; id: string }, query: URLSearchParams, pathAndQuery: string): PollResult {
  const operation = operations.get(route.id);
  const sig = Buffer.from(query.get('sig') ?? '', 'base64url');
  if (!operation || operation.runId !== route.runId || operation.expires < Date.now() || sig.length !== operation.secret.length || !timingSafeEqual(sig, operation.secret)) {
    return { state: 'not-found' };
  }
  return operation.result ? { state: 'done', message: operation.result } : { state: 'running', location: pathAndQuery };
}
