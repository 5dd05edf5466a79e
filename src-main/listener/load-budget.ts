import type { RuntimeLimits } from '../../src-shared/contract.ts';

/**
 * The global bound on work in flight (docs/runtime.md, "Limits"): runs admitted and not
 * finished, and request body bytes read and still held by them, across all workflows of
 * one listener. Beyond either, calls are answered 429 with `Retry-After` rather than
 * letting memory grow with the callers (20,000 calls into a long Wait, ten 95 MB bodies).
 */
export class LoadBudget {
  private runs = 0;
  private bytes = 0;
  private readonly limits: () => RuntimeLimits;

  constructor(limits: () => RuntimeLimits) {
    this.limits = limits;
  }

  /** Takes a place for one run; false when `maxRunsInFlight` are already in flight. */
  enterRun(): boolean {
    if (this.runs >= this.limits().maxRunsInFlight) return false;
    this.runs += 1;
    return true;
  }

  leaveRun(): void {
    this.runs -= 1;
  }

  /** Reserves body bytes; false (nothing reserved) when that would pass `maxBufferedBodyBytes`. */
  reserve(bytes: number): boolean {
    if (bytes <= 0) return true;
    if (this.bytes + bytes > this.limits().maxBufferedBodyBytes) return false;
    this.bytes += bytes;
    return true;
  }

  release(bytes: number): void {
    this.bytes -= bytes;
  }

  /** What is in flight now (for tests and diagnostics). */
  usage(): { runs: number; bytes: number } {
    return { runs: this.runs, bytes: this.bytes };
  }
}

/** Seconds a caller refused for load is told to wait before trying again. */
export const LOAD_RETRY_AFTER_SECONDS = 5;
