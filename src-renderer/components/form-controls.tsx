import { useId, useState, type ReactNode } from 'react';
import { Button } from './button.tsx';
import type { IconName } from './icon.tsx';

/** A labelled field with an optional hint and error (the error is tied to the control for screen readers). */
export function Field({ label, hint, error, children, className }: { label: ReactNode; hint?: ReactNode; error?: string | null; children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode; className?: string }) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {hint ? (
        <div id={`${id}-hint`} className="field-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <div id={`${id}-error`} className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

/** One option of a segmented control. */
export interface SegmentOption<T extends string> {
  id: T;
  label: ReactNode;
  title?: string;
}

/** A segmented control (a radio group styled as joined buttons): SAS | Bearer | None, body kinds... */
export function Segmented<T extends string>({ options, value, onChange, label, size = 'md' }: { options: SegmentOption<T>[]; value: T; onChange(value: T): void; label: string; size?: 'sm' | 'md' }) {
  const name = useId();
  return (
    <div className={`segmented segmented-${size}`} role="radiogroup" aria-label={label}>
      {options.map((option) => (
        <label key={option.id} className={`segment ${option.id === value ? 'segment-on' : ''}`} title={option.title}>
          <input type="radio" name={name} value={option.id} checked={option.id === value} onChange={() => onChange(option.id)} />
          <span>{option.label}</span>
        </label>
      ))}
    </div>
  );
}

/** A switch (checkbox with role="switch"), for on/off settings such as schema validation. */
export function Switch({ checked, onChange, label, description, disabled }: { checked: boolean; onChange(checked: boolean): void; label: ReactNode; description?: ReactNode; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="switch-row">
      <input id={id} type="checkbox" role="switch" className="switch" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} aria-describedby={description ? `${id}-d` : undefined} />
      <div>
        <label htmlFor={id} className="switch-label">
          {label}
        </label>
        {description ? (
          <div id={`${id}-d`} className="field-hint">
            {description}
          </div>
        ) : null}
      </div>
    </div>
  );
}

/** A button that runs a copy action and confirms with a check mark for a moment. */
export function CopyButton({ onCopy, label, children, icon = 'copy', size = 'md', variant = 'secondary' }: { onCopy(): Promise<unknown> | unknown; label: string; children?: ReactNode; icon?: IconName; size?: 'sm' | 'md'; variant?: 'secondary' | 'ghost' }) {
  const [done, setDone] = useState(false);
  return (
    <Button
      size={size}
      variant={variant}
      icon={done ? 'check' : icon}
      aria-label={children ? undefined : label}
      title={label}
      onClick={async () => {
        const result = await onCopy();
        if (result === false || result === undefined) return;
        setDone(true);
        setTimeout(() => setDone(false), 1500);
      }}
    >
      {children}
    </Button>
  );
}
