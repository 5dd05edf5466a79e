import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import { Notice } from '../../components/notices.tsx';
import { LARGE_BODY_CHARS } from '../../lib/large-body.ts';
import { CodeEditor } from '../../components/code-editor.tsx';
import { Segmented } from '../../components/form-controls.tsx';
import { Icon } from '../../components/icon.tsx';
import { KeyValueTable } from '../../components/key-value-table.tsx';
import { formatBytes } from '../../lib/format.ts';
import type { BodyKind } from '../../stores/composer.store.ts';
import { useSlice, useStores } from '../../stores/context.tsx';

function readFile(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const result = String(reader.result);
      resolve(result.slice(result.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

/** A line longer than this makes even the light editor slow: say so, and suggest Format. */
const LONG_LINE_CHARS = 100_000;

/** Length of the longest line (stops early once past the threshold). */
function longestLine(text: string): number {
  let longest = 0;
  let start = 0;
  for (let at = text.indexOf('\n'); ; at = text.indexOf('\n', start)) {
    const end = at < 0 ? text.length : at;
    longest = Math.max(longest, end - start);
    if (at < 0 || longest > LONG_LINE_CHARS) return longest;
    start = at + 1;
  }
}

/** The body editors: JSON (checked against the trigger's schema), raw text, form fields, a file. */
export function BodyPanel({ onSend }: { onSend(): void }) {
  const { composer, workspace } = useStores();
  const kind = useSlice(composer, (s) => s.bodyKind);
  const text = useSlice(composer, (s) => s.bodyText);
  const diagnostics = useSlice(composer, (s) => s.bodyDiagnostics);
  const formRows = useSlice(composer, (s) => s.formRows);
  const file = useSlice(composer, (s) => s.file);
  const workflowName = useSlice(composer, (s) => s.workflowName);
  const target = useSlice(workspace, (s) => (workflowName ? s.workflow(workflowName) : undefined));
  const { setBodyKind, setBodyText, setFormRows, setFile, formatBody } = composer.getState();
  const schema = target?.trigger?.schema;
  const validating = /EnableSchemaValidation/i.test(target?.trigger?.operationOptions ?? '');
  const schemaIssues = diagnostics.filter((d) => d.message.startsWith('Schema:'));
  const syntax = diagnostics.find((d) => !d.message.startsWith('Schema:'));
  const large = text.length > LARGE_BODY_CHARS;
  const [jump, setJump] = useState<{ from: number; to: number } | null>(null);
  // Format rewrites the whole text: show its start, not wherever the caret was.
  const format = () => {
    formatBody();
    setJump({ from: 0, to: 0 });
  };

  return (
    <div className="body-panel">
      <div className="panel-toolbar">
        <Segmented<BodyKind>
          label="Body type"
          size="sm"
          value={kind}
          onChange={setBodyKind}
          options={[
            { id: 'none', label: 'None' },
            { id: 'json', label: 'JSON' },
            { id: 'text', label: 'Text' },
            { id: 'form', label: 'Form' },
            { id: 'file', label: 'File' },
          ]}
        />
        <div className="spacer" />
        {kind === 'json' ? (
          <Button size="sm" variant="ghost" icon="code" onClick={format} disabled={!!syntax || text.trim() === ''}>
            Format
          </Button>
        ) : null}
      </div>
      {kind === 'none' ? <p className="muted pad">This request has no body.</p> : null}
      {(kind === 'json' || kind === 'text') && large ? (
        <Notice tone="info" title="Large body: plain editor">
          {formatBytes(text.length)} of text: edited without highlighting, wrapping or live checks so typing stays fast; the body is checked when you pause.
          {longestLine(text) > LONG_LINE_CHARS ? ' It is one very long line: Format breaks it into lines, which edit much faster.' : ''}
        </Notice>
      ) : null}
      {kind === 'json' || kind === 'text' ? (
        <div className="editor-box editor-box-fill">
          <CodeEditor value={text} onChange={setBodyText} label="Request body" language={kind === 'json' ? 'json' : 'text'} diagnostics={kind === 'json' && !large ? diagnostics : []} onModEnter={onSend} placeholder={kind === 'json' ? '{ "account": { "name": "Contoso" } }' : 'Plain text'} selection={jump} lightweight={large} />
        </div>
      ) : null}
      {kind === 'json' ? (
        <div className="body-status" aria-live="polite">
          {syntax ? (
            <span className="tone-danger">
              <Icon name="error" size={12} /> {syntax.message}
            </span>
          ) : schema === undefined ? (
            <span className="muted">{target ? `${target.name} has no body schema.` : 'Pick a workflow to check the body against its schema.'}</span>
          ) : schemaIssues.length === 0 ? (
            <span className="tone-success">
              <Icon name="check" size={12} /> Matches the schema of {target?.name}
            </span>
          ) : (
            <details className="schema-issues">
              <summary className="tone-warning">
                <Icon name="warning" size={12} /> {schemaIssues.length} schema mismatch{schemaIssues.length === 1 ? '' : 'es'}
                {validating ? ': the trigger will answer 400 TriggerInputSchemaMismatch' : ' (validation is off: the trigger accepts it anyway)'}
              </summary>
              <ul>
                {schemaIssues.map((d, i) => (
                  <li key={i}>{d.message.replace(/^Schema: /, '')}</li>
                ))}
              </ul>
            </details>
          )}
        </div>
      ) : null}
      {kind === 'form' ? <KeyValueTable label="Form fields" rows={formRows} onChange={setFormRows} keyPlaceholder="Field" /> : null}
      {kind === 'file' ? (
        <div className="file-pick">
          <label className="btn btn-secondary btn-md">
            <Icon name="file" size={16} /> Choose a file…
            <input
              type="file"
              className="visually-hidden"
              onChange={async (e) => {
                const chosen = e.target.files?.[0];
                if (!chosen) return;
                const base64 = await readFile(chosen);
                setFile({ name: chosen.name, base64, contentType: chosen.type || undefined, size: chosen.size });
              }}
            />
          </label>
          {file ? (
            <span className="file-chosen">
              <span className="mono">{file.name}</span> <span className="muted">{formatBytes(file.size)} · {file.contentType ?? 'application/octet-stream'}</span>
              <Button size="sm" variant="ghost" icon="x" aria-label="Remove the file" onClick={() => setFile(null)} />
            </span>
          ) : (
            <span className="muted">The file is sent as the raw body, with its content type.</span>
          )}
        </div>
      ) : null}
    </div>
  );
}
