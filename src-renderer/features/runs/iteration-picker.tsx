import { loopIterations, type IterationSelection } from '../../../src-shared/run-iterations.ts';
import type { ActionRun } from '../../../src-shared/runs.ts';
import { Button } from '../../components/button.tsx';

/** Props of `IterationPicker`. */
export interface IterationPickerProps {
  actions: readonly ActionRun[];
  loop: string;
  selection: IterationSelection;
  onChange(selection: IterationSelection): void;
}

const isFailure = (status: string): boolean => status === 'Failed' || status === 'TimedOut';

/**
 * Picks which iteration of a Foreach or Until the run detail's action list shows, like
 * Azure's run view: previous/next, a list numbered from 1 with each iteration's worst
 * status, and a jump to the next failed iteration. The run graph's pickers share the same
 * selection (docs/console.md, "Run detail").
 */
export function IterationPicker({ actions, loop, selection, onChange }: IterationPickerProps) {
  const iterations = loopIterations(actions, loop, selection);
  if (iterations.length === 0) return <span className="muted small">No iterations ran.</span>;
  const current = selection[loop] ?? 0;
  const position = Math.max(0, iterations.findIndex((i) => i.index === current));
  const go = (index: number): void => onChange({ ...selection, [loop]: index });
  const failed = iterations.filter((i) => isFailure(i.status));
  const nextFailed = failed.find((i) => i.index > current) ?? failed[0];
  return (
    <div className="iteration-picker" role="group" aria-label={`Iterations of ${loop}`}>
      <Button size="sm" variant="ghost" aria-label="Previous iteration" title="Previous iteration" disabled={position === 0} onClick={() => go(iterations[position - 1]!.index)}>
        ‹
      </Button>
      <label className="small">
        Iteration{' '}
        <select aria-label={`Action list: iteration of ${loop}`} value={current} onChange={(event) => go(Number(event.target.value))}>
          {iterations.map((i) => (
            <option key={i.index} value={i.index}>
              {i.index + 1}
              {i.status !== 'Succeeded' ? ` · ${i.status}` : ''}
            </option>
          ))}
        </select>{' '}
        of {iterations.length}
      </label>
      <Button size="sm" variant="ghost" aria-label="Next iteration" title="Next iteration" disabled={position >= iterations.length - 1} onClick={() => go(iterations[position + 1]!.index)}>
        ›
      </Button>
      {nextFailed ? (
        <Button size="sm" variant="ghost" className="iteration-failed" onClick={() => go(nextFailed.index)}>
          Next failed ({failed.length})
        </Button>
      ) : null}
    </div>
  );
}
