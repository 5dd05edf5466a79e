import { durationMs } from '../duration.ts';

/** A retry policy as the engine applies it: how many retries, and the wait before retry n (1-based). */
export interface RetryPolicy {
  count: number;
  delayMs(retry: number): number;
}

/**
 * Azure's default policy: exponential, 4 retries, waits growing from about 7.5 s
 * (docs/runtime.md, "Retry policies").
 */
const DEFAULT_POLICY: RetryPolicy = { count: 4, delayMs: (retry) => Math.min(3_600_000, 7_500 * 2 ** (retry - 1)) };

/** The policy limits Logic Apps enforces: at most 90 retries. */
const MAX_RETRIES = 90;

/**
 * Reads `inputs.retryPolicy`: absent or `default` (exponential, 4 retries), `none`,
 * `fixed` (`count`, `interval`), `exponential` (`count`, `interval`, `minimumInterval`,
 * `maximumInterval`; a random wait between the bounds that doubles each retry).
 * Returns a message saying what to fix when the policy is invalid.
 */
export function readRetryPolicy(policy: unknown, random: () => number = Math.random): RetryPolicy | { invalid: string } {
  if (policy === undefined || policy === null) return DEFAULT_POLICY;
  if (typeof policy !== 'object' || Array.isArray(policy)) return { invalid: `retryPolicy must be an object such as {"type": "fixed", "count": 3, "interval": "PT10S"}.` };
  const { type, count, interval, minimumInterval, maximumInterval } = policy as Record<string, unknown>;
  const kind = String(type ?? '').toLowerCase();
  if (kind === 'default') return DEFAULT_POLICY;
  if (kind === 'none') return { count: 0, delayMs: () => 0 };
  if (kind !== 'fixed' && kind !== 'exponential') return { invalid: `retryPolicy type ${JSON.stringify(type)} is not one of default, none, fixed, exponential.` };
  const retries = Number(count ?? 4);
  if (!Number.isInteger(retries) || retries < 1 || retries > MAX_RETRIES) return { invalid: `retryPolicy count ${JSON.stringify(count)} must be a whole number from 1 to ${MAX_RETRIES}.` };
  const intervalMs = durationMs(interval);
  if (intervalMs === undefined) return { invalid: `retryPolicy interval ${JSON.stringify(interval)} must be an ISO 8601 duration such as "PT10S".` };
  if (kind === 'fixed') return { count: retries, delayMs: () => intervalMs };
  const min = minimumInterval === undefined ? 5_000 : durationMs(minimumInterval);
  const max = maximumInterval === undefined ? 3_600_000 : durationMs(maximumInterval);
  if (min === undefined || max === undefined || min > max) return { invalid: `retryPolicy minimumInterval and maximumInterval must be ISO 8601 durations with minimum ≤ maximum.` };
  // Azure: a random interval in [interval*0.8, interval*1.2] scaled by 2^(n-1), kept within the bounds.
  return { count: retries, delayMs: (retry) => Math.round(Math.min(max, Math.max(min, intervalMs * 2 ** (retry - 1) * (0.8 + 0.4 * random())))) };
}

/** Status codes a retry policy retries: 408, 429 and 5xx (and no response at all). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
