import { REDACTED } from '../runs.ts';

/**
 * Which recorded headers an exported or replayed call carries (docs/exchange.md).
 */

/**
 * Headers not replayed: the connection-level ones (RFC 9110 §7.6.1) and the ones the
 * client computes for the new connection (Host, Content-Length).
 */
export const NOT_REPLAYED_HEADERS: ReadonlySet<string> = new Set(['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'expect', 'proxy-connection', 'proxy-authorization', 'http2-settings']);

/** Response headers that change with every run or every edit of the workflow, whatever the workflow does. */
export const VOLATILE_RESPONSE_HEADERS: readonly string[] = [
  'date',
  'x-ms-request-id',
  'x-ms-correlation-id',
  'x-ms-tracking-id',
  'x-ms-client-tracking-id',
  'x-ms-workflow-run-id',
  'x-ms-trigger-history-name',
  'x-ms-workflow-version',
];

/** True for a value the recorder masked (a secret replaced by `***`). */
export function isMaskedValue(value: string): boolean {
  return value.includes(REDACTED);
}
