/**
 * Running an admitted call (admit-call.ts) and waiting for its Response: 202 at once
 * (no Response, an asynchronous one, or splitOn), the Response's message, or the
 * gateway answers of answer.ts (504 on timeout, 502 when none ran, 503 on stop).
 */
import type { ErrorInfo } from '../../src-shared/runs.ts';
import type { WorkflowPlan } from '../../src-shared/workflow/workflow-plan.ts';
import { executeRun } from '../runtime/engine.ts';
import type { TriggerState } from '../runtime/run-types.ts';
import type { Admission } from './admit-call.ts';
import { gatewayMessage } from './answer.ts';
import { RETRY_AFTER_SECONDS, startOperation } from './async-operations.ts';
import type { Call } from './call.ts';
import { triggerState, type RunContext } from './run-context.ts';
import type { ServedWorkflow } from './trigger-host.ts';

/** How long a run goes before the history shows it as Running (shorter runs are written once). */
const RUNNING_VISIBLE_AFTER_MS = 1000;

/** Runs an admitted call: one run, or with `splitOn` one run per item after a 202. */
export async function runCall(call: Call, admission: Admission): Promise<void> {
  const { workflow, plan, context, gate, turn } = admission;
  if (admission.items) return runSplit(call, admission, admission.items);
  try {
    await turn;
    await execute(call, workflow, plan, context.trigger, context);
  } finally {
    gate?.leave();
  }
}

/**
 * A trigger with `splitOn` (docs/logic-apps-behaviour.md §5): the caller gets 202 at once, and each
 * item of the array the expression gives starts a run of its own whose trigger body is
 * that item. Azure refuses Response actions in such workflows; here one that runs fails,
 * as the answer was already sent.
 */
async function runSplit(call: Call, admission: Admission, items: unknown[]): Promise<void> {
  const { workflow, plan, context, gate } = admission;
  call.send({ status: 202, headers: call.workflowHeaders(false), body: Buffer.alloc(0) });
  const itemPlan: WorkflowPlan = { ...plan, hasResponse: false };
  await Promise.all(
    items.map(async (item) => {
      const run = call.splitRun(item);
      run.clientTrackingId = call.clientTrackingId === call.runId ? run.runId : call.clientTrackingId;
      const turn = gate ? gate.enter() : Promise.resolve();
      if (!turn) {
        return run.recordAs('Rejected', true, { error: { code: 'WorkflowRunsQueueFull', message: `The workflow '${workflow.name}' already had ${plan.concurrency!.runs} runs in progress and ${plan.concurrency!.maximumWaitingRuns} waiting, so this splitOn item did not run.` }, triggerOutputs: run.triggerOutputs });
      }
      try {
        await turn;
        await execute(run, workflow, itemPlan, triggerState(run, plan, run.triggerOutputs!), context);
      } finally {
        gate?.leave();
      }
    }),
  );
}

async function execute(call: Call, workflow: ServedWorkflow, plan: WorkflowPlan, trigger: TriggerState, context: RunContext): Promise<void> {
  const { host } = call;
  let timer: NodeJS.Timeout | undefined;
  let finished = false;
  // Once the caller has its answer the run may go on for long (a Wait after the Response,
  // or no Response at all): record it as Running now so the history shows it, and an
  // abrupt stop still leaves a trace of a call that reached the workflow (docs/history.md).
  // Deferred one turn so a run that ends at once is written only once.
  const recordRunning = (): void => {
    setImmediate(() => {
      if (!finished) call.recordAs('Running', false, { triggerOutputs: trigger.outputs });
    });
  };
  // A run still going after a second (a caller waiting on a Wait, say) is recorded as
  // Running so the history shows it live; quick runs are written once, at their end.
  const visible = setTimeout(() => {
    if (!finished) call.recordAs('Running', false, { triggerOutputs: trigger.outputs });
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
      call.send(gatewayMessage({ code: 'GatewayTimeout', runId: call.runId, timeoutMs: host.timeoutMs() }, call.workflowHeaders(true)));
      recordRunning();
    }, host.timeoutMs());
  }
  let runError: ErrorInfo | undefined;
  const outcome = await executeRun({
    runId: call.runId,
    workflowName: workflow.name,
    definition: workflow.definition!,
    parameters: context.parameters,
    appSettings: context.appSettings,
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
    operation.complete(gatewayMessage({ code: 'NoResponse', runId: call.runId, outcome: outcome.status }, call.workflowHeaders(true)));
  } else if (!call.response && outcome.status === 'Cancelled' && host.signal.aborted) {
    call.send(gatewayMessage({ code: 'ServiceStopping', runId: call.runId }, call.workflowHeaders(true)));
  } else if (!call.response) {
    // Every Response action was skipped or failed (docs/logic-apps-behaviour.md §5: 502 NoResponse).
    call.send(gatewayMessage({ code: 'NoResponse', runId: call.runId, outcome: outcome.status }, call.workflowHeaders(true)));
  }
  call.recordAs(outcome.status, true, { actions: outcome.actions, error: outcome.error ?? runError, triggerOutputs: trigger.outputs });
}
