/**
 * What the run history keeps of a trigger call: the RunRecord built from the call's state
 * (docs/history.md). Secrets never reach it: the `sig` of the URL and the credentials of
 * an Authorization header are masked.
 */
import type { TLSSocket } from 'node:tls';
import type { RecordedRequest, RunRecord } from '../../src-shared/runs.ts';
import { captureBody } from '../runtime/body-capture.ts';
import { isoTime } from '../runtime/iso-time.ts';
import type { TriggerState } from '../runtime/run-types.ts';
import type { Call } from './call.ts';
import { redactedHeaders, redactedTarget } from './recorded-secrets.ts';

/** The request as recorded, per call, built once (every record of a run stores the same). */
const recordedRequests = new WeakMap<Call, { request: RecordedRequest; bodyBytes?: Buffer }>();

/** The request as the history keeps it. */
export function recordedRequestOf(call: Call): RecordedRequest {
  // Built once per call; only a body read after the first record (never, today) rebuilds it.
  const known = recordedRequests.get(call);
  if (known && known.bodyBytes === call.bodyBytes) return known.request;
  const request = buildRecordedRequest(call);
  recordedRequests.set(call, { request, bodyBytes: call.bodyBytes });
  return request;
}

function buildRecordedRequest(call: Call): RecordedRequest {
  const { req } = call;
  const keepAuth = call.plan?.options.has('IncludeAuthorizationHeadersInOutputs') ?? false;
  const headers = { ...redactedHeaders(call.requestHeaders(), keepAuth) };
  const socket = req.socket as TLSSocket;
  const cipher = typeof socket.getCipher === 'function' ? socket.getCipher() : undefined;
  const request: RecordedRequest = {
    method: req.method ?? 'GET',
    url: redactedTarget(req.url ?? '/'),
    headers,
    body: call.bodyBytes ? captureBody(call.bodyBytes, req.headers['content-type'], call.host.limits?.().recordValueBytes) : { size: Number(req.headers['content-length'] ?? 0) },
    remoteAddress: req.socket.remoteAddress ?? '',
    httpVersion: req.httpVersion,
  };
  if (cipher) request.tls = { protocol: socket.getProtocol() ?? cipher.version, cipher: cipher.standardName ?? cipher.name };
  return request;
}

/** The trigger outputs as stored, per call: the run sees cookies, the history never does (made once per outputs object). */
const storedOutputsByCall = new WeakMap<Call, { source: TriggerState['outputs']; value: TriggerState['outputs'] }>();

function storedOutputs(call: Call, outputs: TriggerState['outputs']): TriggerState['outputs'] {
  const known = storedOutputsByCall.get(call);
  if (known?.source === outputs) return known.value;
  const headers = outputs.headers ? redactedHeaders(outputs.headers, true) : outputs.headers;
  const value = headers === outputs.headers ? outputs : { ...outputs, headers };
  storedOutputsByCall.set(call, { source: outputs, value });
  return value;
}

/** The call's RunRecord as it stands; `final` adds the end time and duration. */
export function runRecordOf(call: Call, status: RunRecord['status'], final: boolean, extra: Partial<RunRecord> = {}): RunRecord {
  const end = Date.now();
  const run: RunRecord = {
    id: call.runId,
    workflow: call.workflow?.name ?? call.route.workflow,
    trigger: call.plan?.triggerName ?? call.route.trigger,
    status,
    startTime: call.startTime,
    correlationId: call.correlationId,
    request: recordedRequestOf(call),
    actions: [],
    ...extra,
  };
  if (final) {
    run.endTime = isoTime(end);
    run.durationMs = end - call.started;
  }
  if (call.auth) run.auth = call.auth;
  if (call.clientTrackingId) run.clientTrackingId = call.clientTrackingId;
  if (call.triggerOutputs && !run.triggerOutputs) run.triggerOutputs = call.triggerOutputs;
  if (run.triggerOutputs) run.triggerOutputs = storedOutputs(call, run.triggerOutputs as TriggerState['outputs']);
  if (call.response) run.response = call.response;
  if (call.responseMs !== undefined) run.responseMs = call.responseMs;
  return run;
}
