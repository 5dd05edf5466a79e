/**
 * A trigger call, start to end. Each step has its own file (docs/runtime.md, "A call"):
 * enter (server.ts routes the request here), authorize (src-main/auth/authorize.ts,
 * asked by the admission), admit (admit-call.ts), run (run-call.ts), record
 * (record-call.ts) and answer (answer.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TriggerRoute } from '../../src-shared/workflow/routes.ts';
import { admitCall } from './admit-call.ts';
import { Call } from './call.ts';
import { runCall } from './run-call.ts';
import type { TriggerHost } from './trigger-host.ts';

/** Handles one call to a trigger route: admit it (or refuse it), then run it. */
export async function handleTriggerCall(req: IncomingMessage, res: ServerResponse, route: TriggerRoute, host: TriggerHost): Promise<void> {
  // Back-pressure: while the history is far behind, a new call waits here (its body
  // still unread) until the writer catches up, so an endless load slows down rather than
  // piling up runs not yet recorded.
  const room = host.recorderRoom?.();
  if (room) await room;
  const call = new Call(req, res, route, host);
  try {
    const admission = await admitCall(call);
    if (admission) await runCall(call, admission);
  } finally {
    // The run's place and body bytes in the global budget (docs/runtime.md, Limits).
    call.releaseHeld();
  }
}
