import type { ActionRun, BodyCapture, RunRecord } from '../../src-shared/runs.ts';
import { boundedValue, isTruncatedValue, jsonSizeUpTo, recordSize, type TruncatedValue } from '../../src-shared/record-values.ts';
import { isWholeRequestBody, parseTriggerBody } from '../runtime/request-body.ts';

/**
 * The run record as stored, and back (docs/history.md, "Limits"). Each body is stored
 * once: the trigger body, when it is the parse of the recorded request body, is stored as
 * a reference to it; a value that already appears earlier in the record (the trigger body
 * inside a Response's inputs, a Compose's output passed on) as a reference to where it
 * first appears; a response body equal to the request body as a reference to it. Every
 * other value over the limit is cut to a TruncatedValue. Reading a record resolves the
 * references, so callers see the run as it was recorded.
 */

/** The one key of a reference object; its value is the dotted path of the part it stands for. */
const SAME_AS = '$triggerbench.sameAs';
type Reference = { [SAME_AS]: string };

/** Values smaller than this are stored as they are even when repeated. */
const SHARED_MIN_BYTES = 1024;
/** How deep inside an action's inputs and outputs repeated values are looked for. */
const SHARE_DEPTH = 3;

function isReference(value: unknown): value is Reference {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === SAME_AS && typeof (value as Reference)[SAME_AS] === 'string';
}

function isComplete(body: BodyCapture | undefined): boolean {
  return body !== undefined && !body.truncated && (body.size === 0 || body.text !== undefined || body.base64 !== undefined);
}

/** Values worth sharing: objects and long strings of at least SHARED_MIN_BYTES of JSON. */
function shareable(value: unknown): value is object | string {
  if (typeof value === 'string') return value.length >= SHARED_MIN_BYTES;
  return typeof value === 'object' && value !== null && jsonSizeUpTo(value, SHARED_MIN_BYTES) >= SHARED_MIN_BYTES;
}

/** Where each shareable value first appears in the record being packed. */
type Seen = Map<unknown, string>;

/** A copy of `value` with every value already seen (to SHARE_DEPTH) replaced by a reference; the same object when none. */
function withReferences(value: unknown, seen: Seen, depth = 0): unknown {
  const path = (typeof value === 'object' && value !== null) || typeof value === 'string' ? seen.get(value) : undefined;
  if (path !== undefined) return { [SAME_AS]: path };
  if (depth >= SHARE_DEPTH || typeof value !== 'object' || value === null) return value;
  let copy: Record<string, unknown> | unknown[] | undefined;
  const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
  for (const [key, child] of entries) {
    const replaced = withReferences(child, seen, depth + 1);
    if (replaced === child) continue;
    copy ??= Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
    (copy as Record<string | number, unknown>)[key] = replaced;
  }
  return copy ?? value;
}

/**
 * Notes a value stored at `path`, and its direct parts, so later repeats can point at
 * them. `size`, when the caller measured it already, spares measuring again (this runs
 * for every run recorded, on the thread that answers calls).
 */
function remember(seen: Seen, value: unknown, path: string, withParts: boolean, size?: number): void {
  const big = typeof value === 'string' ? value.length >= SHARED_MIN_BYTES : typeof value === 'object' && value !== null && (size !== undefined ? size >= SHARED_MIN_BYTES : shareable(value));
  if (!big || seen.has(value)) return;
  seen.set(value, path);
  // A value stored cut has no parts to point at; a repeat of it is shown cut too.
  if (!withParts || typeof value !== 'object' || value === null || Array.isArray(value)) return;
  for (const [key, child] of Object.entries(value)) if (/^[^.]+$/.test(key) && shareable(child) && !seen.has(child)) seen.set(child, `${path}.${key}`);
}

/** The record as the history stores it: references for repeats, every other value bounded to `limit` bytes of JSON. */
export function packRunRecord(run: RunRecord, limit: number): RunRecord {
  const packed: RunRecord = { ...run };
  const seen: Seen = new Map();
  const outputs = run.triggerOutputs as { body?: unknown } | undefined;
  if (outputs !== undefined && 'body' in outputs) {
    const body = outputs.body;
    // A cut request body still stands for the trigger body: reading gives its recorded part, marked truncated.
    const request = run.request.body;
    const fromRequest = (isWholeRequestBody(body) && (isComplete(request) || request?.text !== undefined || request?.base64 !== undefined)) || (isComplete(request) && typeof body === 'string' && body === request?.text);
    const kept = fromRequest ? { [SAME_AS]: 'request.body' } : boundedValue(body, limit);
    packed.triggerOutputs = { ...outputs, body: kept };
    // The request body's size stands for the parsed value's: no second walk over it.
    remember(seen, body, 'triggerOutputs.body', kept === body || (fromRequest && isComplete(request)), fromRequest ? request?.size : undefined);
  }
  if (run.actions?.length) packed.actions = run.actions.map((action, index) => packAction(action, index, seen, limit));
  const sent = run.response?.body;
  if (run.response && sent && sent.size > 0 && sent.size === run.request.body?.size && sent.text !== undefined && sent.text === run.request.body.text) {
    packed.response = { ...run.response, body: { size: sent.size, contentType: sent.contentType, [SAME_AS]: 'request.body' } as BodyCapture };
  }
  return packed;
}

function packAction(action: ActionRun, index: number, seen: Seen, limit: number): ActionRun {
  let packed: ActionRun | undefined;
  for (const key of ['inputs', 'outputs'] as const) {
    if (!(key in action)) continue;
    const value = action[key];
    // Nothing to point at yet (the common case of small bodies): no walk for references.
    const shared = seen.size > 0 ? withReferences(value, seen, 0) : value;
    const size = typeof shared === 'object' && shared !== null ? recordSize(shared, limit) : undefined;
    const kept = size !== undefined && size <= limit ? shared : boundedValue(shared, limit);
    remember(seen, value, `actions.${index}.${key}`, !isTruncatedValue(kept), size);
    if (kept === value) continue;
    packed ??= { ...action };
    packed[key] = kept;
  }
  return packed ?? action;
}

/** The record as it was recorded: references resolved (one that cannot be resolved stays as it is). */
export function unpackRunRecord(run: RunRecord): RunRecord {
  const outputs = run.triggerOutputs as { body?: unknown } | undefined;
  if (outputs && isReference(outputs.body) && outputs.body[SAME_AS] === 'request.body' && run.request.body) {
    const body = run.request.body;
    if (body.truncated) {
      run.triggerOutputs = { ...outputs, body: { $truncated: true, size: body.size, text: body.text ?? body.base64 ?? '' } satisfies TruncatedValue };
    } else {
      const bytes = body.text !== undefined ? Buffer.from(body.text, 'utf8') : body.base64 !== undefined ? Buffer.from(body.base64, 'base64') : Buffer.alloc(0);
      try {
        run.triggerOutputs = { ...outputs, body: parseTriggerBody(bytes, body.contentType) };
      } catch {
        // Parsed once already when the call came in; leave the reference if it no longer parses.
      }
    }
  }
  // In record order: a reference only ever points at something before it.
  if (run.actions) for (const action of run.actions) for (const key of ['inputs', 'outputs'] as const) if (key in action) action[key] = resolve(action[key], run, 0);
  const responseBody = run.response?.body as (BodyCapture & Partial<Reference>) | undefined;
  if (run.response && responseBody?.[SAME_AS] === 'request.body') {
    run.response.body = { ...run.request.body, size: responseBody.size };
    if (responseBody.contentType !== undefined) run.response.body.contentType = responseBody.contentType;
    else delete run.response.body.contentType;
  }
  return run;
}

/** The part of the record a dotted path names (`actions.2.outputs.body`). */
function at(run: RunRecord, path: string): { found: boolean; value?: unknown } {
  let value: unknown = run;
  for (const segment of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return { found: false };
    value = (value as Record<string, unknown>)[segment];
  }
  return { found: true, value };
}

function resolve(value: unknown, run: RunRecord, depth: number): unknown {
  if (isReference(value)) {
    const target = at(run, value[SAME_AS]);
    return target.found && !isReference(target.value) ? target.value : value;
  }
  if (depth >= SHARE_DEPTH || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = resolve(value[i], run, depth + 1);
  } else {
    for (const key of Object.keys(value)) (value as Record<string, unknown>)[key] = resolve((value as Record<string, unknown>)[key], run, depth + 1);
  }
  return value;
}
