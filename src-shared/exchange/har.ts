import type { RunRecord } from '../runs.ts';
import type { SavedRequest } from '../collections.ts';
import { base64ToBytes, utf8Decode } from '../expression/base64.ts';
import type { Problem } from '../problems.ts';
import { isRecord } from './exchange-types.ts';
import { bodyFromCapture } from './message-body.ts';
import { findVolatileHeaders, findVolatilePointers, recordingNameFor, replayableHeaders, splitRecordedUrl, RECORDING_FORMAT, RECORDING_VERSION, type Recording, type RecordingAuth } from './recording.ts';
import { savedRequestFromCall } from './saved-request-from-call.ts';
import { parseQuery, splitUrl } from './url-parts.ts';

/** A HAR 1.2 name/value pair. */
export interface HarPair {
  name: string;
  value: string;
}

/** A HAR 1.2 entry, with Triggerbench's own fields (prefixed `_`, which HAR allows). */
export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: unknown[];
    headers: HarPair[];
    queryString: HarPair[];
    postData?: { mimeType: string; text: string; params?: HarPair[]; _encoding?: 'base64' };
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: unknown[];
    headers: HarPair[];
    content: { size: number; mimeType: string; text?: string; encoding?: string; comment?: string };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: { blocked?: number; dns?: number; connect?: number; send: number; wait: number; receive: number; ssl?: number };
  serverIPAddress?: string;
  comment?: string;
  /** The TLS session of the call: protocol and cipher, which HAR has no field for. */
  _tls?: { protocol: string; cipher: string };
  /** The run this entry records. */
  _run?: { id: string; workflow: string; trigger: string; status: string; auth?: RecordingAuth; correlationId: string; clientTrackingId?: string };
}

/** A HAR 1.2 document. */
export interface Har {
  log: { version: '1.2'; creator: { name: string; version: string }; pages?: unknown[]; entries: HarEntry[]; comment?: string };
}

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 413: 'Content Too Large', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };

function pairs(headers: Record<string, string>): HarPair[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value }));
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

/** Options of runsToHar. */
export interface HarOptions {
  creatorVersion: string;
  /** Replaces the masked `sig=***` of a run's URL with a fresh signature (only when the user asks for secrets). */
  signedQuery?: (run: RunRecord) => string | undefined;
}

/**
 * Converts recorded runs to a HAR 1.2 log: request and response with headers and bodies
 * (binary bodies base64-encoded), timings, and the TLS protocol and cipher in `_tls`.
 * Secrets stay masked as the history holds them (`sig=***`, `Bearer ***`) unless
 * `signedQuery` gives a fresh signature.
 */
export function runsToHar(runs: RunRecord[], options: HarOptions): Har {
  const entries = runs.map((run): HarEntry => {
    const scheme = run.request.tls ? 'https' : 'http';
    const host = headerValue(run.request.headers, 'host') ?? '127.0.0.1';
    let path = run.request.url;
    const signed = options.signedQuery?.(run);
    if (signed !== undefined) path = `${path.split('?')[0]}?${signed}`;
    const url = `${scheme}://${host}${path}`;
    const query = path.includes('?') ? parseQuery(path.slice(path.indexOf('?') + 1)).map(([name, value]) => ({ name, value })) : [];
    const httpVersion = `HTTP/${run.request.httpVersion}`;
    const requestBody = run.request.body;
    const request: HarEntry['request'] = { method: run.request.method, url, httpVersion, cookies: [], headers: pairs(run.request.headers), queryString: query, headersSize: -1, bodySize: requestBody.size };
    if (requestBody.size > 0) {
      const mimeType = headerValue(run.request.headers, 'content-type') ?? requestBody.contentType ?? 'application/octet-stream';
      request.postData = requestBody.text !== undefined ? { mimeType, text: requestBody.text } : { mimeType, text: requestBody.base64 ?? '', _encoding: 'base64' };
    }
    const response = run.response;
    const wait = run.responseMs ?? run.durationMs ?? 0;
    const entry: HarEntry = {
      startedDateTime: run.startTime,
      time: wait,
      request,
      response: response
        ? {
            status: response.status,
            statusText: STATUS_TEXT[response.status] ?? '',
            httpVersion,
            cookies: [],
            headers: pairs(response.headers),
            content: {
              size: response.body.size,
              mimeType: headerValue(response.headers, 'content-type') ?? response.body.contentType ?? 'application/octet-stream',
              ...(response.body.text !== undefined ? { text: response.body.text } : response.body.base64 !== undefined ? { text: response.body.base64, encoding: 'base64' } : {}),
              ...(response.body.truncated ? { comment: 'Only the first part of the body was recorded.' } : {}),
            },
            redirectURL: '',
            headersSize: -1,
            bodySize: response.body.size,
          }
        : { status: 0, statusText: '', httpVersion, cookies: [], headers: [], content: { size: 0, mimeType: 'x-unknown' }, redirectURL: '', headersSize: -1, bodySize: -1 },
      cache: {},
      // The listener sees the request arrive whole and the response leave: all of the
      // time is the server's, so it is `wait`; the client-side phases are unknown (-1).
      timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait, receive: 0 },
      _run: { id: run.id, workflow: run.workflow, trigger: run.trigger, status: run.status, correlationId: run.correlationId, ...(run.clientTrackingId ? { clientTrackingId: run.clientTrackingId } : {}) },
    };
    if (run.auth) entry._run!.auth = run.auth.scheme === 'SAS' ? { scheme: 'SAS', ...(run.auth.keyType ? { keyType: run.auth.keyType } : {}) } : run.auth.scheme === 'Bearer' ? { scheme: 'Bearer', claims: run.auth.claims ?? {} } : { scheme: 'None' };
    if (run.request.remoteAddress) entry.serverIPAddress = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    if (run.request.tls) entry._tls = { ...run.request.tls };
    if (!response) entry.comment = `Run ${run.id} has no response (${run.status}${run.error ? `: ${run.error.code}` : ''}).`;
    return entry;
  });
  return { log: { version: '1.2', creator: { name: 'Triggerbench', version: options.creatorVersion }, entries } };
}

const TRIGGER_PATH = /^\/(?:api\/([^/]+)\/triggers\/([^/]+)\/invoke|workflows\/([^/]+)\/triggers\/([^/]+)\/paths\/invoke)(?:\/|$)/i;

function decodeSegment(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Claims of a JWT (no verification: the replay mints its own token with them). */
function jwtClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  const bytes = base64ToBytes(payload.replace(/-/g, '+').replace(/_/g, '/'));
  if (!bytes) return undefined;
  try {
    const claims: unknown = JSON.parse(utf8Decode(bytes));
    return isRecord(claims) ? claims : undefined;
  } catch {
    return undefined;
  }
}

/** What importing a HAR produced. */
export interface HarImport {
  recordings: Recording[];
  requests: SavedRequest[];
  problems: Problem[];
}

function entryBody(text: string | undefined, encoding: string | undefined, size: number, contentType: string | undefined) {
  if (text === undefined || (text === '' && size <= 0)) return undefined;
  const capture = encoding === 'base64' ? { size: Math.max(size, 1), base64: text } : { size: Math.max(size, text.length, 1), text };
  return bodyFromCapture(capture, contentType);
}

/**
 * Reads a HAR (from Triggerbench, a browser or any tool): each call to a trigger URL
 * becomes a recording (its response the expectation) and every call a saved request.
 * Entries that cannot be read are listed as problems, never thrown.
 */
export function importHar(json: unknown, file: string): HarImport {
  const result: HarImport = { recordings: [], requests: [], problems: [] };
  const problem = (pointer: string, code: string, message: string, severity: 'error' | 'warning' = 'warning') => result.problems.push({ code, severity, message, file, pointer });
  const entries = isRecord(json) && isRecord(json.log) && Array.isArray(json.log.entries) ? json.log.entries : undefined;
  if (!entries) {
    problem('', 'NotAHarFile', `${file} is not a HAR file: expected {"log": {"entries": [...]}}.`, 'error');
    return result;
  }
  const names = new Set<string>();
  const unique = (base: string): string => {
    let name = recordingNameFor(base);
    for (let i = 2; names.has(name.toLowerCase()); i++) name = `${recordingNameFor(base)}-${i}`;
    names.add(name.toLowerCase());
    return name;
  };
  entries.forEach((raw: unknown, index: number) => {
    const pointer = `/log/entries/${index}`;
    if (!isRecord(raw) || !isRecord(raw.request) || typeof raw.request.url !== 'string' || typeof raw.request.method !== 'string') {
      problem(pointer, 'InvalidHarEntry', `Entry ${index + 1} has no request method and URL; it is skipped.`);
      return;
    }
    const entry = raw as unknown as HarEntry;
    const url = splitUrl(entry.request.url);
    if (!url) {
      problem(`${pointer}/request/url`, 'InvalidHarEntry', `Entry ${index + 1}'s URL ${JSON.stringify(entry.request.url)} is not an absolute URL; it is skipped.`);
      return;
    }
    const headers: Record<string, string> = {};
    for (const pair of Array.isArray(entry.request.headers) ? entry.request.headers : []) {
      if (isRecord(pair) && typeof pair.name === 'string' && typeof pair.value === 'string' && !pair.name.startsWith(':')) headers[pair.name] = pair.value;
    }
    const contentType = headerValue(headers, 'content-type') ?? entry.request.postData?.mimeType;
    const body = entryBody(entry.request.postData?.text, entry.request.postData?._encoding, entry.request.bodySize, contentType);
    const match = TRIGGER_PATH.exec(url.pathname);
    const workflow = match ? decodeSegment(match[1] ?? match[3]!) : undefined;
    const trigger = match ? decodeSegment(match[2] ?? match[4]!) : undefined;
    const hasSas = parseQuery(url.search).some(([key]) => key.toLowerCase() === 'sig');
    const authorization = headerValue(headers, 'authorization');
    let auth: RecordingAuth = entry._run?.auth ?? { scheme: 'None' };
    if (!entry._run?.auth) {
      if (hasSas) auth = { scheme: 'SAS' };
      else if (authorization && /^bearer\s/i.test(authorization)) auth = { scheme: 'Bearer', claims: jwtClaims(authorization.replace(/^bearer\s+/i, '')) ?? {} };
    }
    const baseName = workflow ? `${workflow}-${entry._run?.id ?? index + 1}` : `${entry.request.method}-${url.hostname}-${index + 1}`;
    const name = unique(baseName);
    result.requests.push(savedRequestFromCall({ name, method: entry.request.method, url, headers, body, workflow, trigger, auth }));
    if (!workflow || !trigger) return;
    const response = isRecord(entry.response) ? entry.response : undefined;
    if (!response || typeof response.status !== 'number' || response.status < 100) {
      problem(`${pointer}/response`, 'NoResponseInHar', `Entry ${index + 1} (${entry.request.method} ${url.pathname}) has no response, so it becomes a saved request but not a recording.`);
      return;
    }
    const responseHeaders: Record<string, string> = {};
    for (const pair of Array.isArray(response.headers) ? response.headers : []) {
      if (isRecord(pair) && typeof pair.name === 'string' && typeof pair.value === 'string' && !pair.name.startsWith(':')) responseHeaders[pair.name] = pair.value;
    }
    const content = isRecord(response.content) ? response.content : { size: 0, mimeType: '' };
    const responseBody = entryBody(content.text, content.encoding, content.size, headerValue(responseHeaders, 'content-type') ?? content.mimeType);
    const ids = new Set([entry._run?.id ?? '', entry._run?.correlationId ?? '', entry._run?.clientTrackingId ?? '', headerValue(responseHeaders, 'x-ms-workflow-run-id') ?? '', headerValue(responseHeaders, 'x-ms-correlation-id') ?? ''].filter(Boolean));
    const recording: Recording = {
      format: RECORDING_FORMAT,
      version: RECORDING_VERSION,
      name,
      workflow,
      trigger,
      request: { method: entry.request.method, ...splitRecordedUrl(`${url.pathname}${url.search ? `?${url.search}` : ''}`), headers: replayableHeaders(headers), auth },
      expected: { status: response.status, headers: responseHeaders },
      volatile: { headers: findVolatileHeaders(responseHeaders, ids), body: responseBody && 'json' in responseBody ? findVolatilePointers(responseBody.json, ids) : [] },
    };
    if (body) recording.request.body = body;
    if (responseBody) recording.expected.body = responseBody;
    if (entry._run?.id) recording.source = { runId: entry._run.id, startTime: entry.startedDateTime };
    result.recordings.push(recording);
  });
  if (entries.length === 0) problem('/log/entries', 'EmptyHar', `${file} has no entries; nothing was imported.`);
  return result;
}

