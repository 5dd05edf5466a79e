/**
 * One trigger call's state, from arrival to the end of its run: the ids, the answer sent
 * (once), Azure's x-ms-* headers, refusals, and what the run history records of it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { AuthInfo, RecordedRequest, RecordedResponse, RunRecord } from '../../src-shared/runs.ts';
import { captureBody } from '../runtime/body-capture.ts';
import { dotNetTicks, newCorrelationId, newRunId } from '../runtime/ids.ts';
import { isoTime } from '../runtime/iso-time.ts';
import type { ResponseMessage, TriggerState } from '../runtime/run-types.ts';
import { errorBody, writeMessage, type HttpRefusal } from './http-errors.ts';
import { redactedHeaders, redactedTarget } from './recorded-secrets.ts';
import type { TriggerRoute } from '../../src-shared/workflow/routes.ts';
import type { WorkflowPlan } from '../../src-shared/workflow/workflow-plan.ts';
import type { ServedWorkflow, TriggerHost } from './trigger-host.ts';

/** The version id Azure puts in `x-ms-workflow-version`; here derived from the file's change time. */
function workflowVersion(mtimeMs: number): string {
  return dotNetTicks(mtimeMs).padStart(20, '0');
}

/** A query of printable ASCII without `#`: what callback URLs are made of. */
const PLAIN_QUERY = /^\?[!"$-~]*$/;

/**
 * The query of a request target as URLSearchParams. A plain query (see PLAIN_QUERY) goes
 * straight to the form-urlencoded parser, which decodes it as `new URL(target).searchParams`
 * does (the URL parser only percent-encodes characters such a query does not hold), for
 * half the cost. Anything else (controls and spaces the URL parser strips, `#` that starts
 * a fragment, non-ASCII that Node's string parsing of URLSearchParams mangles) takes
 * the URL parser, as before.
 */
export function queryOf(target: string): URLSearchParams {
  const mark = target.indexOf('?');
  if (mark < 0) return new URLSearchParams();
  // The leading `?` stays: URLSearchParams drops exactly one, as a query's own `?` must not be.
  const query = target.slice(mark);
  return PLAIN_QUERY.test(query) ? new URLSearchParams(query) : new URL(target, 'https://localhost').searchParams;
}

function rawHeaderObject(req: IncomingMessage, keepAuthorization: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  const lower: Record<string, string> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    const key = name.toLowerCase();
    if (key === 'authorization' && !keepAuthorization) continue;
    const existing = lower[key];
    if (existing !== undefined) headers[existing] += `, ${req.rawHeaders[i + 1]}`;
    else {
      lower[key] = name;
      headers[name] = req.rawHeaders[i + 1]!;
    }
  }
  return headers;
}

/**
 * Reads the whole body, up to `limit` bytes. `reserve`, when given, is asked for every
 * chunk's bytes first (the global budget, load-budget.ts); a refusal stops the reading
 * with 'over-budget'.
 */
export function readBody(req: IncomingMessage, limit: number, reserve?: (bytes: number) => boolean): Promise<Buffer | 'too-large' | 'aborted' | 'over-budget'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve('too-large');
        return;
      }
      if (reserve && !reserve(chunk.length)) {
        req.removeAllListeners('data');
        req.resume();
        resolve('over-budget');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.on('aborted', () => resolve('aborted'));
    req.on('error', () => resolve('aborted'));
  });
}

/** State of one call, from arrival to the end of its run. */
export class Call {
  readonly started = Date.now();
  readonly runId = newRunId(this.started);
  readonly correlationId = newCorrelationId();
  readonly startTime = isoTime(this.started);
  workflow?: ServedWorkflow;
  plan?: WorkflowPlan;
  auth?: AuthInfo;
  bodyBytes?: Buffer;
  triggerOutputs?: TriggerState['outputs'];
  clientTrackingId?: string;
  response?: RecordedResponse;
  responseMs?: number;
  /** The request's headers as the caller sent them (names in their case, repeats joined), built once. */
  private headers?: Record<string, string>;
  /** The request as recorded, built once (every record() of the run stores the same). */
  private recorded?: { request: RecordedRequest; bodyBytes?: Buffer };
  private stored?: { source: TriggerState['outputs']; value: TriggerState['outputs'] };

  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly route: TriggerRoute;
  readonly host: TriggerHost;

  constructor(req: IncomingMessage, res: ServerResponse, route: TriggerRoute, host: TriggerHost) {
    this.req = req;
    this.res = res;
    this.route = route;
    this.host = host;
  }

  /** A run of its own for one item of a `splitOn` trigger: same request and answer, its own run id. */
  splitRun(body: unknown): Call {
    const child = new Call(this.req, this.res, this.route, this.host);
    child.workflow = this.workflow;
    child.plan = this.plan;
    child.auth = this.auth;
    child.bodyBytes = this.bodyBytes;
    child.triggerOutputs = { ...this.triggerOutputs!, body };
    child.response = this.response;
    child.responseMs = this.responseMs;
    return child;
  }

  /** Azure's workflow headers (reference section 5), unless the trigger suppresses them. */
  workflowHeaders(withRun: boolean): Record<string, string> {
    if (this.plan?.options.has('SuppressWorkflowHeadersOnResponse')) return {};
    const headers: Record<string, string> = { 'x-ms-request-id': this.correlationId, 'x-ms-correlation-id': this.correlationId, 'x-ms-tracking-id': this.correlationId };
    if (this.workflow) {
      headers['x-ms-workflow-name'] = this.workflow.name;
      headers['x-ms-workflow-version'] = workflowVersion(this.workflow.mtimeMs);
    }
    if (withRun) {
      headers['x-ms-workflow-run-id'] = this.runId;
      headers['x-ms-trigger-history-name'] = this.runId;
      headers['x-ms-client-tracking-id'] = this.clientTrackingId ?? this.runId;
    }
    return headers;
  }

  /** Sends a message to the caller once; returns false when one was already sent. */
  send(message: ResponseMessage): boolean {
    if (this.response) return false;
    const body = message.body;
    // Write before marking the call answered: if Node refuses the message (a header it
    // cannot carry), the call must stay unanswered so a 502/504 still reaches the caller
    // instead of leaving them waiting forever.
    writeMessage(this.res, message.status, message.headers, body);
    const contentType = Object.entries(message.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
    this.response = { status: message.status, headers: message.headers, body: captureBody(body, contentType, this.host.limits?.().recordValueBytes) };
    this.responseMs = Date.now() - this.started;
    return true;
  }

  /** Every header the caller sent; `triggerOutputs` and the recorded request derive theirs from it. */
  requestHeaders(): Record<string, string> {
    return (this.headers ??= rawHeaderObject(this.req, true));
  }

  /** The trigger's `headers` output: Authorization removed unless the trigger keeps it (reference section 2). */
  triggerHeaders(keepAuthorization: boolean): Record<string, string> {
    const all = this.requestHeaders();
    if (keepAuthorization || this.req.headers.authorization === undefined) return { ...all };
    return rawHeaderObject(this.req, false);
  }

  recordedRequest(): RecordedRequest {
    // Built once per call; only a body read after the first record() (never, today) rebuilds it.
    if (this.recorded && this.recorded.bodyBytes === this.bodyBytes) return this.recorded.request;
    const request = this.buildRecordedRequest();
    this.recorded = { request, bodyBytes: this.bodyBytes };
    return request;
  }

  private buildRecordedRequest(): RecordedRequest {
    const keepAuth = this.plan?.options.has('IncludeAuthorizationHeadersInOutputs') ?? false;
    const headers = { ...redactedHeaders(this.requestHeaders(), keepAuth) };
    const socket = this.req.socket as TLSSocket;
    const cipher = typeof socket.getCipher === 'function' ? socket.getCipher() : undefined;
    const request: RecordedRequest = {
      method: this.req.method ?? 'GET',
      url: redactedTarget(this.req.url ?? '/'),
      headers,
      body: this.bodyBytes ? captureBody(this.bodyBytes, this.req.headers['content-type'], this.host.limits?.().recordValueBytes) : { size: Number(this.req.headers['content-length'] ?? 0) },
      remoteAddress: this.req.socket.remoteAddress ?? '',
      httpVersion: this.req.httpVersion,
    };
    if (cipher) request.tls = { protocol: socket.getProtocol() ?? cipher.version, cipher: cipher.standardName ?? cipher.name };
    return request;
  }

  /** The trigger outputs as stored: the run sees cookies, the history never does (made once per outputs object). */
  private storedOutputs(outputs: TriggerState['outputs']): TriggerState['outputs'] {
    if (this.stored?.source === outputs) return this.stored.value;
    const headers = outputs.headers ? redactedHeaders(outputs.headers, true) : outputs.headers;
    const value = headers === outputs.headers ? outputs : { ...outputs, headers };
    this.stored = { source: outputs, value };
    return value;
  }

  record(status: RunRecord['status'], final: boolean, extra: Partial<RunRecord> = {}): void {
    const end = Date.now();
    const run: RunRecord = {
      id: this.runId,
      workflow: this.workflow?.name ?? this.route.workflow,
      trigger: this.plan?.triggerName ?? this.route.trigger,
      status,
      startTime: this.startTime,
      correlationId: this.correlationId,
      request: this.recordedRequest(),
      actions: [],
      ...extra,
    };
    if (final) {
      run.endTime = isoTime(end);
      run.durationMs = end - this.started;
    }
    if (this.auth) run.auth = this.auth;
    if (this.clientTrackingId) run.clientTrackingId = this.clientTrackingId;
    if (this.triggerOutputs && !run.triggerOutputs) run.triggerOutputs = this.triggerOutputs;
    if (run.triggerOutputs) run.triggerOutputs = this.storedOutputs(run.triggerOutputs as TriggerState['outputs']);
    if (this.response) run.response = this.response;
    if (this.responseMs !== undefined) run.responseMs = this.responseMs;
    this.host.record(run, final);
  }

  /** Refuses the call with Azure's JSON error and records it as Rejected. */
  refuse(refusal: HttpRefusal): void {
    if (!this.req.complete) {
      // Do not read a body we refuse; close the connection rather than drain a large one.
      this.res.shouldKeepAlive = false;
      this.req.resume();
    }
    const headers = { 'Content-Type': 'application/json; charset=utf-8', ...this.workflowHeaders(false), ...refusal.headers };
    this.send({ status: refusal.status, headers, body: errorBody(refusal.code, refusal.message) });
    this.record('Rejected', true, { error: { code: refusal.code, message: refusal.detail ?? refusal.message } });
  }
}
