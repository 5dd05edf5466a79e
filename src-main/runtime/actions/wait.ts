import type { ActionHandler } from '../run-types.ts';

const UNIT_MS: Record<string, number> = {
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
  month: 2_592_000_000,
};

/** Sleeps, but ends early (Cancelled) when the workbench stops, the run is terminated or the action times out. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Wait (the designer's Delay / Delay until): `interval: { count, unit }` or `until: { timestamp }`. */
export const wait: ActionHandler = async ({ name, action, evaluate, env, signal }) => {
  const inputs = evaluate(action.inputs) as { interval?: { count?: unknown; unit?: unknown }; until?: { timestamp?: unknown } } | undefined;
  let ms: number;
  if (inputs?.interval) {
    const count = Number(inputs.interval.count);
    const unit = UNIT_MS[String(inputs.interval.unit ?? '').toLowerCase()];
    if (!Number.isFinite(count) || count < 0 || !unit) {
      return { status: 'Failed', inputs, error: { code: 'InvalidWaitInterval', message: `Wait '${name}' needs interval.count (a number ≥ 0) and interval.unit (Second, Minute, Hour, Day, Week or Month); got ${JSON.stringify(inputs.interval)}.` } };
    }
    ms = count * unit;
  } else if (inputs?.until) {
    const at = Date.parse(String(inputs.until.timestamp));
    if (Number.isNaN(at)) return { status: 'Failed', inputs, error: { code: 'InvalidWaitTimestamp', message: `Wait '${name}' has until.timestamp '${String(inputs.until.timestamp)}', which is not an ISO 8601 time.` } };
    ms = Math.max(0, at - (env.now?.() ?? new Date()).getTime());
  } else {
    return { status: 'Failed', inputs, error: { code: 'InvalidWaitInputs', message: `Wait '${name}' needs inputs.interval or inputs.until.` } };
  }
  const finished = await sleep(Math.min(ms, 2_147_483_647), signal);
  if (!finished) {
    const why = env.signal.aborted ? 'Triggerbench stopped' : 'the run was terminated or the action timed out';
    return { status: 'Cancelled', inputs, error: { code: 'Cancelled', message: `The wait was cancelled because ${why}.` } };
  }
  return { status: 'Succeeded', inputs };
};
