import { STATUS_CODES } from 'node:http';
import type { ErrorInfo, RetryAttempt } from '../../../src-shared/runs.ts';
import { isoTime } from '../iso-time.ts';
import { isJsonMediaType, mediaType } from '../request-body.ts';
import type { ActionOutcome } from '../run-types.ts';
import { isRetryableStatus, type RetryPolicy } from './retry-policy.ts';
import { OutboundError, sendHttp, type OutboundRequest, type OutboundResponse } from './send-http.ts';

/** What one Http or Workflow action asks for, already built from its inputs. */
export interface HttpCallPlan {
  request: Omit<OutboundRequest, 'signal'>;
  retry: RetryPolicy;
  /** Follow a 202 + Location by polling it (Azure's asynchronous pattern) unless DisableAsyncPattern. */
  asyncPattern: boolean;
  /** The inputs shown in the run view (secrets already sanitised). */
  inputs: unknown;
  signal: AbortSignal;
}

/** Failures a retry cannot fix. */
const NOT_RETRIED = new Set(['Cancelled', 'InvalidUri', 'ResponseTooLarge', 'InvalidClientCertificate']);

/** Longest wait between polls of an asynchronous operation, whatever Retry-After says. */
const MAX_POLL_WAIT_MS = 60_000;
/** Wait between polls when the service sends no Retry-After. */
const DEFAULT_POLL_WAIT_MS = 5_000;

/** Waits, unless the signal ends the wait first (then false). */
export function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** A response body as the run view and expressions see it: JSON parsed, text as text, other bytes as `$content`. */
export function responseBody(response: OutboundResponse): unknown {
  if (response.body.length === 0) return undefined;
  const contentType = Object.entries(response.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  const type = mediaType(contentType);
  if (isJsonMediaType(type)) {
    const text = response.body.toString('utf8');
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  if (type.startsWith('text/') || type === 'application/xml' || type === '') return response.body.toString('utf8');
  return { '$content-type': contentType, $content: response.body.toString('base64') };
}

function header(response: OutboundResponse, name: string): string | undefined {
  return Object.entries(response.headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

function retryAfterMs(response: OutboundResponse | undefined): number | undefined {
  const value = response && header(response, 'retry-after');
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** `Not Found` → `NotFound`: the error code Azure gives a failed HTTP call. */
function statusCode(status: number): string {
  return (STATUS_CODES[status] ?? `Status${status}`).replace(/[^A-Za-z0-9]/g, '');
}

/**
 * Sends the request under its retry policy (retrying 408, 429, 5xx and calls that got no
 * response, waiting the policy's interval or the service's Retry-After), then follows the
 * asynchronous pattern. Status 400 and above fails the action with the status as the code.
 */
export async function performHttpCall(plan: HttpCallPlan): Promise<ActionOutcome> {
  const history: RetryAttempt[] = [];
  let response: OutboundResponse | undefined;
  let failure: OutboundError | undefined;
  for (let attempt = 0; ; attempt++) {
    const started = Date.now();
    response = undefined;
    failure = undefined;
    try {
      response = await sendHttp({ ...plan.request, signal: plan.signal });
    } catch (error) {
      if (!(error instanceof OutboundError)) throw error;
      failure = error;
    }
    const retryable = failure ? !NOT_RETRIED.has(failure.code) : isRetryableStatus(response!.status);
    if (!retryable || attempt >= plan.retry.count || plan.signal.aborted) break;
    const tried: RetryAttempt = { startTime: isoTime(started), endTime: isoTime(Date.now()), code: failure ? failure.code : String(response!.status) };
    if (failure) tried.error = { code: failure.code, message: failure.message };
    history.push(tried);
    const wait = retryAfterMs(response) ?? plan.retry.delayMs(attempt + 1);
    if (!(await pause(wait, plan.signal))) break;
  }
  // Asynchronous pattern: 202 with a Location means "poll here until it is done"; each
  // 202 may move the Location, and the last one given is polled.
  let location = !failure && response && plan.asyncPattern && response.status === 202 ? header(response, 'location') : undefined;
  let pollUrl = location ? new URL(location, plan.request.url) : undefined;
  while (pollUrl && !failure && response?.status === 202 && !plan.signal.aborted) {
    if (!(await pause(Math.min(MAX_POLL_WAIT_MS, retryAfterMs(response) ?? DEFAULT_POLL_WAIT_MS), plan.signal))) break;
    try {
      response = await sendHttp({ method: 'GET', url: pollUrl, headers: {}, trustedCaPem: plan.request.trustedCaPem, pfx: plan.request.pfx, signal: plan.signal });
    } catch (error) {
      if (!(error instanceof OutboundError)) throw error;
      failure = error;
    }
    location = response && header(response, 'location');
    if (location) pollUrl = new URL(location, pollUrl);
  }
  const extra = history.length ? { retryHistory: history } : {};
  if (plan.signal.aborted) return { status: 'Cancelled', inputs: plan.inputs, error: { code: 'Cancelled', message: 'The call was cancelled (the run stopped, was terminated or the action timed out).' }, ...extra };
  if (failure || !response) {
    const error: ErrorInfo = failure ? { code: failure.code, message: failure.message } : { code: 'Cancelled', message: 'The call was cancelled.' };
    return { status: failure?.code === 'Cancelled' || plan.signal.aborted ? 'Cancelled' : 'Failed', inputs: plan.inputs, error, ...extra };
  }
  const outputs: Record<string, unknown> = { statusCode: response.status, headers: response.headers };
  const body = responseBody(response);
  if (body !== undefined) outputs.body = body;
  if (response.status >= 400) {
    return { status: 'Failed', inputs: plan.inputs, outputs, error: { code: statusCode(response.status), message: `The HTTP call to ${plan.request.url.host} answered ${response.status} (${STATUS_CODES[response.status] ?? 'error'}).` }, ...extra };
  }
  return { status: 'Succeeded', inputs: plan.inputs, outputs, ...extra };
}
