import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { rowId, type KeyValueRow } from '../lib/query-string.ts';
import { IconButton } from './button.tsx';
import { Icon } from './icon.tsx';

/** Props of `KeyValueTable`. */
export interface KeyValueTableProps<R extends KeyValueRow> {
  rows: R[];
  onChange(rows: R[]): void;
  /** Accessible name of the table, e.g. "Query parameters". */
  label: string;
  keyPlaceholder?: string;
  valuePlaceholder?: string;
  /** Show the enable/disable checkbox column (Postman's convention). */
  toggles?: boolean;
  /** Rows the user cannot edit here (e.g. the Authorization header the Auth tab sets). */
  isLocked?(row: R): string | undefined;
  /** A warning shown under a row (e.g. a header Logic Apps drops). */
  warningFor?(row: R): string | undefined;
  /** Errors shown under a row (e.g. an expression that does not parse); the value is marked invalid. */
  errorsFor?(row: R): readonly string[] | undefined;
  /** Something shown beside a row's value input (e.g. the dynamic content button). */
  valueAddon?(row: R, index: number): ReactNode;
  /** Suggestions for the key column. */
  keySuggestions?: string[];
  empty?: ReactNode;
}

/**
 * An editable key/value grid: there is always one blank row at the end, typing in it
 * adds a row (Postman and Bruno behave so), and each row has a remove button.
 */
export function KeyValueTable<R extends KeyValueRow>({ rows, onChange, label, keyPlaceholder = 'Key', valuePlaceholder = 'Value', toggles = true, isLocked, warningFor, errorsFor, valueAddon, keySuggestions }: KeyValueTableProps<R>) {
  const listId = keySuggestions ? `kv-suggest-${label.replace(/\W+/g, '-').toLowerCase()}` : undefined;
  const update = (index: number, patch: Partial<KeyValueRow>) => {
    const next = rows.map((r, i) => (i === index ? { ...r, ...patch } : r));
    onChange(next);
  };
  const tableRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<{ id: string; field: 'key' | 'value' } | null>(null);
  // Typing in the blank row creates a real row: move the caret into it so typing goes on.
  useLayoutEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    const input = tableRef.current?.querySelector<HTMLInputElement>(`[data-row="${target.id}"][data-field="${target.field}"]`);
    if (input) {
      pendingFocus.current = null;
      input.focus();
      input.setSelectionRange(input.value.length, input.value.length);
    }
  });
  const addFromBlank = (field: 'key' | 'value', text: string) => {
    const id = rowId();
    pendingFocus.current = { id, field };
    onChange([...rows, { id, enabled: true, key: field === 'key' ? text : '', value: field === 'value' ? text : '' } as R]);
  };
  const remove = (index: number) => onChange(rows.filter((_, i) => i !== index));

  return (
    <div className="kv" role="table" aria-label={label} ref={tableRef}>
      {keySuggestions ? (
        <datalist id={listId}>
          {keySuggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      ) : null}
      <div className={`kv-row kv-head ${toggles ? '' : 'kv-no-toggle'}`} role="row">
        {toggles ? <span role="columnheader" className="kv-toggle"><span className="visually-hidden">Enabled</span></span> : null}
        <span role="columnheader">{keyPlaceholder}</span>
        <span role="columnheader">{valuePlaceholder}</span>
        <span role="columnheader" className="kv-actions"><span className="visually-hidden">Actions</span></span>
      </div>
      {rows.map((r, index) => {
        const locked = isLocked?.(r);
        const warning = warningFor?.(r);
        const errors = errorsFor?.(r) ?? [];
        return (
          <div key={r.id} className="kv-group" role="rowgroup">
            <div className={`kv-row ${r.enabled ? '' : 'kv-disabled'} ${toggles ? '' : 'kv-no-toggle'} ${warning ? 'kv-warn' : ''} ${errors.length > 0 ? 'kv-invalid' : ''}`} role="row">
              {toggles ? (
                <span role="cell" className="kv-toggle">
                  <input type="checkbox" checked={r.enabled} disabled={!!locked} aria-label={`Include ${r.key || 'this row'}`} onChange={(e) => update(index, { enabled: e.target.checked })} />
                </span>
              ) : null}
              <span role="cell">
                <input data-row={r.id} data-field="key" className="kv-input mono" value={r.key} placeholder={keyPlaceholder} readOnly={!!locked} list={listId} aria-label={`${label}: name ${index + 1}`} onChange={(e) => update(index, { key: e.target.value })} spellCheck={false} />
              </span>
              <span role="cell" className={valueAddon ? 'kv-value-cell' : undefined}>
                <input data-row={r.id} data-field="value" className="kv-input mono" value={r.value} placeholder={valuePlaceholder} readOnly={!!locked} aria-label={`${label}: value of ${r.key || `row ${index + 1}`}`} aria-invalid={errors.length > 0 || undefined} onChange={(e) => update(index, { value: e.target.value })} spellCheck={false} />
                {valueAddon?.(r, index)}
              </span>
              <span role="cell" className="kv-actions">
                {locked ? (
                  <span className="kv-lock" title={locked}>
                    <Icon name="lock" size={13} />
                    <span className="visually-hidden">{locked}</span>
                  </span>
                ) : (
                  <IconButton icon="x" size="sm" label={`Remove ${r.key || `row ${index + 1}`}`} onClick={() => remove(index)} />
                )}
              </span>
            </div>
            {errors.map((error, i) => (
              <div key={i} className="kv-error field-error" aria-label={`${r.key || `Row ${index + 1}`}: problem`}>
                <Icon name="error" size={13} /> {error}
              </div>
            ))}
            {warning ? (
              <div className="kv-warning" role="note">
                <Icon name="warning" size={13} /> {warning}
              </div>
            ) : null}
          </div>
        );
      })}
      <div className={`kv-row kv-blank ${toggles ? '' : 'kv-no-toggle'}`} role="row">
        {toggles ? <span role="cell" className="kv-toggle" /> : null}
        <span role="cell">
          <input className="kv-input mono" value="" placeholder={`Add ${keyPlaceholder.toLowerCase()}`} list={listId} aria-label={`${label}: new name`} onChange={(e) => addFromBlank('key', e.target.value)} spellCheck={false} />
        </span>
        <span role="cell">
          <input className="kv-input mono" value="" placeholder={valuePlaceholder} aria-label={`${label}: new value`} onChange={(e) => addFromBlank('value', e.target.value)} spellCheck={false} />
        </span>
        <span role="cell" className="kv-actions" />
      </div>
    </div>
  );
}
