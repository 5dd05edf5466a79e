import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { dynamicContent, filterTokens, type DynamicToken } from '../../../src-shared/workflow/dynamic-content.ts';
import type { WorkflowDefinition } from '../../../src-shared/workflow/types.ts';
import { Icon } from '../../components/icon.tsx';
import { definitionOf } from '../../lib/workflow-model.ts';
import { useSlice, useStores } from '../../stores/context.tsx';

/** The dynamic content for fields of `actionName` (undefined: the trigger's fields), from the text being edited. */
export function useDynamicContent(actionName: string | undefined): DynamicToken[] {
  const { editor, workspace } = useStores();
  const parse = useSlice(editor, (s) => s.parse);
  const parameterNames = useSlice(workspace, (s) => s.workspace?.parameterNames);
  const appSettingNames = useSlice(workspace, (s) => s.workspace?.appSettingNames);
  return useMemo(() => {
    const definition = parse.ok ? definitionOf(parse.value) : undefined;
    if (!definition) return [];
    return dynamicContent(definition as WorkflowDefinition, actionName, { parameterNames: parameterNames ?? [], appSettingNames: appSettingNames ?? [] });
  }, [parse, actionName, parameterNames, appSettingNames]);
}

/**
 * The portal's "dynamic content" list for one field: a button that opens a searchable
 * list of what the field can use, grouped by where it comes from; picking one inserts
 * its expression (the caller decides how, by the field's kind).
 */
export function DynamicContentButton({ tokens, fieldLabel, onPick, disabled }: { tokens: readonly DynamicToken[]; fieldLabel: string; onPick(token: DynamicToken): void; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  const [place, setPlace] = useState<{ top?: number; bottom?: number; left: number; maxHeight: number } | null>(null);
  const [query, setQuery] = useState('');
  const root = useRef<HTMLDivElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const listId = useId();
  /** Places the list beside the button: below it when it fits, else above it, growing upwards. */
  const placeList = () => {
    const rect = button.current?.getBoundingClientRect();
    if (!rect) return;
    const below = window.innerHeight - rect.bottom - 12;
    const above = rect.top - 12;
    const maxHeight = Math.min(380, Math.max(below, above));
    const left = Math.max(8, Math.min(rect.right - 360, window.innerWidth - 368));
    setPlace(below >= Math.min(380, above) ? { top: rect.bottom + 4, left, maxHeight } : { bottom: window.innerHeight - rect.top + 4, left, maxHeight });
  };
  useEffect(() => {
    if (!open) return;
    search.current?.focus({ preventScroll: true });
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    // Fixed on the page (tables and cards clip what overflows them): it follows its button when the page scrolls.
    const onScroll = (e: Event) => {
      if (!root.current?.contains(e.target as Node)) placeList();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('scroll', onScroll, true);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('scroll', onScroll, true);
    };
  }, [open]);
  const shown = filterTokens(tokens, query);
  const groups = new Map<string, DynamicToken[]>();
  for (const token of shown) groups.set(token.group, [...(groups.get(token.group) ?? []), token]);
  return (
    <div className="dc" ref={root} onKeyDown={(e) => {
      if (e.key === 'Escape' && open) {
        e.stopPropagation();
        setOpen(false);
      }
    }}>
      <button
        type="button"
        ref={button}
        className="dc-button"
        aria-label={`Dynamic content for ${fieldLabel}`}
        title="Insert dynamic content"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        disabled={disabled}
        // Keep the field's caret where it was: the button does not take focus on mouse down.
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => {
          placeList();
          setQuery('');
          setOpen(!open);
        }}
      >
        <Icon name="bolt" size={13} />
      </button>
      {open ? (
        <div className="dc-popover" role="dialog" aria-label={`Dynamic content for ${fieldLabel}`} id={listId} style={place ?? undefined}>
          <label className="dc-search">
            <Icon name="search" size={13} />
            <input ref={search} className="input" type="search" placeholder="Search dynamic content" aria-label="Search dynamic content" value={query} onChange={(e) => setQuery(e.target.value)} spellCheck={false} />
          </label>
          <div className="dc-list">
            {shown.length === 0 ? <p className="muted small pad">Nothing matches “{query}”.</p> : null}
            {[...groups.entries()].map(([group, list]) => (
              <section key={group} className="dc-group" aria-label={group}>
                <h4>{group.replace(/_/g, ' ')}</h4>
                <ul>
                  {list.map((token) => (
                    <li key={token.expression}>
                      <button
                        type="button"
                        className="dc-token"
                        title={`@${token.expression}`}
                        onClick={() => {
                          onPick(token);
                          setOpen(false);
                        }}
                      >
                        <span className="dc-label">{token.label}</span>
                        {token.type ? <span className="dc-type">{token.type}</span> : null}
                        {token.detail && token.detail !== token.label ? <span className="dc-detail">{token.detail}</span> : null}
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        </div>
      ) : null}
    </div>
  );
}
