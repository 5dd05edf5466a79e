import type { ActionHandler } from '../run-types.ts';

const STATUSES = ['Succeeded', 'Failed', 'Cancelled'] as const;

/**
 * Terminate: ends the run at once with `runStatus` (Succeeded, Failed or Cancelled; a
 * Failed run carries `runError.code` and `.message`). Running actions are cancelled and no
 * other action starts; a Response already sent stays sent.
 */
export const terminate: ActionHandler = async ({ name, action, evaluate, terminate: end }) => {
  const inputs = (evaluate(action.inputs) ?? {}) as { runStatus?: unknown; runError?: { code?: unknown; message?: unknown } };
  const status = STATUSES.find((s) => s.toLowerCase() === String(inputs.runStatus ?? '').toLowerCase());
  if (!status) {
    return { status: 'Failed', inputs, error: { code: 'InvalidTerminateStatus', message: `Terminate '${name}' has runStatus ${JSON.stringify(inputs.runStatus)}; use Succeeded, Failed or Cancelled.` } };
  }
  if (status === 'Failed') {
    const code = inputs.runError?.code;
    const message = inputs.runError?.message;
    end(status, { code: code === undefined || code === null || code === '' ? 'Terminated' : String(code), message: message === undefined || message === null ? `The run was terminated by '${name}' with status Failed.` : String(message) });
  } else {
    end(status);
  }
  return { status: 'Succeeded', inputs };
};
