import type { BodyCapture } from '../../src-shared/runs.ts';

/**
 * How much of a response body the composer keeps (the size of the whole is always
 * counted). Larger than the run history's 1 MiB per body: what the user just asked for
 * should be viewable whole (docs/console.md, big bodies); beyond this it is cut and says so.
 */
export const CONSOLE_BODY_LIMIT = 64 * 1024 * 1024;

/** Collects a streamed body: keeps the first `limit` bytes, counts all of them. */
export interface BodyCollector {
  push(chunk: Buffer): void;
  finish(contentType?: string): BodyCapture;
}

/**
 * Starts a collector. Only the kept bytes are held in memory, so a 1 GB download costs
 * at most the limit. The kept bytes become text when they are valid UTF-8 (a character cut by the
 * limit does not count against it), else base64.
 */
export function createBodyCollector(limit = CONSOLE_BODY_LIMIT): BodyCollector {
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let size = 0;
  return {
    push(chunk) {
      size += chunk.length;
      if (keptBytes >= limit) return;
      const room = limit - keptBytes;
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      kept.push(part);
      keptBytes += part.length;
    },
    finish(contentType) {
      const capture: BodyCapture = { size };
      if (contentType) capture.contentType = contentType;
      if (size === 0) return capture;
      const bytes = Buffer.concat(kept, keptBytes);
      const truncated = size > keptBytes;
      if (truncated) capture.truncated = true;
      try {
        // stream: true when cut, so a multi-byte character split at the limit is not an error.
        capture.text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: truncated });
      } catch {
        capture.base64 = bytes.toString('base64');
      }
      return capture;
    },
  };
}
