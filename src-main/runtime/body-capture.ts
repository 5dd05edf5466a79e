import type { BodyCapture } from '../../src-shared/runs.ts';
import { DEFAULT_RUNTIME_LIMITS } from '../../src-shared/runtime-limits.ts';

/** How much of each body the run history keeps by default (the size of the whole is always recorded). */
export const BODY_CAPTURE_LIMIT = DEFAULT_RUNTIME_LIMITS.recordValueBytes;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Keeps the first bytes of a body for the run record: as text when it is valid UTF-8, else base64. */
export function captureBody(bytes: Buffer, contentType?: string, limit = BODY_CAPTURE_LIMIT): BodyCapture {
  const capture: BodyCapture = { size: bytes.length };
  if (contentType) capture.contentType = contentType;
  if (bytes.length === 0) return capture;
  let kept = bytes.length > limit ? bytes.subarray(0, limit) : bytes;
  if (kept !== bytes) {
    capture.truncated = true;
    // The cut may fall inside a UTF-8 character: end at the last whole one, or a large
    // non-ASCII text body would be shown as base64 in the history.
    kept = kept.subarray(0, utf8Boundary(kept));
  }
  try {
    capture.text = utf8.decode(kept);
  } catch {
    capture.base64 = (capture.truncated ? bytes.subarray(0, limit) : bytes).toString('base64');
  }
  return capture;
}

/** Length of `bytes` without a trailing incomplete UTF-8 sequence (at most 3 bytes dropped). */
function utf8Boundary(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: look further back
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}
