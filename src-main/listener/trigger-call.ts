import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { evaluateValue, type ExpressionContext } from '../../src-shared/expression/index.ts';
import { matchRelativePath } from '../../src-shared/workflow/relative-path.ts';
import type { WorkflowDefinition } from '../../src-shared/workflow/types.ts';
import type { AuthInfo, ErrorInfo, RecordedRequest, RecordedResponse, RunRecord } from '../../src-shared/runs.ts';
import type { Problem } from '../../src-shared/problems.ts';
import { captureBody } from '../runtime/body-capture.ts';
import { executeRun } from '../runtime/engine.ts';
import { dotNetTicks, newCorrelationId, newRunId } from '../runtime/ids.ts';
import { isoTime } from '../runtime/iso-time.ts';
import { parseTriggerBody, RequestBodyError } from '../runtime/request-body.ts';
import type { ResponseMessage, TriggerState } from '../runtime/run-types.ts';
import { validateAgainstSchema } from '../runtime/schema-validation.ts';
import { errorBody, writeMessage, type HttpRefusal } from './http-errors.ts';
import type { TriggerRoute } from './routes.ts';
import { planFor, type WorkflowPlan } from './workflow-plan.ts';
import { ConcurrencyGate } from './concurrency.ts';
import { RETRY_AFTER_SECONDS, startOperation } from './async-operations.ts';

/** Largest request body Logic Apps accepts (reference section 6). */
export const MAX_BODY_BYTES = 104_857_600;
/** Longest request URL Logic Apps accepts (reference section 6). */
export const MAX_URL_LENGTH = 16_384;
/** How long a run goes before the history shows it as Running (shorter runs are written once). */
const RUNNING_VISIBLE_AFTER_MS = 1000;
/** Query parameters that belong to the SAS and never reach `triggerOutputs()['queries']`. */
const SAS_PARAMS = new Set(['sp', 'sv', 'sig', 'se']);

/** A workflow as the listener serves it. */
export interface ServedWorkflow {
  name: string;
  definition?: WorkflowDefinition;
  callable: boolean;
  problems: Problem[];
  accessControl?: unknown;
  mtimeMs: number;
}

/** Result of the auth decision (src-main/auth). */
export type AuthDecision = { ok: true; auth: AuthInfo } | { ok: false; status: number; code: string; message: string };

/** What the listener needs from the workbench. */
export interface TriggerHost {
  findWorkflow(name: string): ServedWorkflow | undefined;
  parameters(): Record<string, unknown>;
  appSettings(): Record<string, string>;
  authorize(input: { workflow: ServedWorkflow; trigger: string; query: URLSearchParams; authorization?: string; remoteAddress: string }): Promise<AuthDecision>;
  timeoutMs(): number;
  /** Called with `final: false` when the response went out while the run goes on, and `true` at the end. */
  record(run: RunRecord, final: boolean): void;
  signal: AbortSignal;
}

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
function queryOf(target: string): URLSearchParams {
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

/** The URL with every `sig` value replaced (a repeated `sig` is refused, but still recorded). */
function redactedUrl(url: string): string {
  return url.replace(/([?&]sig=)[^&]*/gi, '$1***');
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large' | 'aborted'> {
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
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.on('aborted', () => resolve('aborted'));
    req.on('error', () => resolve('aborted'));
  });
}

/** State of one call, from arrival to the end of its run. */
class Call {
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
    this.response = { status: message.status, headers: message.headers, body: captureBody(body, contentType) };
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
    const headers = { ...this.requestHeaders() };
    if (!keepAuth && this.req.headers.authorization !== undefined) {
      for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') headers[name] = headers[name]!.replace(/^(\S+\s+).*$/s, '$1***');
    }
    const socket = this.req.socket as TLSSocket;
    const cipher = typeof socket.getCipher === 'function' ? socket.getCipher() : undefined;
    const request: RecordedRequest = {
      method: this.req.method ?? 'GET',
      url: redactedUrl(this.req.url ?? '/'),
      headers,
      body: this.bodyBytes ? captureBody(this.bodyBytes, this.req.headers['content-type']) : { size: Number(this.req.headers['content-length'] ?? 0) },
      remoteAddress: this.req.socket.remoteAddress ?? '',
      httpVersion: this.req.httpVersion,
    };
    if (cipher) request.tls = { protocol: socket.getProtocol() ?? cipher.version, cipher: cipher.standardName ?? cipher.name };
    return request;
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
    this.record('Rejected', true, { error: { code: refusal.code, message: refusal.message } });
  }
}

/**
 * One gate per workflow name and listener, kept across reloads of the file: an edit that
 * leaves the limits alone must not hand out fresh places while earlier runs still hold
 * theirs. Changed limits start a new gate (runs already in the old one finish there).
 */
const gates = new WeakMap<TriggerHost, Map<string, { runs: number; maximumWaitingRuns: number; gate: ConcurrencyGate }>>();

/**
 * Handles one call to a trigger route, in the order Logic Apps applies its rules:
 * workflow and trigger exist → enabled → auth → method → relative path → size → body
 * → schema → conditions → concurrency → run (Response, 202, 502 or 504).
 */
export async function handleTriggerCall(req: IncomingMessage, res: ServerResponse, route: TriggerRoute, host: TriggerHost): Promise<void> {
  const call = new Call(req, res, route, host);
  const workflow = host.findWorkflow(route.workflow);
  if (!workflow) {
    return call.refuse({ status: 404, code: 'WorkflowNotFound', message: `The workflow '${route.workflow}' could not be found in the open workspace. Check the name in the URL, or add '${route.workflow}/workflow.json'.` });
  }
  call.workflow = workflow;
  const plan = workflow.definition ? planFor(workflow.definition) : null;
  if (!plan || !workflow.callable) {
    const firstError = workflow.problems.find((p) => p.severity === 'error');
    const why = firstError ? ` First problem: ${firstError.file}${firstError.pointer ? ` at ${firstError.pointer}` : ''}: ${firstError.message}` : plan ? '' : ' It has no Request trigger.';
    return call.refuse({ status: 400, code: 'WorkflowNotCallable', message: `The workflow '${workflow.name}' cannot be called until its problems are fixed.${why}` });
  }
  if (plan.triggerName.toLowerCase() !== route.trigger.toLowerCase()) {
    return call.refuse({ status: 404, code: 'WorkflowTriggerNotFound', message: `The workflow '${workflow.name}' has no trigger '${route.trigger}'. Its Request trigger is '${plan.triggerName}'.` });
  }
  call.plan = plan;
  const flowState = appSettingIgnoringCase(host.appSettings(), `workflows.${workflow.name}.flowstate`);
  if (flowState?.toLowerCase() === 'disabled') {
    return call.refuse({ status: 400, code: 'WorkflowTriggerIsNotEnabled', message: `The workflow '${workflow.name}' is disabled (app setting 'Workflows.${workflow.name}.FlowState' is 'Disabled' in local.settings.json). Remove the setting or set it to 'Enabled'.` });
  }
  const query = queryOf(req.url ?? '/');
  const decision = await host.authorize({ workflow, trigger: plan.triggerName, query, authorization: req.headers.authorization, remoteAddress: req.socket.remoteAddress ?? '' });
  if (!decision.ok) return call.refuse(decision);
  call.auth = decision.auth;
  const method = (req.method ?? 'GET').toUpperCase();
  if (plan.method && plan.method !== method) {
    return call.refuse({ status: 405, code: 'TriggerRequestMethodNotValid', message: `The HTTP method for this request is not valid: expected '${plan.method}' and actual '${method}'.`, headers: { Allow: plan.method } });
  }
  let relativePathParameters: Record<string, string> = {};
  if (plan.relativePath) {
    const params = matchRelativePath(plan.relativePath, route.relativePath);
    if (!params) {
      return call.refuse({ status: 404, code: 'TriggerRelativePathNotMatched', message: `The path '/${route.relativePath}' after '/invoke' does not match the trigger's relativePath '${plan.relativePath.source}'.` });
    }
    relativePathParameters = params;
  } else if (route.relativePath && route.relativePath !== '') {
    return call.refuse({ status: 404, code: 'TriggerRelativePathNotMatched', message: `The trigger '${plan.triggerName}' has no relativePath, so the URL must end at '/invoke' (it continues with '/${route.relativePath}').` });
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    return call.refuse({ status: 413, code: 'RequestContentTooLarge', message: `The request body is ${declared} bytes; Logic Apps accepts at most ${MAX_BODY_BYTES} bytes (100 MB).` });
  }
  // Expect: 100-continue: invite the body only now that every check that needs no body
  // passed (RFC 9110 §10.1.1), so a refused call, a 413 above all, is not uploaded first.
  if (/\b100-continue\b/i.test(String(req.headers.expect ?? ''))) res.writeContinue();
  const body = await readBody(req, MAX_BODY_BYTES);
  if (body === 'aborted') return call.record('Rejected', true, { error: { code: 'ClientDisconnected', message: 'The caller closed the connection before sending the whole body.' } });
  if (body === 'too-large') {
    return call.refuse({ status: 413, code: 'RequestContentTooLarge', message: `The request body is larger than ${MAX_BODY_BYTES} bytes (100 MB), the most Logic Apps accepts.` });
  }
  call.bodyBytes = body;
  let parsedBody: unknown;
  try {
    parsedBody = parseTriggerBody(body, req.headers['content-type']);
  } catch (error) {
    if (error instanceof RequestBodyError) return call.refuse({ status: 400, code: error.code, message: error.message });
    throw error;
  }
  if (plan.schema && plan.options.has('EnableSchemaValidation')) {
    const failure = validateAgainstSchema(plan.schema, parsedBody);
    if (failure) {
      return call.refuse({ status: 400, code: 'TriggerInputSchemaMismatch', message: `The input body for trigger '${plan.triggerName}' of type 'Request' did not match its schema definition. Error details: '${failure}'` });
    }
  }
  const queries: Record<string, string> = {};
  for (const [key, value] of query) if (!SAS_PARAMS.has(key.toLowerCase())) queries[key] = value;
  const outputs: TriggerState['outputs'] = {
    headers: call.triggerHeaders(plan.options.has('IncludeAuthorizationHeadersInOutputs')),
    queries,
    relativePathParameters,
    body: parsedBody,
  };
  call.triggerOutputs = outputs;
  await runWorkflow(call, workflow, plan, outputs);
}

/** What `trigger()` returns in one run. */
function triggerState(call: Call, plan: WorkflowPlan, outputs: TriggerState['outputs']): TriggerState {
  return {
    name: plan.triggerName,
    inputs: plan.trigger.inputs ?? {},
    outputs,
    startTime: call.startTime,
    endTime: isoTime(Date.now()),
    status: 'Succeeded',
    trackingId: call.correlationId,
    clientTrackingId: call.clientTrackingId ?? call.runId,
    originHistoryName: call.runId,
  };
}

async function runWorkflow(call: Call, workflow: ServedWorkflow, plan: WorkflowPlan, outputs: TriggerState['outputs']): Promise<void> {
  const { host } = call;
  const trigger = triggerState(call, plan, outputs);
  const parameters = parametersFor(workflow.definition!, host.parameters());
  const appSettings = host.appSettings();
  const expressionContext: ExpressionContext = {
    trigger: () => trigger,
    action: () => undefined,
    parameter: (name) => (Object.hasOwn(parameters, name) ? { found: true, value: parameters[name] } : { found: false }),
    appsetting: (name) => appSettings[name],
    workflow: () => ({ id: `/workflows/${workflow.name}`, name: workflow.name, type: 'Microsoft.Logic/workflows', run: { id: `/workflows/${workflow.name}/runs/${call.runId}`, name: call.runId, type: 'Microsoft.Logic/workflows/runs' } }),
  };
  // Client tracking id: the trigger's correlation expression, else the caller's header, else the run id.
  try {
    const expression = plan.trigger.correlation?.clientTrackingId;
    const tracked = expression !== undefined ? evaluateValue(expression, expressionContext) : call.req.headers['x-ms-client-tracking-id'];
    call.clientTrackingId = typeof tracked === 'string' && tracked ? tracked : call.runId;
  } catch {
    call.clientTrackingId = call.runId;
  }
  trigger.clientTrackingId = call.clientTrackingId;
  for (const [index, condition] of (plan.trigger.conditions ?? []).entries()) {
    let passed: unknown;
    try {
      passed = evaluateValue(condition.expression, expressionContext);
    } catch (error) {
      return call.refuse({ status: 400, code: 'InvalidTemplate', message: `The trigger condition ${index + 1} ('${String(condition.expression)}') cannot be evaluated: ${(error as Error).message}` });
    }
    if (passed !== true) {
      call.send({ status: 202, headers: call.workflowHeaders(false), body: Buffer.alloc(0) });
      return call.record('Skipped', true, { error: { code: 'TriggerConditionNotMet', message: `The trigger condition ${index + 1} ('${String(condition.expression)}') evaluated to ${JSON.stringify(passed)}, so no run started.` }, triggerOutputs: outputs });
    }
  }
  if (plan.splitOn !== undefined) return runSplit(call, workflow, plan, expressionContext, parameters, appSettings);
  const gate = plan.concurrency ? gateFor(call.host, workflow.name, plan.concurrency) : undefined;
  const turn = gate ? gate.enter() : Promise.resolve();
  if (!turn) {
    return call.refuse({
      status: 429,
      code: 'WorkflowRunsQueueFull',
      message: `The workflow '${workflow.name}' already has ${plan.concurrency!.runs} runs in progress and ${plan.concurrency!.maximumWaitingRuns} waiting (runtimeConfiguration.concurrency). Try again later.`,
      headers: { 'Retry-After': '1' },
    });
  }
  try {
    await turn;
    await execute(call, workflow, plan, trigger, parameters, appSettings);
  } finally {
    gate?.leave();
  }
}

/** App settings by lower-cased name, per settings object (a new object on every reload of local.settings.json). */
const settingsByLowerName = new WeakMap<Record<string, string>, Map<string, string>>();

/** An app setting looked up case-insensitively, as Azure's Workflows.<name>.FlowState is. */
function appSettingIgnoringCase(settings: Record<string, string>, name: string): string | undefined {
  let byLower = settingsByLowerName.get(settings);
  if (!byLower) {
    byLower = new Map();
    // The first spelling wins, as the linear search this replaces found it.
    for (const [key, value] of Object.entries(settings)) if (!byLower.has(key.toLowerCase())) byLower.set(key.toLowerCase(), value);
    settingsByLowerName.set(settings, byLower);
  }
  return byLower.get(name.toLowerCase());
}

/** The parameters a run sees, merged once per definition and parameters.json (both are replaced, never changed, on reload). */
const mergedParameters = new WeakMap<WorkflowDefinition, { project: Record<string, unknown>; merged: Record<string, unknown> }>();

function parametersFor(definition: WorkflowDefinition, project: Record<string, unknown>): Record<string, unknown> {
  const known = mergedParameters.get(definition);
  if (known?.project === project) return known.merged;
  const merged = { ...definitionDefaults(definition), ...project };
  mergedParameters.set(definition, { project, merged });
  return merged;
}

/** `defaultValue`s of the definition's own parameters; the project's parameters.json overrides them. */
function definitionDefaults(definition: WorkflowDefinition): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [name, parameter] of Object.entries(definition.parameters ?? {})) if (parameter && 'defaultValue' in parameter) defaults[name] = parameter.defaultValue;
  return defaults;
}

/**
 * A trigger with `splitOn` (reference section 5): the caller gets 202 at once, and each
 * item of the array the expression gives starts a run of its own whose trigger body is
 * that item. Azure refuses Response actions in such workflows; here one that runs fails,
 * as the answer was already sent.
 */
async function runSplit(call: Call, workflow: ServedWorkflow, plan: WorkflowPlan, context: ExpressionContext, parameters: Record<string, unknown>, appSettings: Record<string, string>): Promise<void> {
  let items: unknown;
  try {
    items = evaluateValue(plan.splitOn, context);
  } catch (error) {
    return call.refuse({ status: 400, code: 'InvalidTemplate', message: `The trigger's splitOn ('${plan.splitOn}') cannot be evaluated: ${(error as Error).message}` });
  }
  if (!Array.isArray(items)) {
    const got = items === null ? 'null' : typeof items;
    return call.refuse({ status: 400, code: 'InvalidTemplate', message: `The trigger's splitOn ('${plan.splitOn}') must give an array, but gave ${got}. Send a body where it points to an array.` });
  }
  call.send({ status: 202, headers: call.workflowHeaders(false), body: Buffer.alloc(0) });
  const itemPlan: WorkflowPlan = { ...plan, hasResponse: false };
  const gate = plan.concurrency ? gateFor(call.host, workflow.name, plan.concurrency) : undefined;
  await Promise.all(
    items.map(async (item) => {
      const run = call.splitRun(item);
      run.clientTrackingId = call.clientTrackingId === call.runId ? run.runId : call.clientTrackingId;
      const turn = gate ? gate.enter() : Promise.resolve();
      if (!turn) {
        return run.record('Rejected', true, { error: { code: 'WorkflowRunsQueueFull', message: `The workflow '${workflow.name}' already had ${plan.concurrency!.runs} runs in progress and ${plan.concurrency!.maximumWaitingRuns} waiting, so this splitOn item did not run.` }, triggerOutputs: run.triggerOutputs });
      }
      try {
        await turn;
        await execute(run, workflow, itemPlan, triggerState(run, plan, run.triggerOutputs!), parameters, appSettings);
      } finally {
        gate?.leave();
      }
    }),
  );
}

function gateFor(host: TriggerHost, workflowName: string, limits: { runs: number; maximumWaitingRuns: number }): ConcurrencyGate {
  let byName = gates.get(host);
  if (!byName) gates.set(host, (byName = new Map()));
  const key = workflowName.toLowerCase();
  const known = byName.get(key);
  if (known && known.runs === limits.runs && known.maximumWaitingRuns === limits.maximumWaitingRuns) return known.gate;
  const gate = new ConcurrencyGate(limits.runs, limits.maximumWaitingRuns);
  byName.set(key, { ...limits, gate });
  return gate;
}

async function execute(call: Call, workflow: ServedWorkflow, plan: WorkflowPlan, trigger: TriggerState, parameters: Record<string, unknown>, appSettings: Record<string, string>): Promise<void> {
  const { host } = call;
  let timer: NodeJS.Timeout | undefined;
  let finished = false;
  // Once the caller has its answer the run may go on for long (a Wait after the Response,
  // or no Response at all): record it as Running now so the history shows it, and an
  // abrupt stop still leaves a trace of a call that reached the workflow (issue 2 item 8).
  // Deferred one turn so a run that ends at once is written only once.
  const recordRunning = (): void => {
    setImmediate(() => {
      if (!finished) call.record('Running', false, { triggerOutputs: trigger.outputs });
    });
  };
  // A run still going after a second (a caller waiting on a Wait, say) is recorded as
  // Running so the history shows it live; quick runs are written once, at their end.
  const visible = setTimeout(() => {
    if (!finished) call.record('Running', false, { triggerOutputs: trigger.outputs });
  }, RUNNING_VISIBLE_AFTER_MS);
  visible.unref();
  const operation = plan.asyncResponse ? startOperation(workflow.name, call.runId) : undefined;
  if (operation) {
    const location = `https://${call.req.headers.host ?? 'localhost'}${operation.location}`;
    call.send({ status: 202, headers: { ...call.workflowHeaders(true), Location: location, 'Retry-After': String(RETRY_AFTER_SECONDS) }, body: Buffer.alloc(0) });
    recordRunning();
  } else if (!plan.hasResponse) {
    call.send({ status: 202, headers: call.workflowHeaders(true), body: Buffer.alloc(0) });
    recordRunning();
  } else {
    timer = setTimeout(() => {
      call.send({
        status: 504,
        headers: { 'Content-Type': 'application/json; charset=utf-8', ...call.workflowHeaders(true) },
        body: errorBody('GatewayTimeout', `The workflow did not send a Response within ${Math.round(host.timeoutMs() / 1000)} seconds, so the request timed out. The run goes on; see run '${call.runId}' in the history. Change the limit with --timeout or in Settings.`),
      });
      recordRunning();
    }, host.timeoutMs());
  }
  let runError: ErrorInfo | undefined;
  const outcome = await executeRun({
    runId: call.runId,
    workflowName: workflow.name,
    definition: workflow.definition!,
    parameters,
    appSettings,
    trigger,
    signal: host.signal,
    respond: (message) => {
      const full = { ...message, headers: { ...message.headers, ...call.workflowHeaders(true) } };
      if (operation) return operation.complete(full) ? 'sent' : 'already-sent';
      const sent = call.send(full);
      if (sent) {
        if (timer) clearTimeout(timer);
        recordRunning();
      }
      return sent ? 'sent' : 'already-sent';
    },
  }).catch((error: unknown) => {
    runError = { code: 'InternalError', message: `Triggerbench failed while running the workflow: ${(error as Error).message}` };
    return { status: 'Failed' as const, actions: [], error: runError };
  });
  finished = true;
  clearTimeout(visible);
  if (timer) clearTimeout(timer);
  if (operation && !operation.hasResult()) {
    operation.complete({
      status: 502,
      headers: { 'Content-Type': 'application/json; charset=utf-8', ...call.workflowHeaders(true) },
      body: errorBody('NoResponse', `The workflow finished (${outcome.status}) without running a Response action, so there is no response to send. See run '${call.runId}' in the history.`),
    });
  } else if (!call.response && outcome.status === 'Cancelled' && host.signal.aborted) {
    call.send({
      status: 503,
      headers: { 'Content-Type': 'application/json; charset=utf-8', ...call.workflowHeaders(true) },
      body: errorBody('ServiceStopping', `Triggerbench stopped while run '${call.runId}' was waiting, so it was cancelled before sending a Response. Start Triggerbench again and resend the call.`),
    });
  } else if (!call.response) {
    // Every Response action was skipped or failed (reference section 5: 502 NoResponse).
    call.send({
      status: 502,
      headers: { 'Content-Type': 'application/json; charset=utf-8', ...call.workflowHeaders(true) },
      body: errorBody('NoResponse', `The workflow finished (${outcome.status}) without running a Response action, so there is no response to send. See run '${call.runId}' in the history.`),
    });
  }
  call.record(outcome.status, true, { actions: outcome.actions, error: outcome.error ?? runError, triggerOutputs: trigger.outputs });
}
