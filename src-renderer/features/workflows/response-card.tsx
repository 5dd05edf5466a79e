import { isDroppedResponseHeader } from '../../../src-shared/workflow/response-headers.ts';
import { Button } from '../../components/button.tsx';
import { CodeEditor } from '../../components/code-editor.tsx';
import { Field, Segmented } from '../../components/form-controls.tsx';
import { Icon } from '../../components/icon.tsx';
import { KeyValueTable } from '../../components/key-value-table.tsx';
import { Notice } from '../../components/notices.tsx';
import type { EditorView } from '@codemirror/view';
import { useMemo, useRef } from 'react';
import { insertToken, type DynamicToken } from '../../../src-shared/workflow/dynamic-content.ts';
import { dynamicContentCompletion } from '../../lib/dynamic-content-completion.ts';
import { insertTokenInJson } from '../../lib/json-token-insert.ts';
import { DynamicContentButton, useDynamicContent } from './dynamic-content.tsx';
import { ResponseParameters } from './response-parameters.tsx';
import { problemsToDiagnostics, type TextDiagnostic } from '../../lib/diagnostic.ts';
import { expressionDiagnostics } from '../../lib/expression-diagnostics.ts';
import { parseJsonText } from '../../lib/json-text.ts';
import { expressionDiagnoser } from '../../stores/stores.ts';
import { fieldProblems, problemText } from '../../lib/field-problems.ts';
import { expressionAssist } from '../../lib/expression-assist.ts';
import { isDirty } from '../../stores/editor.store.ts';
import { useSlice, useStores } from '../../stores/context.tsx';

const HEADER_SUGGESTIONS = ['Content-Type', 'Content-Disposition', 'Content-Encoding', 'Cache-Control', 'Location', 'Retry-After', 'x-correlation-id'];

function statusWarning(code: string): string | undefined {
  const text = code.trim();
  if (text === '') return 'A Response needs a status code (Logic Apps defaults to 200).';
  if (!/^\d+$/.test(text)) return text.startsWith('@') ? undefined : 'Use a number such as 200, or an expression starting with @.';
  const n = Number(text);
  if (n >= 300 && n < 400) return 'Logic Apps does not allow 3xx status codes in a Response action.';
  if (n < 200 || n > 599) return 'Use a 2xx, 4xx or 5xx status code.';
  return undefined;
}

/** Inserts a token at an input's caret (or at the end), then puts the caret after it. */
function pickInto(input: HTMLInputElement | null, value: string, token: DynamicToken, set: (value: string) => void): void {
  const from = input?.selectionStart ?? value.length;
  const to = input?.selectionEnd ?? from;
  const result = insertToken(value, token.expression, from, to);
  set(result.text);
  requestAnimationFrame(() => {
    input?.focus();
    input?.setSelectionRange(result.cursor, result.cursor);
  });
}

/** Inserts a token into the body's JSON at the editor's caret. */
function pickIntoBody(view: EditorView | null, text: string, token: DynamicToken, set: (text: string) => void): void {
  const range = view?.state.selection.main;
  const from = range?.from ?? text.length;
  const result = insertTokenInJson(text, token.expression, from, range?.to ?? from);
  set(result.text);
  requestAnimationFrame(() => {
    if (!view) return;
    view.focus();
    view.dispatch({ selection: { anchor: Math.min(result.cursor, view.state.doc.length) } });
  });
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

/** Function completion and hover in the body editor (created once: editors take their extensions at mount). */
const EXPRESSION_ASSIST = expressionAssist();

/** The Response action's form: status code, headers (warning on dropped ones), body with expression diagnostics. */
export function ResponseCard({ disabled }: { disabled: boolean }) {
  const { editor } = useStores();
  const response = useSlice(editor, (s) => s.response);
  const headerRows = useSlice(editor, (s) => s.headerRows);
  const bodyText = useSlice(editor, (s) => s.bodyText);
  const bodyDiagnostics = useSlice(editor, (s) => s.bodyDiagnostics);
  const hasTrigger = useSlice(editor, (s) => s.trigger !== undefined);
  const triggerName = useSlice(editor, (s) => s.trigger?.name);
  const headerIssues = useSlice(editor, (s) => s.headerIssues);
  const statusIssues = useSlice(editor, (s) => s.statusIssues);
  const problems = useSlice(editor, (s) => s.problems);
  const dirty = useSlice(editor, isDirty);
  const tokens = useDynamicContent(response?.name);
  const tokensRef = useRef(tokens);
  tokensRef.current = tokens;
  const bodyExtensions = useMemo(() => [EXPRESSION_ASSIST, dynamicContentCompletion(() => tokensRef.current)], []);
  const statusInput = useRef<HTMLInputElement>(null);
  const bodyView = useRef<EditorView | null>(null);
  // Problems of the last save sit beside their field while the file is as saved; live
  // expression checks cover what is typed after that.
  const saved = useMemo(() => fieldProblems(dirty ? [] : problems, triggerName, response?.name), [dirty, problems, triggerName, response?.name]);
  const bodyAll = useMemo(() => {
    const extra = problemsToDiagnostics(bodyText, saved.body).filter((d) => !bodyDiagnostics.some((b) => b.message === d.message));
    return extra.length === 0 ? bodyDiagnostics : [...bodyDiagnostics, ...extra];
  }, [bodyText, bodyDiagnostics, saved.body]);
  const headersMode = useSlice(editor, (s) => s.headersMode);
  const headersText = useSlice(editor, (s) => s.headersText);
  const headersDiagnostics = useMemo((): TextDiagnostic[] => {
    const parsed = parseJsonText(headersText);
    return parsed.ok ? expressionDiagnostics(parsed.value, headersText, expressionDiagnoser) : [{ from: parsed.error.from, to: parsed.error.to, severity: 'error', message: parsed.error.message }];
  }, [headersText]);
  const { setStatusCode, setHeaderRows, setBodyText, addResponse, setHeadersMode, setHeadersText } = editor.getState();
  const headersError = useSlice(editor, (s) => s.headersError);

  if (!response) {
    return (
      <section className="card card-dashed">
        <div className="card-body">
          <Notice tone="info" title="No Response action">
            Callers get <strong>202 Accepted</strong> at once and the run goes on without them. Add a Response action to answer with your own status, headers and body.
          </Notice>
          <div>
            <Button icon="plus" onClick={addResponse} disabled={disabled || !hasTrigger}>
              Add a Response action
            </Button>
          </div>
        </div>
      </section>
    );
  }
  const statusErrors = unique([...statusIssues, ...saved.status.map(problemText)]);
  const warning = statusErrors.length > 0 ? statusErrors.join(' ') : statusWarning(response.statusCode);
  const errors = bodyAll.filter((d) => d.severity === 'error');
  const headerErrors = (key: string, id: string): string[] => unique([...(headerIssues[id] ?? []), ...(saved.headers.get(key.trim())?.map(problemText) ?? [])]);
  return (
    <section className="card" aria-labelledby="response-card-title">
      <header className="card-head">
        <span className="card-icon card-icon-response">
          <Icon name="send" size={15} />
        </span>
        <div>
          <h3 id="response-card-title">Response</h3>
          <div className="card-sub mono">{response.name}</div>
        </div>
      </header>
      <div className="card-body">
        <Field label="Status code" error={warning ?? null} className="field-narrow">
          {(props) => (
            <div className="field-with-dc">
              <input {...props} ref={statusInput} className="input mono" value={response.statusCode} onChange={(e) => setStatusCode(e.target.value)} disabled={disabled} inputMode="numeric" spellCheck={false} />
              <DynamicContentButton tokens={tokens} fieldLabel="Status code" disabled={disabled} onPick={(token) => pickInto(statusInput.current, response.statusCode, token, setStatusCode)} />
            </div>
          )}
        </Field>
        <div className="field">
          <div className="field-label-row">
            <span className="field-label">Headers</span>
            <Segmented
              size="sm"
              label="Headers view"
              value={headersMode}
              onChange={setHeadersMode}
              options={[
                { id: 'table', label: 'Table', title: 'Edit headers as name/value rows' },
                { id: 'text', label: 'Text', title: 'Edit headers as JSON text' },
              ]}
            />
          </div>
          {headersMode === 'text' ? (
            <>
              <div className="editor-box editor-box-headers">
                <CodeEditor value={headersText} onChange={setHeadersText} label="Response headers JSON" readOnly={disabled} lineNumbers={false} diagnostics={headersDiagnostics} placeholder='{ "Content-Type": "application/json" }' extensions={EXPRESSION_ASSIST} />
              </div>
              {headersError ? <div className="field-error" role="alert">{headersError}</div> : <div className="field-hint">A JSON object of header name to value; values may use expressions. The table shows the same headers.</div>}
            </>
          ) : (
          <KeyValueTable
            label="Response headers"
            rows={headerRows}
            onChange={setHeaderRows}
            toggles={false}
            keyPlaceholder="Header"
            valuePlaceholder="Value"
            keySuggestions={HEADER_SUGGESTIONS}
            errorsFor={(row) => headerErrors(row.key, row.id)}
            valueAddon={(row, index) => (
              <DynamicContentButton
                tokens={tokens}
                fieldLabel={`header ${row.key || index + 1}`}
                disabled={disabled}
                onPick={(token) => {
                  const input = document.querySelector<HTMLInputElement>(`[data-row="${row.id}"][data-field="value"]`);
                  pickInto(input, row.value, token, (value) => setHeaderRows(headerRows.map((r) => (r.id === row.id ? { ...r, value } : r))));
                }}
              />
            )}
            warningFor={(row) => (isDroppedResponseHeader(row.key) ? `Logic Apps removes ${row.key} from responses without telling anyone: callers will not see it.` : undefined)}
          />
          )}
        </div>
        <div className="field">
          <div className="field-label-row">
            <span className="field-label" id="body-label">
              Body
            </span>
            <DynamicContentButton tokens={tokens} fieldLabel="Body" disabled={disabled} onPick={(token) => pickIntoBody(bodyView.current, bodyText, token, setBodyText)} />
          </div>
          <div className="editor-box editor-box-body">
            <CodeEditor value={bodyText} onChange={setBodyText} onReady={(view) => (bodyView.current = view)} label="Response body" diagnostics={bodyAll} readOnly={disabled} placeholder='"@triggerBody()"' extensions={bodyExtensions} />
          </div>
          {errors.length > 0 ? (
            <ul className="diag-list" aria-label="Body problems">
              {errors.slice(0, 5).map((d, i) => (
                <li key={i}>
                  <Icon name="error" size={12} className="tone-danger" /> {d.message}
                </li>
              ))}
            </ul>
          ) : (
            <div className="field-hint">
              JSON. Strings starting with <code>@</code> are expressions, e.g. <code>"@triggerBody()"</code> or <code>{'"Hello @{triggerBody()?[\'name\']}"'}</code>.
            </div>
          )}
        </div>
        <ResponseParameters disabled={disabled} />
      </div>
    </section>
  );
}
