/**
 * Trigger concurrency control (`runtimeConfiguration.concurrency`): at most `runs` runs
 * at once, up to `maximumWaitingRuns` waiting in arrival order; beyond that calls are
 * refused with 429 (reference section 3).
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
