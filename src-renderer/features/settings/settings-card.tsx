import type { ReactNode } from 'react';

/** One titled section of the Settings view (a named region for screen readers). */
export function Card({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <section className="card settings-card" aria-label={title}>
      <header className="settings-card-head">
        <h3>{title}</h3>
        {description ? <p className="muted small">{description}</p> : null}
      </header>
      <div className="card-body">{children}</div>
    </section>
  );
}
