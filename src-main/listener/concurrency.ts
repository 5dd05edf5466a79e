import type { TriggerHost } from './trigger-host.ts';

/**
 * Trigger concurrency control (`runtimeConfiguration.concurrency`): at most `runs` runs
 * at once, up to `maximumWaitingRuns` waiting in arrival order; beyond that calls are
 * refused with 429 (docs/logic-apps-behaviour.md §3).
 */
export class ConcurrencyGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly runs: number;
  private readonly maximumWaitingRuns: number;

  constructor(runs: number, maximumWaitingRuns: number) {
    this.runs = runs;
    this.maximumWaitingRuns = maximumWaitingRuns;
  }

  /** A promise that resolves when the call may run, or null when running and waiting places are full. */
  enter(): Promise<void> | null {
    if (this.active < this.runs) {
      this.active++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.maximumWaitingRuns) return null;
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Frees a running place: the next waiting call takes it. */
  leave(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

/**
 * One gate per workflow name and listener, kept across reloads of the file: an edit that
 * leaves the limits alone must not hand out fresh places while earlier runs still hold
 * theirs. Changed limits start a new gate (runs already in the old one finish there).
 */
const gates = new WeakMap<TriggerHost, Map<string, { runs: number; maximumWaitingRuns: number; gate: ConcurrencyGate }>>();

/** The gate of a workflow's trigger on one listener. */
export function gateFor(host: TriggerHost, workflowName: string, limits: { runs: number; maximumWaitingRuns: number }): ConcurrencyGate {
  let byName = gates.get(host);
  if (!byName) gates.set(host, (byName = new Map()));
  const key = workflowName.toLowerCase();
  const known = byName.get(key);
  if (known && known.runs === limits.runs && known.maximumWaitingRuns === limits.maximumWaitingRuns) return known.gate;
  const gate = new ConcurrencyGate(limits.runs, limits.maximumWaitingRuns);
  byName.set(key, { ...limits, gate });
  return gate;
}
