import { HistoryError } from './history-error.ts';
import type { HistoryWriter } from './history-write.ts';

/** How much history to keep. Missing fields take the defaults. */
export interface Retention {
  /** Keep at most this many runs, newest by start time (default 100,000; `Infinity` for no limit). */
  maxRuns?: number;
  /** Drop runs that started more than this many days ago (default: no age limit). */
  maxAgeDays?: number;
}

/** Retention with the defaults filled in; `Infinity` means no limit. */
export interface ResolvedRetention {
  maxRuns: number;
  maxAgeDays: number;
}

/** Runs kept when no retention is set: what the console is designed (and benched) to stay fast with. */
export const DEFAULT_MAX_RUNS = 100_000;

/** Fills in the defaults and rejects values that cannot be meant (negative, NaN). */
export function resolveRetention(retention: Retention | undefined, file: string): ResolvedRetention {
  const maxRuns = retention?.maxRuns ?? DEFAULT_MAX_RUNS;
  const maxAgeDays = retention?.maxAgeDays ?? Infinity;
  if (!(maxRuns >= 0) || (Number.isFinite(maxRuns) && !Number.isInteger(maxRuns))) {
    throw new HistoryError('InvalidRetention', `History retention maxRuns must be a whole number of runs (0 or more), or Infinity for no limit; got ${maxRuns}.`, file);
  }
  if (!(maxAgeDays > 0)) {
    throw new HistoryError('InvalidRetention', `History retention maxAgeDays must be a number of days above 0, or left out for no age limit; got ${maxAgeDays}.`, file);
  }
  return { maxRuns, maxAgeDays };
}

/**
 * Deletes runs beyond the retention, inside the caller's transaction; returns how many.
 * Cheap when nothing is due: both rules work on the sort key `seq` (the rowid), so the
 * age rule is one rowid seek and the count rule the writer's kept count (no reads);
 * when something is due, only the excess rows are visited, from the old end.
 *
 * Runs inside the writer thread (see createHistoryWriter): parameters and globals only.
 */
export function applyRetention(writer: HistoryWriter, retention: ResolvedRetention, now: number): number {
  let removed = 0;
  if (Number.isFinite(retention.maxAgeDays)) {
    // seq = startMs * 1024 + slot, so "started before the cut-off" is a rowid range.
    removed += writer.deleteBefore((now - retention.maxAgeDays * 86_400_000) * 1024);
  }
  if (Number.isFinite(retention.maxRuns)) {
    const excess = writer.count() - retention.maxRuns;
    // The excess is the oldest runs: everything up to the excess-th sort key, one range.
    const last = excess > 0 ? writer.nthOldest(excess) : undefined;
    if (last !== undefined) removed += writer.deleteBefore(last + 1);
  }
  return removed;
}
