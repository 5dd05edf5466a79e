import { findJsonDepthExcess } from '../../src-shared/json-depth.ts';

/**
 * The Request trigger's `body` output by content type (docs/logic-apps-behaviour.md §2):
 * JSON (`application/json`, `*+json`) is parsed, `text/*` stays a string, multipart
 * becomes Azure's `$multipart` shape, anything else is kept as
 * `{ "$content-type": ..., "$content": "<base64>" }` (form data included, read later
 * with `triggerFormDataValue`).
 */

import { CodedError } from '../../src-shared/coded-error.ts';

/** A body the caller sent that cannot be read as its content type says. */
export class RequestBodyError extends CodedError<'InvalidRequestContent'> {
  constructor(message: string) {
    super('InvalidRequestContent', message);
  }
}

/** Media type without parameters, lower-cased (`application/json; charset=utf-8` → `application/json`). */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

/** True for `application/json` and `application/<x>+json`. */
export function isJsonMediaType(type: string): boolean {
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json')) || type === 'text/json';
}

function contentParameter(contentType: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*("([^"]*)"|[^;\\s]+)`, 'i').exec(contentType);
  return match ? (match[2] ?? match[1]) : undefined;
}

function decodeText(bytes: Buffer, contentType: string): string {
  const charset = (contentParameter(contentType, 'charset') ?? 'utf-8').toLowerCase();
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    throw new RequestBodyError(`The request's charset '${charset}' is not supported. Send the body as UTF-8.`);
  }
}

function encoded(bytes: Buffer, contentType: string): { '$content-type': string; $content: string } {
  return { '$content-type': contentType, $content: bytes.toString('base64') };
}

/**
 * Objects parseTriggerBody returned: the run history stores such a trigger body as a
 * reference to the recorded request body instead of a second copy (src-main/history/record-packing.ts).
 */
const wholeRequestBodies = new WeakSet<object>();

/** True when a value is, as it is, what parseTriggerBody gave for a whole request body. */
export function isWholeRequestBody(value: unknown): boolean {
  return typeof value === 'object' && value !== null && wholeRequestBodies.has(value);
}

/** Parses the trigger body. An empty body gives null. Invalid JSON throws a RequestBodyError. */
export function parseTriggerBody(bytes: Buffer, contentType: string | undefined): unknown {
  const body = parseBody(bytes, contentType);
  if (typeof body === 'object' && body !== null) wholeRequestBodies.add(body);
  return body;
}

function parseBody(bytes: Buffer, contentType: string | undefined): unknown {
  if (bytes.length === 0) return null;
  const type = mediaType(contentType);
  if (isJsonMediaType(type)) {
    const decoded = decodeText(bytes, contentType ?? '');
    const text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
    // Before JSON.parse: a deeper value would overflow the stack of whatever walks it next.
    const excess = findJsonDepthExcess(text);
    if (excess) {
      throw new RequestBodyError(
        `The request body nests JSON arrays and objects more than ${excess.limit} levels deep (at character ${excess.offset}); Triggerbench accepts at most ${excess.limit} levels (docs/runtime.md, Limits). Send a flatter body.`,
      );
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new RequestBodyError(`The request body is not valid JSON (Content-Type is '${contentType}'): ${(error as Error).message}. Fix the JSON or send another Content-Type.`);
    }
  }
  if (type === 'text/plain' || type === 'text/xml' || type === 'text/html' || type === 'text/csv') return decodeText(bytes, contentType ?? '');
  if (type.startsWith('multipart/')) return parseMultipart(bytes, contentType ?? type);
  return encoded(bytes, contentType || 'application/octet-stream');
}

/** Azure's multipart shape: `{ "$content-type", "$multipart": [{ headers, body: { "$content-type", "$content" } }] }`. */
export function parseMultipart(bytes: Buffer, contentType: string): unknown {
  const boundary = contentParameter(contentType, 'boundary');
  if (!boundary) throw new RequestBodyError(`The multipart request has no boundary in its Content-Type ('${contentType}'). Add '; boundary=...'.`);
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: unknown[] = [];
  let position = bytes.indexOf(delimiter);
  if (position < 0) throw new RequestBodyError(`The multipart body does not contain its boundary '${boundary}'.`);
  for (;;) {
    let start = position + delimiter.length;
    if (bytes.subarray(start, start + 2).toString() === '--') break;
    start = bytes.indexOf('\r\n', start) + 2;
    const next = bytes.indexOf(delimiter, start);
    if (start < 2 || next < 0) throw new RequestBodyError('The multipart body ends without its closing boundary.');
    const part = bytes.subarray(start, next - 2); // drop the CRLF before the delimiter
    const split = part.indexOf('\r\n\r\n');
    const headerText = split >= 0 ? part.subarray(0, split).toString('utf8') : '';
    const body = split >= 0 ? part.subarray(split + 4) : part;
    const headers: Record<string, string> = {};
    for (const line of headerText.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
    const partType = Object.entries(headers).find(([key]) => key.toLowerCase() === 'content-type')?.[1] ?? 'text/plain';
    parts.push({ headers, body: encoded(body, partType) });
    position = next;
  }
  return { '$content-type': contentType, $multipart: parts };
}
