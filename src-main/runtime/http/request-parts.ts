import { JSON_CONTENT_TYPE } from '../../../src-shared/media-types.ts';
import { Buffer } from 'node:buffer';

/** A message body as the Http and Workflow actions send it, with the Content-Type it implies. */
export function encodeBody(body: unknown): { bytes?: Buffer; contentType?: string } {
  if (body === undefined || body === null) return {};
  if (typeof body === 'string') return { bytes: Buffer.from(body, 'utf8'), contentType: 'text/plain; charset=utf-8' };
  if (typeof body === 'object' && !Array.isArray(body) && '$content' in body) {
    const envelope = body as { $content?: unknown; '$content-type'?: unknown };
    return { bytes: Buffer.from(String(envelope.$content ?? ''), 'base64'), contentType: typeof envelope['$content-type'] === 'string' ? envelope['$content-type'] : 'application/octet-stream' };
  }
  return { bytes: Buffer.from(JSON.stringify(body), 'utf8'), contentType: JSON_CONTENT_TYPE };
}

/** Header values as text (numbers and booleans as JSON, objects as JSON). */
export function headerRecord(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers || typeof headers !== 'object' || Array.isArray(headers)) return out;
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && value !== null) out[name] = typeof value === 'string' ? value : JSON.stringify(value);
  return out;
}

/** True when the headers already name this one (any case). */
export function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name.toLowerCase());
}
