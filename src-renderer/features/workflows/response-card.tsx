import { isDroppedResponseHeader } from '../../../src-shared/workflow/response-headers.ts';
import { Button } from '../../components/button.tsx';
import { CodeEditor } from '../../components/code-editor.tsx';
import { Field } from '../../components/form-controls.tsx';
import { Icon } from '../../components/icon.tsx';
import { KeyValueTable } from '../../components/key-value-table.tsx';
import { Notice } from '../../components/notices.tsx';
import { useMemo } from 'react';
import { problemsToDiagnostics } from '../../lib/diagnostic.ts';
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
  // Problems of the last save sit beside their field while the file is as saved; live
  // expression checks cover what is typed after that.
  const saved = useMemo(() => fieldProblems(dirty ? [] : problems, triggerName, response?.name), [dirty, problems, triggerName, response?.name]);
  const bodyAll = useMemo(() => {
    const extra = problemsToDiagnostics(bodyText, saved.body).filter((d) => !bodyDiagnostics.some((b) => b.message === d.message));
    return extra.length === 0 ? bodyDiagnostics : [...bodyDiagnostics, ...extra];
  }, [bodyText, bodyDiagnostics, saved.body]);
  const { setStatusCode, setHeaderRows, setBodyText, addResponse } = editor.getState();

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
          {(props) => <input {...props} className="input mono" value={response.statusCode} onChange={(e) => setStatusCode(e.target.value)} disabled={disabled} inputMode="numeric" spellCheck={false} />}
        </Field>
        <div className="field">
          <span className="field-label">Headers</span>
          <KeyValueTable
            label="Response headers"
            rows={headerRows}
            onChange={setHeaderRows}
            toggles={false}
            keyPlaceholder="Header"
            valuePlaceholder="Value"
            keySuggestions={HEADER_SUGGESTIONS}
            errorsFor={(row) => headerErrors(row.key, row.id)}
            warningFor={(row) => (isDroppedResponseHeader(row.key) ? `Logic Apps removes ${row.key} from responses without telling anyone: callers will not see it.` : undefined)}
          />
        </div>
        <div className="field">
          <span className="field-label" id="body-label">
            Body
          </span>
          <div className="editor-box editor-box-body">
            <CodeEditor value={bodyText} onChange={setBodyText} label="Response body" diagnostics={bodyAll} readOnly={disabled} placeholder='"@triggerBody()"' extensions={EXPRESSION_ASSIST} />
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
      </div>
    </section>
  );
}
