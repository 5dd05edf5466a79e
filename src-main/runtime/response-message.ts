import { JSON_CONTENT_TYPE } from '../../src-shared/media-types.ts';
import { isDroppedResponseHeader } from '../../src-shared/workflow/response-headers.ts';
import type { ErrorInfo } from '../../src-shared/runs.ts';
import type { ResponseMessage } from './run-types.ts';

/** The Response action's evaluated inputs. */
export interface ResponseInputs {
  statusCode?: unknown;
  headers?: unknown;
  body?: unknown;
}

/** Characters Node's HTTP writer refuses in a header value (controls other than tab, and anything past U+00FF). */
const UNSENDABLE_HEADER_CHAR = /[^\t\x20-\x7e\x80-\xff]/u;

function headerValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function isEncodedContent(value: unknown): value is { '$content-type'?: string; $content: string } {
  return !!value && typeof value === 'object' && typeof (value as Record<string, unknown>).$content === 'string';
}

/**
 * Turns a Response action's inputs into the HTTP message (docs/logic-apps-behaviour.md §5):
 * statusCode 2xx/4xx/5xx only; the headers Logic Apps drops are removed; the body
 * becomes bytes: object/array/number/boolean as JSON, string as text/plain, a
 * `$content` object as its decoded bytes, unless a Content-Type was given.
 */
export function buildResponseMessage(inputs: ResponseInputs): { message: ResponseMessage; dropped: string[] } | { error: ErrorInfo } {
  const raw = inputs.statusCode ?? 200;
  const status = typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    return { error: { code: 'InvalidResponseStatusCode', message: `The Response statusCode ${JSON.stringify(raw)} is not a valid HTTP status code. Use a number from 200 to 599 (no 3xx).` } };
  }
  if (status < 200 || (status >= 300 && status < 400)) {
    return { error: { code: 'InvalidResponseStatusCode', message: `The Response statusCode ${status} is not allowed: Logic Apps accepts only 2xx, 4xx and 5xx status codes in a Response action.` } };
  }
  if (inputs.headers !== undefined && inputs.headers !== null && (typeof inputs.headers !== 'object' || Array.isArray(inputs.headers))) {
    return { error: { code: 'InvalidResponseHeaders', message: `The Response headers must be an object of name → value; got ${JSON.stringify(inputs.headers)}.` } };
  }
  const headers: Record<string, string> = {};
  const dropped: string[] = [];
  for (const [name, value] of Object.entries((inputs.headers ?? {}) as Record<string, unknown>)) {
    if (isDroppedResponseHeader(name)) dropped.push(name);
    else if (/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      const text = headerValue(value).replace(/[\r\n]+/g, ' ');
      const bad = UNSENDABLE_HEADER_CHAR.exec(text);
      if (bad) {
        const point = `U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
        return { error: { code: 'InvalidResponseHeaders', message: `The Response header '${name}' holds the character ${point}, which an HTTP header cannot carry. Encode the value, e.g. with encodeUriComponent() or base64().` } };
      }
      headers[name] = text;
    } else return { error: { code: 'InvalidResponseHeaders', message: `The Response header name '${name}' is not a valid HTTP header name.` } };
  }
  const contentTypeKey = Object.keys(headers).find((name) => name.toLowerCase() === 'content-type');
  const body = inputs.body;
  let bytes: Buffer;
  let defaultType: string | undefined;
  if (body === undefined || body === null) {
    bytes = Buffer.alloc(0);
  } else if (typeof body === 'string') {
    bytes = Buffer.from(body, 'utf8');
    defaultType = 'text/plain; charset=utf-8';
  } else if (isEncodedContent(body)) {
    bytes = Buffer.from(body.$content, 'base64');
    defaultType = body['$content-type'] ?? 'application/octet-stream';
  } else {
    bytes = Buffer.from(JSON.stringify(body), 'utf8');
    defaultType = JSON_CONTENT_TYPE;
  }
  if (!contentTypeKey && defaultType) headers['Content-Type'] = defaultType;
  return { message: { status, headers, body: bytes }, dropped };
}
