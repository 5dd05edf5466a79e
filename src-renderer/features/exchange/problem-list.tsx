import type { Problem } from '../../../src-shared/problems.ts';
import { Icon } from '../../components/icon.tsx';

/** Problems of an export or an import: what, where (workflow, file, pointer) and the code. */
export function ProblemList({ problems }: { problems: Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="xchg-problems">
      {problems.map((p, i) => (
        <li key={i} className={`xchg-problem xchg-problem-${p.severity}`}>
          <Icon name={p.severity === 'error' ? 'error' : 'warning'} size={13} />
          <span>
            {p.workflow ? <strong>{p.workflow}: </strong> : null}
            {p.message}{' '}
            <span className="xchg-where mono">
              {p.code}
              {p.pointer ? ` at ${p.pointer}` : ''}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
