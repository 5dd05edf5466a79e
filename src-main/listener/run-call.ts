/**
 * Running an admitted call: trigger state, splitOn, concurrency gates, and the wait for a
 * Response (202 at once, the Response, 504 on timeout, 502 when none ran, 503 on stop).
 */
import { evaluateValue, type ExpressionContext } from '../../src-shared/expression/index.ts';
import type { WorkflowDefinition } from '../../src-shared/workflow/types.ts';
import type { ErrorInfo } from '../../src-shared/runs.ts';
import { executeRun, workflowObject } from '../runtime/engine.ts';
import { isoTime } from '../runtime/iso-time.ts';
import type { TriggerState } from '../runtime/run-types.ts';
import { errorBody } from './http-errors.ts';
import type { WorkflowPlan } from '../../src-shared/workflow/workflow-plan.ts';
import { ConcurrencyGate } from './concurrency.ts';
import { RETRY_AFTER_SECONDS, startOperation } from './async-operations.ts';
import type { Call } from './call.ts';
import type { ServedWorkflow, TriggerHost } from './trigger-host.ts';

/** How long a run goes before the history shows it as Running (shorter runs are written once). */
const RUNNING_VISIBLE_AFTER_MS = 1000;

/**
 * One gate per workflow name and listener, kept across reloads of the file: an edit that
 * leaves the limits alone must not hand out fresh places while earlier runs still hold
 * theirs. Changed limits start a new gate (runs already in the old one finish there).
 */
const gates = new WeakMap<TriggerHost, Map<string, { runs: number; maximumWaitingRuns: number; gate: ConcurrencyGate }>>();

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

export async function runWorkflow(call: Call, workflow: ServedWorkflow, plan: WorkflowPlan, outputs: TriggerState['outputs']): Promise<void> {
  const { host } = call;
  const trigger = triggerState(call, plan, outputs);
  const parameters = parametersFor(workflow.definition!, host.parameters());
  const appSettings = host.appSettings();
  const expressionContext: ExpressionContext = {
    trigger: () => trigger,
    action: () => undefined,
    parameter: (name) => (Object.hasOwn(parameters, name) ? { found: true, value: parameters[name] } : { found: false }),
    appsetting: (name) => appSettings[name],
    workflow: () => workflowObject(workflow.name, call.runId),
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
export function appSettingIgnoringCase(settings: Record<string, string>, name: string): string | undefined {
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
    services: host.runServices?.(workflow.name),
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
