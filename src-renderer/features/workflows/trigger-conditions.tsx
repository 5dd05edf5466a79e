import { useRef } from 'react';
import { insertToken } from '../../../src-shared/workflow/dynamic-content.ts';
import { Button, IconButton } from '../../components/button.tsx';
import { Icon } from '../../components/icon.tsx';
import { useSlice, useStores } from '../../stores/context.tsx';
import { DynamicContentButton, useDynamicContent } from './dynamic-content.tsx';

/**
 * The trigger's conditions (Settings → Trigger conditions in the portal): expressions that
 * must all be true for a call to start a run, with dynamic content and live diagnostics.
 */
export function TriggerConditions({ disabled }: { disabled: boolean }) {
  const { editor } = useStores();
  const rows = useSlice(editor, (s) => s.conditionRows);
  const issues = useSlice(editor, (s) => s.conditionIssues);
  const tokens = useDynamicContent(undefined);
  const list = useRef<HTMLDivElement>(null);
  const { setConditionRows } = editor.getState();
  const setRow = (index: number, value: string) => setConditionRows(rows.map((r, i) => (i === index ? value : r)));
  return (
    <div className="field">
      <div className="field-label-row">
        <span className="field-label">Trigger conditions</span>
        <Button size="sm" variant="ghost" icon="plus" disabled={disabled} onClick={() => setConditionRows([...rows, ''])}>
          Add a condition
        </Button>
      </div>
      {rows.length === 0 ? <div className="field-hint">None: every call starts a run. When a condition is false the caller gets 202 and no run starts (recorded as Skipped).</div> : null}
      <div className="conditions" ref={list}>
        {rows.map((row, index) => {
          const rowIssues = issues[index] ?? [];
          return (
            <div key={index} className="condition">
              <div className="field-with-dc">
                <input
                  className="input mono"
                  data-condition={index}
                  value={row}
                  placeholder="@equals(triggerBody()?['kind'], 'order')"
                  aria-label={`Trigger condition ${index + 1}`}
                  aria-invalid={rowIssues.length > 0 || undefined}
                  disabled={disabled}
                  spellCheck={false}
                  onChange={(e) => setRow(index, e.target.value)}
                />
                <DynamicContentButton
                  tokens={tokens}
                  fieldLabel={`trigger condition ${index + 1}`}
                  disabled={disabled}
                  onPick={(token) => {
                    const input = list.current?.querySelector<HTMLInputElement>(`[data-condition="${index}"]`);
                    const from = input?.selectionStart ?? row.length;
                    const result = insertToken(row, token.expression, from, input?.selectionEnd ?? from);
                    setRow(index, result.text);
                  }}
                />
                <IconButton icon="x" size="sm" label={`Remove trigger condition ${index + 1}`} disabled={disabled} onClick={() => setConditionRows(rows.filter((_, i) => i !== index))} />
              </div>
              {rowIssues.map((issue, i) => (
                <div key={i} className="field-error" aria-label={`Trigger condition ${index + 1}: problem`}>
                  <Icon name="error" size={12} /> {issue}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
