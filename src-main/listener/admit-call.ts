/**
 * Admitting a trigger call: every check Logic Apps applies before a run starts, in its
 * order (docs/runtime.md, "A call"): workflow and trigger exist → auth → enabled →
 * method → relative path → size → body → schema → trigger conditions → splitOn →
 * concurrency. A refused call is answered and recorded here; an admitted one goes on
 * to run-call.ts.
 */
import { isSasParameter } from '../../src-shared/sas-parameters.ts';
import type { IncomingMessage } from 'node:http';
import { evaluateValue } from '../../src-shared/expression/index.ts';
import { findTrigger } from '../../src-shared/workflow/find-trigger.ts';
import { matchRelativePath } from '../../src-shared/workflow/relative-path.ts';
import type { WorkflowPlan } from '../../src-shared/workflow/workflow-plan.ts';
import { parseTriggerBody, RequestBodyError } from '../runtime/request-body.ts';
import type { TriggerState } from '../runtime/run-types.ts';
import { validateAgainstSchema } from '../runtime/schema-validation.ts';
import type { HttpRefusal } from './answer.ts';
import { queryOf, type Call } from './call.ts';
import { gateFor, type ConcurrencyGate } from './concurrency.ts';
import { LOAD_RETRY_AFTER_SECONDS } from './load-budget.ts';
import { runContextFor, type RunContext } from './run-context.ts';
import type { ServedWorkflow } from './trigger-host.ts';

/** Largest request body Logic Apps accepts (docs/logic-apps-behaviour.md §6). */
export const MAX_BODY_BYTES = 104_857_600;
/** Longest request URL Logic Apps accepts (docs/logic-apps-behaviour.md §6). */
export const MAX_URL_LENGTH = 16_384;

/** A call that passed every check: what running it needs. */
export interface Admission {
  workflow: ServedWorkflow;
  plan: WorkflowPlan;
  context: RunContext;
  /** With `splitOn`: the items, one run each (the caller gets 202 at once). */
  items?: unknown[];
  /** The trigger's concurrency gate, when it sets `runtimeConfiguration.concurrency`. */
  gate?: ConcurrencyGate;
  /** Without `splitOn`: resolves when the run holds a place in the gate. */
  turn?: Promise<void>;
}

/** Runs every admission check; returns the admission, or undefined when the call was refused (answered and recorded). */
export async function admitCall(call: Call): Promise<Admission | undefined> {
  const { req, res, route, host } = call;
  const query = queryOf(req.url ?? '/');
  const authorize = (trigger: string) => host.authorize({ workflow: host.findWorkflow(route.workflow)!, trigger, query, authorization: req.headers.authorization, remoteAddress: req.socket.remoteAddress ?? '' });
  const found = findTrigger(host.findWorkflow, { workflow: route.workflow, trigger: route.trigger, mustBeCallable: true });
  if (!found.ok) {
    if (found.code === 'WorkflowNotFound') return refused(call, found);
    call.workflow = host.findWorkflow(route.workflow);
    // Until the caller is authenticated it learns no more than Azure tells it: never the
    // trigger's real name or the problem texts (which quote expressions). The history,
    // read by the workbench's own user, keeps the full reason (docs/runtime.md).
    const mayKnow = found.code === 'WorkflowNotCallable' && (await authorize(route.trigger)).ok;
    return refused(call, { status: found.status, code: found.code, message: mayKnow ? found.message : found.publicMessage, detail: found.message });
  }
  const { workflow, plan } = found;
  call.workflow = workflow;
  call.plan = plan;
  const decision = await authorize(plan.triggerName);
  if (!decision.ok) return refused(call, decision);
  // Disabled only after authentication, so an unauthenticated caller cannot tell.
  const flowState = appSettingIgnoringCase(host.appSettings(), `workflows.${workflow.name}.flowstate`);
  if (flowState?.toLowerCase() === 'disabled') {
    return refused(call, { status: 400, code: 'WorkflowTriggerIsNotEnabled', message: `The workflow '${workflow.name}' is disabled (app setting 'Workflows.${workflow.name}.FlowState' is 'Disabled' in local.settings.json). Remove the setting or set it to 'Enabled'.` });
  }
  call.auth = decision.auth;
  const method = (req.method ?? 'GET').toUpperCase();
  if (plan.method && plan.method !== method) {
    return refused(call, { status: 405, code: 'TriggerRequestMethodNotValid', message: `The HTTP method for this request is not valid: expected '${plan.method}' and actual '${method}'.`, headers: { Allow: plan.method } });
  }
  let relativePathParameters: Record<string, string> = {};
  if (plan.relativePath) {
    const params = matchRelativePath(plan.relativePath, route.relativePath);
    if (!params) {
      return refused(call, { status: 404, code: 'TriggerRelativePathNotMatched', message: `The path '/${route.relativePath}' after '/invoke' does not match the trigger's relativePath '${plan.relativePath.source}'.` });
    }
    relativePathParameters = params;
  } else if (route.relativePath && route.relativePath !== '') {
    return refused(call, { status: 404, code: 'TriggerRelativePathNotMatched', message: `The trigger '${plan.triggerName}' has no relativePath, so the URL must end at '/invoke' (it continues with '/${route.relativePath}').` });
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    return refused(call, { status: 413, code: 'RequestContentTooLarge', message: `The request body is ${declared} bytes; Logic Apps accepts at most ${MAX_BODY_BYTES} bytes (100 MB).` });
  }
  // The global bound on work in flight (load-budget.ts): a place for the run and the
  // body's bytes, held until the run ends (handleTriggerCall releases them).
  const budget = host.budget;
  if (budget) {
    if (!call.holdRunPlace()) return refused(call, overloaded('TooManyRunsInFlight', `Triggerbench already has ${host.limits?.().maxRunsInFlight} runs in flight, the most it holds at once (settings: limits.maxRunsInFlight).`));
    if (declared > 0 && !call.holdBodyBytes(declared)) return refused(call, overloaded('TooManyBytesInFlight', bytesInFlightMessage(call)));
  }
  // Expect: 100-continue: invite the body only now that every check that needs no body
  // passed (RFC 9110 §10.1.1), so a refused call, a 413 above all, is not uploaded first.
  if (/\b100-continue\b/i.test(String(req.headers.expect ?? ''))) res.writeContinue();
  // A body without Content-Length (chunked) is counted as it arrives.
  const body = await readBody(req, MAX_BODY_BYTES, budget && declared === 0 ? (bytes) => call.holdBodyBytes(bytes) : undefined);
  if (body === 'aborted') {
    call.recordAs('Rejected', true, { error: { code: 'ClientDisconnected', message: 'The caller closed the connection before sending the whole body.' } });
    return undefined;
  }
  if (body === 'over-budget') return refused(call, overloaded('TooManyBytesInFlight', bytesInFlightMessage(call)));
  if (body === 'too-large') {
    return refused(call, { status: 413, code: 'RequestContentTooLarge', message: `The request body is larger than ${MAX_BODY_BYTES} bytes (100 MB), the most Logic Apps accepts.` });
  }
  call.bodyBytes = body;
  let parsedBody: unknown;
  try {
    parsedBody = parseTriggerBody(body, req.headers['content-type']);
  } catch (error) {
    if (error instanceof RequestBodyError) return refused(call, { status: 400, code: error.code, message: error.message });
    throw error;
  }
  if (plan.schema && plan.options.has('EnableSchemaValidation')) {
    const failure = validateAgainstSchema(plan.schema, parsedBody);
    if (failure) {
      return refused(call, { status: 400, code: 'TriggerInputSchemaMismatch', message: `The input body for trigger '${plan.triggerName}' of type 'Request' did not match its schema definition. Error details: '${failure}'` });
    }
  }
  const queries: Record<string, string> = {};
  for (const [key, value] of query) if (!isSasParameter(key)) queries[key] = value;
  const outputs: TriggerState['outputs'] = {
    headers: call.triggerHeaders(plan.options.has('IncludeAuthorizationHeadersInOutputs')),
    queries,
    relativePathParameters,
    body: parsedBody,
  };
  call.triggerOutputs = outputs;
  const context = runContextFor(call, workflow, plan, outputs);
  for (const [index, condition] of (plan.trigger.conditions ?? []).entries()) {
    let passed: unknown;
    try {
      passed = evaluateValue(condition.expression, context.expressions);
    } catch (error) {
      return refused(call, { status: 400, code: 'InvalidTemplate', message: `The trigger condition ${index + 1} ('${String(condition.expression)}') cannot be evaluated: ${(error as Error).message}` });
    }
    if (passed !== true) {
      call.send({ status: 202, headers: call.workflowHeaders(false), body: Buffer.alloc(0) });
      call.recordAs('Skipped', true, { error: { code: 'TriggerConditionNotMet', message: `The trigger condition ${index + 1} ('${String(condition.expression)}') evaluated to ${JSON.stringify(passed)}, so no run started.` }, triggerOutputs: outputs });
      return undefined;
    }
  }
  const gate = plan.concurrency ? gateFor(host, workflow.name, plan.concurrency) : undefined;
  if (plan.splitOn !== undefined) {
    let items: unknown;
    try {
      items = evaluateValue(plan.splitOn, context.expressions);
    } catch (error) {
      return refused(call, { status: 400, code: 'InvalidTemplate', message: `The trigger's splitOn ('${plan.splitOn}') cannot be evaluated: ${(error as Error).message}` });
    }
    if (!Array.isArray(items)) {
      const got = items === null ? 'null' : typeof items;
      return refused(call, { status: 400, code: 'InvalidTemplate', message: `The trigger's splitOn ('${plan.splitOn}') must give an array, but gave ${got}. Send a body where it points to an array.` });
    }
    // Each item takes its own place in the gate when it runs (run-call.ts).
    return { workflow, plan, context, items, gate };
  }
  const turn = gate ? gate.enter() : Promise.resolve();
  if (!turn) {
    return refused(call, {
      status: 429,
      code: 'WorkflowRunsQueueFull',
      message: `The workflow '${workflow.name}' already has ${plan.concurrency!.runs} runs in progress and ${plan.concurrency!.maximumWaitingRuns} waiting (runtimeConfiguration.concurrency). Try again later.`,
      headers: { 'Retry-After': '1' },
    });
  }
  return { workflow, plan, context, gate, turn };
}

/** Refuses the call (answered and recorded as Rejected); always undefined, for `return refused(...)`. */
function refused(call: Call, refusal: HttpRefusal): undefined {
  call.refuse(refusal);
  return undefined;
}

/** App settings by lower-cased name, per settings object (a new object on every reload of local.settings.json). */
const settingsByLowerName = new WeakMap<Record<string, string>, Map<string, string>>();

/** An app setting looked up case-insensitively, as Azure's Workflows.<name>.FlowState is. */
function appSettingIgnoringCase(settings: Record<string, string>, name: string): string | undefined {
  let byLower = settingsByLowerName.get(settings);
  if (!byLower) {
    byLower = new Map();
    // The first spelling wins when a name is written twice in different case.
    for (const [key, value] of Object.entries(settings)) if (!byLower.has(key.toLowerCase())) byLower.set(key.toLowerCase(), value);
    settingsByLowerName.set(settings, byLower);
  }
  return byLower.get(name.toLowerCase());
}

/** A 429 for load, with Retry-After (docs/runtime.md, Limits). */
function overloaded(code: string, message: string): HttpRefusal {
  return { status: 429, code, message: `${message} Try again in ${LOAD_RETRY_AFTER_SECONDS} seconds.`, headers: { 'Retry-After': String(LOAD_RETRY_AFTER_SECONDS) } };
}

function bytesInFlightMessage(call: Call): string {
  const limit = call.host.limits?.().maxBufferedBodyBytes ?? 0;
  return `The request bodies Triggerbench holds in flight would pass ${Math.round(limit / 1024 / 1024)} MiB, the most it holds at once (settings: limits.maxBufferedBodyBytes).`;
}

/**
 * Reads the whole body, or stops at `limit` bytes ('too-large') or a caller that went away
 * ('aborted'). `reserve`, when given, is asked for every chunk's bytes first (the global
 * budget); a refusal stops the reading with 'over-budget'.
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

