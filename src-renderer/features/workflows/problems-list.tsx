import type { Problem } from '../../../src-shared/problems.ts';
import { Icon } from '../../components/icon.tsx';

/** Problems of a workflow file: what (message, code) and where (file, JSON pointer, line:column). */
export function ProblemsList({ problems, onReveal }: { problems: readonly Problem[]; onReveal?(problem: Problem): void }) {
  if (problems.length === 0) return null;
  const errors = problems.filter((p) => p.severity === 'error').length;
  return (
    <section className="problems" aria-label="Problems">
      <div className="problems-head">
        <Icon name={errors > 0 ? 'error' : 'warning'} size={14} className={errors > 0 ? 'tone-danger' : 'tone-warning'} />
        {errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : ''}
        {errors > 0 && problems.length > errors ? ', ' : ''}
        {problems.length > errors ? `${problems.length - errors} warning${problems.length - errors === 1 ? '' : 's'}` : ''}
        {errors > 0 ? <span className="problems-note">: calls are refused until they are fixed.</span> : null}
      </div>
      <ul>
        {problems.map((p, i) => (
          <li key={`${p.code}-${p.pointer}-${i}`} className={`problem problem-${p.severity}`}>
            <Icon name={p.severity === 'error' ? 'error' : 'warning'} size={13} className={p.severity === 'error' ? 'tone-danger' : 'tone-warning'} />
            <span className="problem-message">
              {p.message} <code className="error-code">{p.code}</code>
            </span>
            {onReveal ? (
              <button type="button" className="problem-where mono link" onClick={() => onReveal(p)} title="Show in the code view">
                {p.file}
                {p.pointer ? ` ${p.pointer}` : ''}
                {p.line ? ` :${p.line}${p.column ? `:${p.column}` : ''}` : ''}
              </button>
            ) : (
              <span className="problem-where mono">
                {p.file}
                {p.pointer ? ` ${p.pointer}` : ''}
                {p.line ? ` :${p.line}${p.column ? `:${p.column}` : ''}` : ''}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
