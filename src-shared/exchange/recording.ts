import { isSasParameter } from '../sas-parameters.ts';
import type { RunRecord } from '../runs.ts';
import { bodyFromCapture, type ExchangeBody } from './message-body.ts';
import { parseQuery } from './url-parts.ts';
import { isMaskedValue, NOT_REPLAYED_HEADERS, VOLATILE_RESPONSE_HEADERS } from './header-rules.ts';

/** Value of a recording's `format` field. */
export const RECORDING_FORMAT = 'triggerbench-recording';
/** Current version of the recording format. */
export const RECORDING_VERSION = 1;
/** File name suffix of a recording: `<name>.recording.json`. */
export const RECORDING_FILE_SUFFIX = '.recording.json';

/** How a replayed call authenticates. Never a secret: SAS is signed afresh, a token minted afresh with these claims. */
export type RecordingAuth = { scheme: 'SAS'; keyType?: 'primary' | 'secondary' } | { scheme: 'Bearer'; claims: Record<string, unknown> } | { scheme: 'None' };

/** The call a recording replays. */
export interface RecordingRequest {
  method: string;
  /** The part after `/invoke`, percent-encoded, without a leading slash. */
  relativePath?: string;
  /** Query parameters other than `api-version` and the SAS ones, in order. */
  query?: [string, string][];
  headers: Record<string, string>;
  body?: ExchangeBody;
  auth: RecordingAuth;
}

/** The response a recording expects. */
export interface RecordingExpectation {
  status: number;
  /** Compared case-insensitively by name; headers the response adds beyond these are not compared. */
  headers: Record<string, string>;
  body?: ExchangeBody;
}

/** What a comparison ignores: header names, and JSON pointers into a JSON body. */
export interface RecordingVolatile {
  headers: string[];
  body: string[];
}

/** One `<name>.recording.json` (docs/exchange.md, docs/schemas/recording.schema.json). */
export interface Recording {
  $schema?: string;
  format: typeof RECORDING_FORMAT;
  version: typeof RECORDING_VERSION;
  name: string;
  description?: string;
  workflow: string;
  trigger: string;
  request: RecordingRequest;
  expected: RecordingExpectation;
  volatile: RecordingVolatile;
  /** The run it was made from. */
  source?: { runId: string; startTime: string };
}

/** Claims a minted token gets anew; copying them would clash or already be stale. */
export const MINTED_CLAIMS: ReadonlySet<string> = new Set(['iss', 'iat', 'nbf', 'exp', 'jti', 'aud', 'sub']);

const RUN_ID = /^\d{29}CU\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * True for a value that differs from run to run: a run id, a date-time, a GUID, one of
 * the run's own ids, or a secret the history masked (`***`: a fresh token on replay).
 */
function isVolatileValue(value: string, runIds: Set<string>): boolean {
  if (runIds.has(value) || isMaskedValue(value)) return true;
  return RUN_ID.test(value) || ISO_DATE_TIME.test(value) || GUID.test(value);
}

/** JSON pointers of the volatile string values inside a JSON value. */
export function findVolatilePointers(value: unknown, runIds: Set<string> = new Set(), pointer = ''): string[] {
  if (typeof value === 'string') return isVolatileValue(value, runIds) ? [pointer] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => findVolatilePointers(item, runIds, `${pointer}/${i}`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => findVolatilePointers(item, runIds, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  }
  return [];
}

/** Volatile header names of a response: the always-volatile ones present, and any carrying a run's ids. */
export function findVolatileHeaders(headers: Record<string, string>, runIds: Set<string>): string[] {
  const names: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (VOLATILE_RESPONSE_HEADERS.includes(lower) || [...runIds].some((id) => id && value.includes(id))) names.push(lower);
  }
  return names;
}

/** Splits a recorded URL into the relative path after `/invoke` and the replayable query. */
export function splitRecordedUrl(url: string): { relativePath?: string; query?: [string, string][] } {
  const question = url.indexOf('?');
  const path = question < 0 ? url : url.slice(0, question);
  const search = question < 0 ? '' : url.slice(question + 1);
  const match = /\/invoke(?:\/(.*))?$/i.exec(path);
  const result: { relativePath?: string; query?: [string, string][] } = {};
  if (match?.[1]) result.relativePath = match[1];
  const query = parseQuery(search).filter(([name]) => name.toLowerCase() !== 'api-version' && !isSasParameter(name));
  if (query.length > 0) result.query = query;
  return result;
}

/** The auth a replay uses for a recorded run: SAS with the same key, or a token with the same claims. */
export function recordingAuthOf(run: Pick<RunRecord, 'auth'>): RecordingAuth {
  const auth = run.auth;
  if (auth?.scheme === 'SAS') return auth.keyType ? { scheme: 'SAS', keyType: auth.keyType } : { scheme: 'SAS' };
  if (auth?.scheme === 'Bearer') return { scheme: 'Bearer', claims: auth.claims ?? {} };
  return { scheme: 'None' };
}

/**
 * The request headers a recording keeps: the recorded ones minus connection-level ones
 * and Authorization, which `auth` stands for (a token is minted afresh on replay, so no
 * token is ever written into a recording).
 */
export function replayableHeaders(headers: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (NOT_REPLAYED_HEADERS.has(lower) || lower === 'authorization') continue;
    kept[name] = value;
  }
  return kept;
}

/** A file-name-safe recording name made from any text. */
export function recordingNameFor(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 100) || 'recording';
}

/**
 * Makes a recording from a recorded run: the call as it can be replayed, the response it
 * got as the expectation, and the fields that change from run to run as volatile.
 * Returns a reason instead when the run cannot be replayed.
 */
export function recordingFromRun(run: RunRecord, name?: string): { recording?: Recording; reason?: string } {
  if (!run.response) return { reason: `Run ${run.id} has no recorded response (status ${run.status}), so there is nothing to expect.` };
  if (run.request.body.truncated) return { reason: `Run ${run.id}: only the first part of its ${run.request.body.size}-byte request body was recorded, so it cannot be replayed.` };
  const runIds = new Set([run.id, run.correlationId, run.clientTrackingId ?? ''].filter(Boolean));
  const requestContentType = Object.entries(run.request.headers).find(([key]) => key.toLowerCase() === 'content-type')?.[1];
  const request: RecordingRequest = { method: run.request.method, ...splitRecordedUrl(run.request.url), headers: replayableHeaders(run.request.headers), auth: recordingAuthOf(run) };
  const requestBody = bodyFromCapture(run.request.body, requestContentType);
  if (requestBody) request.body = requestBody;
  const expected: RecordingExpectation = { status: run.response.status, headers: { ...run.response.headers } };
  const responseContentType = Object.entries(run.response.headers).find(([key]) => key.toLowerCase() === 'content-type')?.[1];
  const responseBody = run.response.body.truncated ? undefined : bodyFromCapture(run.response.body, responseContentType);
  if (responseBody) expected.body = responseBody;
  const volatile: RecordingVolatile = {
    headers: findVolatileHeaders(run.response.headers, runIds),
    body: responseBody && 'json' in responseBody ? findVolatilePointers(responseBody.json, runIds) : [],
  };
  const recording: Recording = {
    format: RECORDING_FORMAT,
    version: RECORDING_VERSION,
    name: recordingNameFor(name ?? `${run.workflow}-${run.id}`),
    workflow: run.workflow,
    trigger: run.trigger,
    request,
    expected,
    volatile,
    source: { runId: run.id, startTime: run.startTime },
  };
  return { recording };
}
