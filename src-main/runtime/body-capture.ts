import type { BodyCapture } from '../../src-shared/runs.ts';

/** How much of each body the run history keeps (the size of the whole is always recorded). */
export const BODY_CAPTURE_LIMIT = 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Keeps the first bytes of a body for the run record: as text when it is valid UTF-8, else base64. */
export function captureBody(bytes: Buffer, contentType?: string, limit = BODY_CAPTURE_LIMIT): BodyCapture {
  const capture: BodyCapture = { size: bytes.length };
  if (contentType) capture.contentType = contentType;
  if (bytes.length === 0) return capture;
  const kept = bytes.length > limit ? bytes.subarray(0, limit) : bytes;
  if (kept !== bytes) capture.truncated = true;
  try {
    capture.text = utf8.decode(kept);
  } catch {
    capture.base64 = kept.toString('base64');
  }
  return capture;
}
