import type { WorkflowDefinition } from '../../src-shared/workflow/types.ts';
import { executeRun } from '../../src-main/runtime/engine.ts';
import type { ResponseMessage, RunOutcome, RunServices } from '../../src-main/runtime/run-types.ts';

/** Runs a definition's actions directly (no listener), with a trigger body; returns the outcome and what a Response sent. */
export async function runDefinition(actions: Record<string, unknown>, options: { body?: unknown; services?: RunServices; staticResults?: Record<string, unknown>; signal?: AbortSignal; now?: () => Date } = {}): Promise<RunOutcome & { sent?: ResponseMessage }> {
  let sent: ResponseMessage | undefined;
  const definition = { triggers: { manual: { type: 'Request', kind: 'Http' } }, actions, staticResults: options.staticResults } as WorkflowDefinition;
  const outcome = await executeRun({
    runId: '08584000000000000000000000000CU00',
    workflowName: 'wf',
    definition,
    parameters: {},
    appSettings: {},
    trigger: { name: 'manual', inputs: {}, outputs: { headers: {}, queries: {}, relativePathParameters: {}, body: options.body ?? null }, startTime: '', endTime: '', status: 'Succeeded', trackingId: 't', clientTrackingId: 'c', originHistoryName: 'r' },
    respond: (message) => {
      if (sent) return 'already-sent';
      sent = message;
      return 'sent';
    },
    signal: options.signal ?? new AbortController().signal,
    services: options.services,
    now: options.now,
  });
  return sent ? { ...outcome, sent } : outcome;
}

/** A Response action sending a JSON body. */
export const respond = (body: unknown, runAfter: Record<string, string[]> = {}) => ({ type: 'Response', kind: 'Http', inputs: { statusCode: 200, body }, runAfter });
