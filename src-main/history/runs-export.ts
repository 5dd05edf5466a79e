import type { RunQuery, RunRecord, RunStatus } from '../../src-shared/runs.ts';
import type { RunHistory } from './history.ts';

/** Which runs to export: filters like `triggerbench runs`, or ids. */
export interface RunSelection {
  workflow?: string;
  status?: RunStatus;
  ids?: string[];
  /** At most this many runs (newest first); all that match when absent. */
  limit?: number;
}

const PAGE = 1000;

/**
 * The full records of the selected runs, newest first (ids keep the order given). An id
 * that is not in the history is an error naming it, so a script never exports less
 * than it asked for without knowing.
 */
export function selectRuns(history: RunHistory, selection: RunSelection): RunRecord[] {
  if (selection.ids && selection.ids.length > 0) {
    const runs: RunRecord[] = [];
    const missing: string[] = [];
    for (const id of selection.ids) {
      const run = history.get(id);
      if (run) runs.push(run);
      else missing.push(id);
    }
    if (missing.length > 0) throw Object.assign(new Error(`No recorded run with id ${missing.join(', ')}. List runs with 'triggerbench runs'.`), { code: 'RunNotFound' });
    return runs.filter((run) => (!selection.workflow || run.workflow.toLowerCase() === selection.workflow.toLowerCase()) && (!selection.status || run.status === selection.status)).slice(0, selection.limit);
  }
  const runs: RunRecord[] = [];
  const query: RunQuery = { workflow: selection.workflow, status: selection.status };
  for (let offset = 0; ; offset += PAGE) {
    const want = selection.limit === undefined ? PAGE : Math.min(PAGE, selection.limit - runs.length);
    if (want <= 0) break;
    const page = history.list({ ...query, limit: want, offset });
    for (const summary of page) {
      const run = history.get(summary.id);
      if (run) runs.push(run); // deleted by retention between list and get: skipped
    }
    if (page.length < want) break;
  }
  return runs;
}

/** Runs as NDJSON: one whole run record per line. */
export function runsToNdjson(runs: RunRecord[]): string {
  return runs.map((run) => `${JSON.stringify(run)}\n`).join('');
}
