/**
 * One trigger call's state, from arrival to the end of its run: the ids, the answer sent
 * (once), Azure's x-ms-* headers and refusals. What the history keeps of it is built in
 * record-call.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthInfo, RecordedResponse, RunRecord } from '../../src-shared/runs.ts';
import { captureBody } from '../runtime/body-capture.ts';
import { dotNetTicks, newCorrelationId, newRunId } from '../runtime/ids.ts';
import { isoTime } from '../runtime/iso-time.ts';
import type { ResponseMessage, TriggerState } from '../runtime/run-types.ts';
import { errorMessage, writeAnswer, type HttpRefusal } from './answer.ts';
import { runRecordOf } from './record-call.ts';
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
 * the URL parser.
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

  /** Azure's workflow headers (docs/logic-apps-behaviour.md §5), unless the trigger suppresses them. */
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
    writeAnswer(this.res, message);
    const contentType = Object.entries(message.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
    this.response = { status: message.status, headers: message.headers, body: captureBody(body, contentType, this.host.limits?.().recordValueBytes) };
    this.responseMs = Date.now() - this.started;
    return true;
  }

  /** Every header the caller sent; `triggerOutputs` and the recorded request derive theirs from it. */
  requestHeaders(): Record<string, string> {
    return (this.headers ??= rawHeaderObject(this.req, true));
  }

  /** The trigger's `headers` output: Authorization removed unless the trigger keeps it (docs/logic-apps-behaviour.md §2). */
  triggerHeaders(keepAuthorization: boolean): Record<string, string> {
    const all = this.requestHeaders();
    if (keepAuthorization || this.req.headers.authorization === undefined) return { ...all };
    return rawHeaderObject(this.req, false);
  }

  /** Hands the call's run record, as it stands, to the host (see record-call.ts for what it holds). */
  recordAs(status: RunRecord['status'], final: boolean, extra: Partial<RunRecord> = {}): void {
    this.host.saveRun(runRecordOf(this, status, final, extra), final);
  }

  /** Whether this call holds a place in the global budget, and how many body bytes (load-budget.ts). */
  private heldRun = false;
  private heldBytes = 0;

  /** Takes a place for this call's run in the host's budget; false when none is free. */
  holdRunPlace(): boolean {
    if (this.heldRun || !this.host.budget) return true;
    this.heldRun = this.host.budget.enterRun();
    return this.heldRun;
  }

  /** Reserves body bytes in the host's budget; false (nothing reserved) when they do not fit. */
  holdBodyBytes(bytes: number): boolean {
    if (!this.host.budget?.reserve(bytes)) return !this.host.budget;
    this.heldBytes += bytes;
    return true;
  }

  /** Gives back what this call held, once its run is over (or it was refused). */
  releaseHeld(): void {
    if (this.heldRun) this.host.budget?.leaveRun();
    if (this.heldBytes > 0) this.host.budget?.release(this.heldBytes);
    this.heldRun = false;
    this.heldBytes = 0;
  }

  /** Refuses the call with Azure's JSON error and records it as Rejected. */
  refuse(refusal: HttpRefusal): void {
    if (!this.req.complete) {
      // Do not read a body we refuse; close the connection rather than drain a large one.
      this.res.shouldKeepAlive = false;
      this.req.resume();
    }
    this.send(errorMessage(refusal.status, refusal.code, refusal.message, { ...this.workflowHeaders(false), ...refusal.headers }));
    this.recordAs('Rejected', true, { error: { code: refusal.code, message: refusal.detail ?? refusal.message } });
  }
}
