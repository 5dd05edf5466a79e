import { base64ToBytes, utf8Decode } from './base64.ts';

/**
 * A body Logic Apps keeps as binary: `{ "$content-type": "<type>", "$content": "<base64>" }`
 * (bodies that are neither JSON nor text/plain; docs/expression.md, "Binary bodies"). Form posts may also carry
 * Azure's parsed `$formdata: [{ key, value }]`.
 */
export interface ContentEnvelope {
  '$content-type'?: string;
  $content: string;
  $formdata?: Array<{ key: string; value: string }>;
}

/**
 * A multipart body, the shape Triggerbench stores (and Azure shows in run history):
 * `{ "$content-type": "multipart/form-data; boundary=...", "$multipart": [ { "headers": {...},
 * "body": { "$content-type", "$content" } } ] }`.
 */
export interface MultipartBody {
  '$content-type'?: string;
  $multipart: Array<{ headers?: Record<string, string>; body: unknown }>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True for a `{ "$content": "<base64>" }` binary body. */
export function isContentEnvelope(v: unknown): v is ContentEnvelope {
  return isObject(v) && typeof v.$content === 'string';
}

/** True for a `{ "$multipart": [...] }` body. */
export function isMultipartBody(v: unknown): v is MultipartBody {
  return isObject(v) && Array.isArray(v.$multipart);
}

/** Lower-case media type of a body's `$content-type`, without parameters ('' when none). */
export function mediaTypeOf(v: { '$content-type'?: unknown }): string {
  const type = v['$content-type'];
  return typeof type === 'string' ? type.split(';')[0]!.trim().toLowerCase() : '';
}

/** True for a binary value whose media type is XML (what xml() gives, or an XML body). */
export function isXmlContent(v: unknown): v is ContentEnvelope {
  if (!isContentEnvelope(v)) return false;
  const type = mediaTypeOf(v);
  return type.endsWith('/xml') || type.endsWith('+xml');
}

/** Decodes a binary body's base64 `$content` as UTF-8 text; undefined when it is not valid base64. */
export function tryDecodeContent(env: ContentEnvelope): string | undefined {
  const bytes = base64ToBytes(env.$content);
  return bytes ? utf8Decode(bytes) : undefined;
}

/** Decodes a binary body as UTF-8 text; malformed base64 gives the `$content` text unchanged. */
export function decodeContent(env: ContentEnvelope): string {
  return tryDecodeContent(env) ?? env.$content;
}

/** Text of a multipart part's body or a form value: strings as is, binary bodies decoded. */
export function partText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (isContentEnvelope(body)) return decodeContent(body);
  if (body === null || body === undefined) return '';
  return JSON.stringify(body);
}

/** Decodes `application/x-www-form-urlencoded` text into key/value pairs ('+' is a space). */
export function parseUrlEncoded(text: string): Array<{ key: string; value: string }> {
  const pairs: Array<{ key: string; value: string }> = [];
  for (const piece of text.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const rawKey = eq === -1 ? piece : piece.slice(0, eq);
    const rawValue = eq === -1 ? '' : piece.slice(eq + 1);
    pairs.push({ key: decodeFormComponent(rawKey), value: decodeFormComponent(rawValue) });
  }
  return pairs;
}

function decodeFormComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    // A stray '%' is kept as typed, the way lenient form parsers (and .NET's) do.
    return spaced;
  }
}

/** The `name` parameter of a part's Content-Disposition header, if any. */
function partName(headers: Record<string, string> | undefined): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === 'content-disposition');
  const value = key ? headers[key] : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /(?:^|;)\s*name\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(value);
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2];
}

/**
 * All values posted under `key` in a form body: Azure's `$formdata` list, an
 * urlencoded binary body, or the parts of a multipart/form-data body named `key`.
 * Undefined when the body is not form data at all. Keys match exactly (form keys are
 * case-sensitive).
 */
export function formValues(body: unknown, key: string): string[] | undefined {
  if (isMultipartBody(body)) {
    return body.$multipart.filter((part) => partName(part.headers) === key).map((part) => partText(part.body));
  }
  if (!isObject(body)) return undefined;
  if (Array.isArray(body.$formdata)) {
    return (body.$formdata as Array<{ key?: unknown; value?: unknown }>)
      .filter((pair) => pair.key === key)
      .map((pair) => (typeof pair.value === 'string' ? pair.value : partText(pair.value)));
  }
  if (isContentEnvelope(body) && mediaTypeOf(body) === 'application/x-www-form-urlencoded') {
    const text = tryDecodeContent(body);
    if (text === undefined) return undefined;
    return parseUrlEncoded(text)
      .filter((pair) => pair.key === key)
      .map((pair) => pair.value);
  }
  return undefined;
}
