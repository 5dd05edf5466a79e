import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

/** One tab of a `Tabs` strip. */
export interface TabItem<T extends string> {
  id: T;
  label: ReactNode;
  /** A count or marker after the label (e.g. "3" headers). */
  badge?: ReactNode;
}

/**
 * A WAI-ARIA tab strip: arrow keys move between tabs, Home/End jump, only the active
 * tab is in the tab order. Panels are rendered by the caller with `tabPanelProps`.
 */
export function Tabs<T extends string>({ items, active, onChange, label, size = 'md', idBase }: { items: TabItem<T>[]; active: T; onChange(id: T): void; label: string; size?: 'sm' | 'md'; idBase?: string }) {
  const fallback = useId();
  const base = idBase ?? fallback;
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const onKeyDown = (event: KeyboardEvent) => {
    const index = items.findIndex((i) => i.id === active);
    let next = -1;
    if (event.key === 'ArrowRight') next = (index + 1) % items.length;
    if (event.key === 'ArrowLeft') next = (index - 1 + items.length) % items.length;
    if (event.key === 'Home') next = 0;
    if (event.key === 'End') next = items.length - 1;
    if (next >= 0) {
      event.preventDefault();
      const id = items[next]!.id;
      onChange(id);
      refs.current[id]?.focus();
    }
  };
  return (
    <div className={`tabs tabs-${size}`} role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <button
          key={item.id}
          ref={(el) => {
            refs.current[item.id] = el;
          }}
          type="button"
          role="tab"
          id={`${base}-tab-${item.id}`}
          aria-selected={item.id === active}
          aria-controls={`${base}-panel-${item.id}`}
          tabIndex={item.id === active ? 0 : -1}
          className="tab"
          onClick={() => onChange(item.id)}
        >
          {item.label}
          {item.badge !== undefined && item.badge !== null ? <span className="tab-badge">{item.badge}</span> : null}
        </button>
      ))}
    </div>
  );
}

/** Props that tie a panel to its tab (`aria-labelledby`, role, id). */
export function tabPanelProps(idBase: string, id: string) {
  return { role: 'tabpanel' as const, id: `${idBase}-panel-${id}`, 'aria-labelledby': `${idBase}-tab-${id}`, tabIndex: -1 };
}
