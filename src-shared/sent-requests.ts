/**
 * The console's history of sent requests (Postman's History): each entry is the request
 * as sent, in the saved-request shape so restoring it into a tab is the same as opening
 * a saved request, plus what came back. Kept in the data folder, not the workspace.
 */
import type { SavedRequest } from './collections.ts';

/** How many sent requests the history keeps (oldest dropped first). */
export const SENT_HISTORY_LIMIT = 300;
/** Body text longer than this is cut in the history (the request itself was sent whole). */
export const SENT_BODY_LIMIT = 256 * 1024;

/** One sent request and its outcome. */
export interface SentRequest {
  id: string;
  /** ISO 8601 time the request was sent. */
  sentAt: string;
  request: SavedRequest;
  /** The response status, or the failure code (network error, cancelled, timed out). */
  status?: number;
  error?: string;
  totalMs?: number;
  /** True when the body text was cut at SENT_BODY_LIMIT. */
  bodyTruncated?: boolean;
}

/** True when `entry` matches a history search: every word appears in the method, URL, a header or the body. */
export function sentRequestMatches(entry: SentRequest, text: string): boolean {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const { request } = entry;
  const body = request.body.mode === 'json' || request.body.mode === 'text' ? request.body.text : request.body.mode === 'form' ? request.body.fields.map((f) => `${f.name}=${f.value}`).join('&') : '';
  const haystack = [request.method, request.url, request.name, String(entry.status ?? entry.error ?? ''), ...request.headers.map((h) => `${h.name}: ${h.value}`), body].join('\n').toLowerCase();
  return words.every((word) => haystack.includes(word));
}
