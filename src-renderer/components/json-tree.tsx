import { useState } from 'react';
import { Icon } from './icon.tsx';

const CHUNK = 200;

function Primitive({ value }: { value: unknown }) {
  if (value === null) return <span className="jt-null">null</span>;
  if (typeof value === 'string') return <span className="jt-string">"{value}"</span>;
  if (typeof value === 'number') return <span className="jt-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="jt-bool">{String(value)}</span>;
  return <span className="jt-null">{String(value)}</span>;
}

function summary(value: object): string {
  if (Array.isArray(value)) return `[ ${value.length} item${value.length === 1 ? '' : 's'} ]`;
  const n = Object.keys(value).length;
  return `{ ${n} key${n === 1 ? '' : 's'} }`;
}

function Node({ name, value, depth, expandDepth }: { name?: string; value: unknown; depth: number; expandDepth: number }) {
  const [open, setOpen] = useState(depth < expandDepth);
  const [shown, setShown] = useState(CHUNK);
  const isContainer = typeof value === 'object' && value !== null;
  const label = name !== undefined ? <span className="jt-key">{name}</span> : null;

  if (!isContainer) {
    return (
      <div className="jt-line" role="treeitem" aria-level={depth + 1} aria-selected={false}>
        <span className="jt-spacer" />
        {label}
        {label ? <span className="jt-colon">: </span> : null}
        <Primitive value={value} />
      </div>
    );
  }
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  if (entries.length === 0) {
    return (
      <div className="jt-line" role="treeitem" aria-level={depth + 1} aria-selected={false}>
        <span className="jt-spacer" />
        {label}
        {label ? <span className="jt-colon">: </span> : null}
        <span className="jt-summary">{Array.isArray(value) ? '[]' : '{}'}</span>
      </div>
    );
  }
  return (
    <div role="treeitem" aria-level={depth + 1} aria-expanded={open} aria-selected={false}>
      <button type="button" className="jt-line jt-toggle" onClick={() => setOpen(!open)} aria-label={`${open ? 'Collapse' : 'Expand'} ${name ?? 'root'}`}>
        <Icon name={open ? 'chevronDown' : 'chevronRight'} size={12} />
        {label}
        {label ? <span className="jt-colon">: </span> : null}
        <span className="jt-summary">{open ? (Array.isArray(value) ? '[' : '{') : summary(value)}</span>
      </button>
      {open ? (
        <div className="jt-children" role="group">
          {entries.slice(0, shown).map(([key, child]) => (
            <Node key={key} name={key} value={child} depth={depth + 1} expandDepth={expandDepth} />
          ))}
          {entries.length > shown ? (
            <button type="button" className="jt-more" onClick={() => setShown(shown + CHUNK)}>
              Show {Math.min(CHUNK, entries.length - shown)} more of {entries.length - shown}
            </button>
          ) : null}
          <div className="jt-line jt-close">
            <span className="jt-spacer" />
            {Array.isArray(value) ? ']' : '}'}
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** A collapsible JSON tree (children render only when opened, so big bodies stay cheap). */
export function JsonTree({ value, label, expandDepth = 2 }: { value: unknown; label: string; expandDepth?: number }) {
  return (
    <div className="json-tree mono" role="tree" aria-label={label}>
      <Node value={value} depth={0} expandDepth={expandDepth} />
    </div>
  );
}

/** Whether a value is worth a tree (objects and arrays); primitives read better as text. */
export function isTreeValue(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}
