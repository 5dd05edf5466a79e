import type { ActionRun, ActionStatus, IterationIndex } from './runs.ts';

/**
 * Picking loop iterations out of a run record. Actions inside a Foreach or Until have one
 * record per iteration (`ActionRun.iteration`); the run view shows one iteration of each
 * loop at a time, chosen by the user. The console's run detail and the run graph share
 * these rules (docs/runtime.md, "Run records").
 */

/** The chosen iteration of each loop, by loop name; a loop not listed shows iteration 0. */
export type IterationSelection = Readonly<Record<string, number>>;

/** One iteration of a loop as the picker lists it: its number and its worst action status. */
export interface IterationSummary {
  index: number;
  status: ActionStatus;
}

/** A stable text key for an iteration path, e.g. `For_each#2/Until#0` ('' outside loops). */
export function iterationKey(iteration: readonly IterationIndex[] | undefined): string {
  return (iteration ?? []).map((level) => `${level.loop}#${level.index}`).join('/');
}

/** True when the record belongs to the selected iteration of every loop around it. */
export function inSelectedIteration(run: ActionRun, selection: IterationSelection): boolean {
  return (run.iteration ?? []).every((level) => level.index === (selection[level.loop] ?? 0));
}

/** The records to show for a selection: one per action (the selected iteration's), in run order. */
export function actionRunsAt(actions: readonly ActionRun[], selection: IterationSelection): ActionRun[] {
  return actions.filter((run) => inSelectedIteration(run, selection));
}

const SEVERITY: readonly ActionStatus[] = ['Succeeded', 'Skipped', 'Running', 'Cancelled', 'TimedOut', 'Failed'];

/**
 * The iterations of one loop under the current selection of the loops around it, each
 * with the worst status among its actions (Failed first), for the iteration picker.
 */
export function loopIterations(actions: readonly ActionRun[], loop: string, selection: IterationSelection): IterationSummary[] {
  const loopRun = actions.find((run) => run.name === loop && inSelectedIteration(run, selection));
  const byIndex = new Map<number, ActionStatus>();
  for (let index = 0; index < (loopRun?.iterationCount ?? 0); index++) byIndex.set(index, 'Succeeded');
  for (const run of actions) {
    const levels = run.iteration ?? [];
    const at = levels.findIndex((level) => level.loop === loop);
    if (at < 0) continue;
    // Only records under the selected iterations of the outer loops count.
    if (!levels.slice(0, at).every((level) => level.index === (selection[level.loop] ?? 0))) continue;
    const index = levels[at]!.index;
    const previous = byIndex.get(index) ?? 'Succeeded';
    byIndex.set(index, SEVERITY.indexOf(run.status) > SEVERITY.indexOf(previous) ? run.status : previous);
  }
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([index, status]) => ({ index, status }));
}
