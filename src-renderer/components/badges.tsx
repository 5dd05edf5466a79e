import type { ReactNode } from 'react';
import { runStatusTone, statusTone } from '../lib/http-status.ts';
import { Icon, type IconName } from './icon.tsx';

/** An HTTP method in its conventional colour (Postman convention); '' shows ANY. */
export function MethodBadge({ method, className }: { method: string | undefined; className?: string }) {
  const label = method ? method.toUpperCase() : 'ANY';
  return <span className={`method method-${label.toLowerCase()} ${className ?? ''}`} title={method ? undefined : 'Default (Allow all methods)'}>{label}</span>;
}

/** A small coloured label. */
export function Badge({ tone = 'neutral', children, title }: { tone?: 'neutral' | 'success' | 'warning' | 'danger' | 'info' | 'accent'; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}

/** An HTTP status code with its reason phrase, coloured by class (2xx green, 4xx amber, 5xx red). */
export function StatusCode({ status, text }: { status: number | undefined; text?: string }) {
  if (status === undefined) return <span className="status-code tone-neutral">–</span>;
  return (
    <span className={`status-code tone-${statusTone(status)}`}>
      {status}
      {text ? <span className="status-text"> {text}</span> : null}
    </span>
  );
}

const RUN_ICONS: Record<string, IconName> = {
  Succeeded: 'success',
  Failed: 'error',
  TimedOut: 'clock',
  Cancelled: 'ban',
  Skipped: 'skip',
  Rejected: 'ban',
  Running: 'refresh',
};

/** A run or action status with its icon (Azure run details convention). */
export function RunStatus({ status, compact = false }: { status: string; compact?: boolean }) {
  return (
    <span className={`run-status tone-${runStatusTone(status)}`} title={compact ? status : undefined}>
      <Icon name={RUN_ICONS[status] ?? 'circle'} size={14} className={status === 'Running' ? 'spin' : undefined} />
      {compact ? <span className="visually-hidden">{status}</span> : <span>{status}</span>}
    </span>
  );
}
