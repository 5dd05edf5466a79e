import { describe, expect, it } from 'vitest';
import type { ActionRun } from '../../src-shared/runs.ts';
import { actionRunsAt, iterationKey, loopIterations } from '../../src-shared/run-iterations.ts';

// A Foreach of two items holding an Until that ran twice, then once: the run view shows
// one iteration of each loop at a time.
const runs: ActionRun[] = [
  { name: 'Init', type: 'InitializeVariable', status: 'Succeeded' },
  { name: 'Loop', type: 'Foreach', status: 'Failed', iterationCount: 2 },
  { name: 'Inner', type: 'Until', status: 'Succeeded', parent: 'Loop', iteration: [{ loop: 'Loop', index: 0 }], iterationCount: 2 },
  { name: 'Step', type: 'Compose', status: 'Succeeded', parent: 'Inner', iteration: [{ loop: 'Loop', index: 0 }, { loop: 'Inner', index: 0 }], outputs: 'a0' },
  { name: 'Step', type: 'Compose', status: 'Succeeded', parent: 'Inner', iteration: [{ loop: 'Loop', index: 0 }, { loop: 'Inner', index: 1 }], outputs: 'a1' },
  { name: 'Inner', type: 'Until', status: 'Failed', parent: 'Loop', iteration: [{ loop: 'Loop', index: 1 }], iterationCount: 1 },
  { name: 'Step', type: 'Compose', status: 'Failed', parent: 'Inner', iteration: [{ loop: 'Loop', index: 1 }, { loop: 'Inner', index: 0 }], outputs: 'b0' },
];

describe('run iterations', () => {
  it('shows the first iteration of every loop by default, and the chosen one otherwise', () => {
    expect(actionRunsAt(runs, {}).map((r) => `${r.name}:${String(r.outputs ?? r.status)}`)).toEqual(['Init:Succeeded', 'Loop:Failed', 'Inner:Succeeded', 'Step:a0']);
    expect(actionRunsAt(runs, { Inner: 1 }).find((r) => r.name === 'Step')?.outputs).toBe('a1');
    expect(actionRunsAt(runs, { Loop: 1 }).filter((r) => r.name !== 'Init' && r.name !== 'Loop').map((r) => r.status)).toEqual(['Failed', 'Failed']);
  });

  it('lists a loop\'s iterations with their worst status, under the outer loops\' selection', () => {
    expect(loopIterations(runs, 'Loop', {})).toEqual([{ index: 0, status: 'Succeeded' }, { index: 1, status: 'Failed' }]);
    expect(loopIterations(runs, 'Inner', {})).toEqual([{ index: 0, status: 'Succeeded' }, { index: 1, status: 'Succeeded' }]);
    expect(loopIterations(runs, 'Inner', { Loop: 1 })).toEqual([{ index: 0, status: 'Failed' }]);
  });

  it('keys an iteration path as text', () => {
    expect(iterationKey(runs[4]!.iteration)).toBe('Loop#0/Inner#1');
    expect(iterationKey(undefined)).toBe('');
  });
});
