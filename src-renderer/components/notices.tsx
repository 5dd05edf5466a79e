import type { ReactNode } from 'react';
import type { UiError } from '../lib/api-error.ts';
import { Icon, type IconName } from './icon.tsx';

const ICONS: Record<string, IconName> = { danger: 'error', warning: 'warning', info: 'info', success: 'success' };

/** An inline notice: errors where they happened, warnings next to what they warn about. */
export function Notice({ tone, title, children, action }: { tone: 'danger' | 'warning' | 'info' | 'success'; title?: ReactNode; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'danger' ? 'alert' : 'status'}>
      <Icon name={ICONS[tone]!} size={15} className="notice-icon" />
      <div className="notice-body">
        {title ? <div className="notice-title">{title}</div> : null}
        {children ? <div className="notice-text">{children}</div> : null}
      </div>
      {action ? <div className="notice-action">{action}</div> : null}
    </div>
  );
}

/** An API error in plain words, with its code for searching the docs. */
export function ErrorNotice({ error, title, action }: { error: UiError | null | undefined; title?: string; action?: ReactNode }) {
  if (!error) return null;
  return (
    <Notice tone="danger" title={title} action={action}>
      {error.message} <code className="error-code">{error.code}</code>
    </Notice>
  );
}

/** What an empty area is for, and what to do next. */
export function EmptyState({ icon, title, children, actions }: { icon: IconName; title: string; children?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="empty">
      <div className="empty-icon">
        <Icon name={icon} size={28} />
      </div>
      <div className="empty-title">{title}</div>
      {children ? <div className="empty-text">{children}</div> : null}
      {actions ? <div className="empty-actions">{actions}</div> : null}
    </div>
  );
}
