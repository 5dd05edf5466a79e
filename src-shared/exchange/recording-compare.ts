import { fromPointer } from '../workflow/json-pointer.ts';
import { bodyFromCapture, type ExchangeBody } from './message-body.ts';
import { findVolatileHeaders, findVolatilePointers, type Recording } from './recording.ts';
import { NOT_REPLAYED_HEADERS } from './header-rules.ts';
import { cloneJson } from './url-parts.ts';

/** A response as a replay received it. */
export interface ReplayedResponse {
  status: number;
  headers: [string, string][];
  /** UTF-8 text when the body is text, else base64. */
  body: { text?: string; base64?: string; size: number };
}

/** One way the response differs from the recording. `where` is `status`, `header <name>` or `body <pointer>`. */
export interface Difference {
  where: string;
  expected?: unknown;
  actual?: unknown;
}

const MISSING = Symbol('missing');

function header(headers: [string, string][], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([key]) => key.toLowerCase() === lower)?.[1];
}

function actualBody(response: ReplayedResponse): ExchangeBody | undefined {
  const contentType = header(response.headers, 'content-type');
  return bodyFromCapture({ size: response.body.size, text: response.body.text, base64: response.body.base64, ...(contentType ? { contentType } : {}) }, contentType);
}

/** Removes the values at the given pointers (volatile fields) from a copy of a JSON value. */
function withoutPointers(value: unknown, pointers: string[]): unknown {
  const copy = cloneJson(value);
  for (const pointer of pointers) {
    const segments = fromPointer(pointer);
    if (segments.length === 0) return null;
    let parent: unknown = copy;
    for (const segment of segments.slice(0, -1)) {
      parent = parent !== null && typeof parent === 'object' ? (parent as Record<string, unknown>)[segment] : undefined;
    }
    if (parent !== null && typeof parent === 'object') (parent as Record<string, unknown>)[segments.at(-1)!] = '<volatile>';
  }
  return copy;
}

function compareJson(expected: unknown, actual: unknown, pointer: string, out: Difference[]): void {
  if (out.length >= 50) return;
  if (expected !== null && actual !== null && typeof expected === 'object' && typeof actual === 'object' && Array.isArray(expected) === Array.isArray(actual)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of keys) {
      const at = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      const e = Object.hasOwn(expected, key) ? (expected as Record<string, unknown>)[key] : MISSING;
      const a = Object.hasOwn(actual, key) ? (actual as Record<string, unknown>)[key] : MISSING;
      if (e === MISSING) out.push({ where: `body ${at}`, actual: a });
      else if (a === MISSING) out.push({ where: `body ${at}`, expected: e });
      else compareJson(e, a, at, out);
    }
    return;
  }
  if (JSON.stringify(expected) !== JSON.stringify(actual)) out.push({ where: `body ${pointer || '/'}`, expected, actual });
}

/**
 * Compares a replayed response with a recording's expectation: the status, each
 * recorded header (case-insensitive names) and the body, ignoring the volatile fields
 * the recording names. JSON bodies are compared as JSON, so key order and spacing do
 * not count. Returns no differences when they match.
 */
export function compareWithRecording(recording: Recording, response: ReplayedResponse): Difference[] {
  const differences: Difference[] = [];
  const { expected, volatile } = recording;
  if (expected.status !== response.status) differences.push({ where: 'status', expected: expected.status, actual: response.status });
  const volatileHeaders = new Set(volatile.headers.map((name) => name.toLowerCase()));
  for (const [name, value] of Object.entries(expected.headers)) {
    if (volatileHeaders.has(name.toLowerCase())) continue;
    const actual = header(response.headers, name);
    if (actual !== value) differences.push({ where: `header ${name}`, expected: value, ...(actual === undefined ? {} : { actual }) });
  }
  const body = actualBody(response);
  const want = expected.body;
  if (!want) {
    if (body) differences.push({ where: 'body', actual: 'json' in body ? body.json : 'text' in body ? body.text : `(${response.body.size} bytes)` });
  } else if ('json' in want) {
    if (body && 'json' in body) compareJson(withoutPointers(want.json, volatile.body), withoutPointers(body.json, volatile.body), '', differences);
    else differences.push({ where: 'body', expected: want.json, actual: body ? ('text' in body ? body.text : `(${response.body.size} bytes, binary)`) : undefined });
  } else if ('text' in want) {
    const text = body && 'text' in body ? body.text : body && 'json' in body ? response.body.text : undefined;
    if (text !== want.text) differences.push({ where: 'body', expected: want.text, actual: text });
  } else if (!body || !('base64' in body) || body.base64 !== want.base64) {
    differences.push({ where: 'body', expected: `(${want.base64.length} base64 characters)`, actual: body && 'base64' in body ? `(${body.base64.length} base64 characters)` : 'text' in (body ?? {}) ? 'text' : undefined });
  }
  return differences;
}

/**
 * The recording with its expectation replaced by what the response was (`replay --update`):
 * status, headers (without connection-level ones) and body; the volatile lists keep what
 * the user named and gain what the new response makes volatile.
 */
export function updateRecording(recording: Recording, response: ReplayedResponse): Recording {
  const ignore = new Set([...NOT_REPLAYED_HEADERS, 'date', 'vary', 'strict-transport-security']);
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) if (!ignore.has(name.toLowerCase())) headers[name] = value;
  const body = actualBody(response);
  const ids = new Set<string>([header(response.headers, 'x-ms-workflow-run-id') ?? '', header(response.headers, 'x-ms-correlation-id') ?? ''].filter(Boolean));
  const volatileHeaders = new Set([...recording.volatile.headers.map((h) => h.toLowerCase()), ...findVolatileHeaders(headers, ids)]);
  const volatileBody = new Set([...recording.volatile.body, ...(body && 'json' in body ? findVolatilePointers(body.json, ids) : [])]);
  const updated: Recording = { ...recording, expected: { status: response.status, headers }, volatile: { headers: [...volatileHeaders], body: [...volatileBody] } };
  if (body) updated.expected.body = body;
  return updated;
}

/** One line per difference, for the replay report. */
export function formatDifferences(differences: Difference[]): string[] {
  const show = (value: unknown): string => {
    if (value === undefined) return '(absent)';
    const text = JSON.stringify(value);
    return text.length > 200 ? `${text.slice(0, 197)}...` : text;
  };
  return differences.map((d) => `${d.where}: expected ${show(d.expected)}, got ${show(d.actual)}`);
}

