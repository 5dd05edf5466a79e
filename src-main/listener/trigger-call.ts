import type { IncomingMessage, ServerResponse } from 'node:http';
import { matchRelativePath } from '../../src-shared/workflow/relative-path.ts';
import { parseTriggerBody, RequestBodyError } from '../runtime/request-body.ts';
import type { TriggerState } from '../runtime/run-types.ts';
import { validateAgainstSchema } from '../runtime/schema-validation.ts';
import type { TriggerRoute } from '../../src-shared/workflow/routes.ts';
import { planFor } from '../../src-shared/workflow/workflow-plan.ts';
import { Call, queryOf, readBody } from './call.ts';
import { appSettingIgnoringCase, runWorkflow } from './run-call.ts';
import type { ServedWorkflow, TriggerHost } from './trigger-host.ts';
import type { HttpRefusal } from './http-errors.ts';
import { LOAD_RETRY_AFTER_SECONDS } from './load-budget.ts';
import type { WorkflowPlan } from '../../src-shared/workflow/workflow-plan.ts';

/** Largest request body Logic Apps accepts (reference section 6). */
export const MAX_BODY_BYTES = 104_857_600;
/** Longest request URL Logic Apps accepts (reference section 6). */
export const MAX_URL_LENGTH = 16_384;
/** Query parameters that belong to the SAS and never reach `triggerOutputs()['queries']`. */
const SAS_PARAMS = new Set(['sp', 'sv', 'sig', 'se']);

/**
 * Handles one call to a trigger route, in the order Logic Apps applies its rules:
 * workflow and trigger exist → auth → enabled → method → relative path → size → body
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
  const query = queryOf(req.url ?? '/');
  // Until the caller is authenticated it learns no more than Azure tells it: that the
  // workflow cannot be called or has no such trigger, never the trigger's name, the
  // problem texts (which quote expressions) or whether it is disabled. The run history,
  // read by the workbench's own user, keeps the full reason (docs/runtime.md).
  if (!plan || !workflow.callable) {
    const firstError = workflow.problems.find((p) => p.severity === 'error');
    const why = firstError ? ` First problem: ${firstError.file}${firstError.pointer ? ` at ${firstError.pointer}` : ''}: ${firstError.message}` : plan ? '' : ' It has no Request trigger.';
    const full = `The workflow '${workflow.name}' cannot be called until its problems are fixed.${why}`;
    const authorized = await host.authorize({ workflow, trigger: route.trigger, query, authorization: req.headers.authorization, remoteAddress: req.socket.remoteAddress ?? '' });
    const message = authorized.ok ? full : `The workflow '${route.workflow}' cannot be called until its problems are fixed. Its problems are listed in Triggerbench.`;
    return call.refuse({ status: 400, code: 'WorkflowNotCallable', message, detail: full });
  }
  if (plan.triggerName.toLowerCase() !== route.trigger.toLowerCase()) {
    const message = `The workflow '${route.workflow}' has no trigger '${route.trigger}'.`;
    return call.refuse({ status: 404, code: 'WorkflowTriggerNotFound', message, detail: `${message} Its Request trigger is '${plan.triggerName}'.` });
  }
  call.plan = plan;
  const decision = await host.authorize({ workflow, trigger: plan.triggerName, query, authorization: req.headers.authorization, remoteAddress: req.socket.remoteAddress ?? '' });
  if (!decision.ok) return call.refuse(decision);
  const flowState = appSettingIgnoringCase(host.appSettings(), `workflows.${workflow.name}.flowstate`);
  if (flowState?.toLowerCase() === 'disabled') {
    return call.refuse({ status: 400, code: 'WorkflowTriggerIsNotEnabled', message: `The workflow '${workflow.name}' is disabled (app setting 'Workflows.${workflow.name}.FlowState' is 'Disabled' in local.settings.json). Remove the setting or set it to 'Enabled'.` });
  }
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
  // The global bound on work in flight (load-budget.ts): a place for the run, and the
  // body's bytes, held until the run ends.
  const budget = host.budget;
  if (budget && !budget.enterRun()) return call.refuse(overloaded('TooManyRunsInFlight', `Triggerbench already has ${host.limits?.().maxRunsInFlight} runs in flight, the most it holds at once (Settings, limits.maxRunsInFlight).`));
  let reserved = 0;
  try {
    if (budget && declared > 0) {
      if (!budget.reserve(declared)) return call.refuse(overloaded('TooManyBytesInFlight', bytesMessage(host)));
      reserved = declared;
    }
    // Expect: 100-continue: invite the body only now that every check that needs no body
    // passed (RFC 9110 §10.1.1), so a refused call, a 413 above all, is not uploaded first.
    if (/\b100-continue\b/i.test(String(req.headers.expect ?? ''))) res.writeContinue();
    // A body without Content-Length (chunked) is counted as it arrives.
    const reserveChunk = budget && reserved === 0 ? (bytes: number) => budget.reserve(bytes) && ((reserved += bytes), true) : undefined;
    const body = await readBody(req, MAX_BODY_BYTES, reserveChunk);
    if (body === 'aborted') return call.record('Rejected', true, { error: { code: 'ClientDisconnected', message: 'The caller closed the connection before sending the whole body.' } });
    if (body === 'over-budget') return call.refuse(overloaded('TooManyBytesInFlight', bytesMessage(host)));
    if (body === 'too-large') {
      return call.refuse({ status: 413, code: 'RequestContentTooLarge', message: `The request body is larger than ${MAX_BODY_BYTES} bytes (100 MB), the most Logic Apps accepts.` });
    }
    await admitBody(call, body, plan, workflow, query, relativePathParameters);
  } finally {
    budget?.leaveRun();
    budget?.release(reserved);
  }
}

function overloaded(code: string, message: string): HttpRefusal {
  return { status: 429, code, message: `${message} Try again in ${LOAD_RETRY_AFTER_SECONDS} seconds.`, headers: { 'Retry-After': String(LOAD_RETRY_AFTER_SECONDS) } };
}

function bytesMessage(host: TriggerHost): string {
  const limit = host.limits?.().maxBufferedBodyBytes ?? 0;
  return `The request bodies Triggerbench holds in flight would pass ${Math.round(limit / 1024 / 1024)} MiB, the most it holds at once (Settings, limits.maxBufferedBodyBytes).`;
}

/** The body's part of admission (parse, schema), then the run. */
async function admitBody(call: Call, body: Buffer, plan: WorkflowPlan, workflow: ServedWorkflow, query: URLSearchParams, relativePathParameters: Record<string, string>): Promise<void> {
  const { req } = call;
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

