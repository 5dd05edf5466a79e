/**
 * Headers a Response action may set that Logic Apps removes without a warning
 * (docs/logic-apps-behaviour.md §5): `Allow`, `Cookie`, `Expires`, `Last-Modified`, `Set-Cookie`,
 * `Transfer-Encoding`, and every `Content-*` except the three kept below.
 */
export const RESPONSE_DROPPED_HEADERS: readonly string[] = ['Allow', 'Content-*', 'Cookie', 'Expires', 'Last-Modified', 'Set-Cookie', 'Transfer-Encoding'];

const DROPPED = new Set(['allow', 'cookie', 'expires', 'last-modified', 'set-cookie', 'transfer-encoding']);
const KEPT_CONTENT = new Set(['content-disposition', 'content-encoding', 'content-type']);

/** True when Logic Apps silently drops this Response header (case-insensitive). */
export function isDroppedResponseHeader(name: string): boolean {
  const lower = name.trim().toLowerCase();
  if (DROPPED.has(lower)) return true;
  return lower.startsWith('content-') && !KEPT_CONTENT.has(lower);
}
