import { useMemo, useState } from 'react';
import { fieldProblems, problemText } from '../../lib/field-problems.ts';
import { isDirty } from '../../stores/editor.store.ts';
import { REQUEST_TRIGGER_METHODS } from '../../../src-shared/workflow/http-methods.ts';
import { Button } from '../../components/button.tsx';
import { CodeEditor } from '../../components/code-editor.tsx';
import { Field, Switch } from '../../components/form-controls.tsx';
import { Icon } from '../../components/icon.tsx';
import { Notice } from '../../components/notices.tsx';
import { useSlice, useStores } from '../../stores/context.tsx';
import { SamplePayloadDialog } from './sample-payload-dialog.tsx';
import { TriggerConditions } from './trigger-conditions.tsx';

/** The Request trigger's form: schema (with "Use sample payload"), method, relative path, validation. */
export function TriggerCard({ disabled }: { disabled: boolean }) {
  const { editor } = useStores();
  const trigger = useSlice(editor, (s) => s.trigger);
  const schemaText = useSlice(editor, (s) => s.schemaText);
  const schemaError = useSlice(editor, (s) => s.schemaError);
  const [sampleOpen, setSampleOpen] = useState(false);
  const problems = useSlice(editor, (s) => s.problems);
  const dirty = useSlice(editor, isDirty);
  const saved = useMemo(() => fieldProblems(dirty ? [] : problems, trigger?.name, undefined), [dirty, problems, trigger?.name]);
  if (!trigger) {
    return (
      <section className="card">
        <Notice tone="warning" title="No Request trigger">
          This workflow cannot be called over HTTP. Add a trigger of type <code>Request</code> in the Code tab, or create a new workflow from a template.
        </Notice>
      </section>
    );
  }
  const { setMethod, setRelativePath, setSchemaValidation, setSchemaText } = editor.getState();
  return (
    <section className="card" aria-labelledby="trigger-card-title">
      <header className="card-head">
        <span className="card-icon card-icon-trigger">
          <Icon name="bolt" size={15} />
        </span>
        <div>
          <h3 id="trigger-card-title">When an HTTP request is received</h3>
          <div className="card-sub mono">{trigger.name}</div>
        </div>
      </header>
      <div className="card-body">
        {trigger.description ? <p className="muted small">{trigger.description}</p> : null}
        <div className="field">
          <div className="field-label-row">
            <span className="field-label" id="schema-label">
              Request Body JSON Schema
            </span>
            <Button size="sm" variant="ghost" icon="wand" onClick={() => setSampleOpen(true)} disabled={disabled}>
              Use sample payload to generate schema
            </Button>
          </div>
          <div className="editor-box editor-box-schema">
            <CodeEditor value={schemaText} onChange={setSchemaText} label="Request body JSON schema" readOnly={disabled} placeholder='{ "type": "object", "properties": { } }' />
          </div>
          {schemaError ? <div className="field-error" role="alert">{schemaError}</div> : null}
          {saved.schema.map((p, i) => (
            <div key={i} className="field-error">
              {problemText(p)}
            </div>
          ))}
          {schemaText.trim() !== '' ? (
            <div className="field-hint">
              <Icon name="info" size={12} /> Callers must send <code>Content-Type: application/json</code> for the body to be parsed as JSON.
            </div>
          ) : null}
        </div>
        <div className="grid-2">
          <Field label="Method" hint="Without a method, the trigger accepts any." error={saved.method.map(problemText).join(' ') || null}>
            {(props) => (
              <select {...props} className="input" value={trigger.method} onChange={(e) => setMethod(e.target.value)} disabled={disabled}>
                <option value="">Default (Allow all methods)</option>
                {REQUEST_TRIGGER_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Relative path" error={saved.relativePath.map(problemText).join(' ') || null} hint={<>A URI template such as <code>/address/{'{postalCode}'}</code>; values land in relativePathParameters.</>}>
            {(props) => <input {...props} className="input mono" value={trigger.relativePath} onChange={(e) => setRelativePath(e.target.value)} placeholder="/address/{postalCode}" disabled={disabled} spellCheck={false} />}
          </Field>
        </div>
        <Switch
          checked={trigger.schemaValidation}
          onChange={setSchemaValidation}
          disabled={disabled}
          label="Schema validation"
          description={<>Rejects bodies that do not match the schema with 400 <code>TriggerInputSchemaMismatch</code> (operationOptions: EnableSchemaValidation).</>}
        />
        <TriggerConditions disabled={disabled} />
      </div>
      {sampleOpen ? <SamplePayloadDialog onClose={() => setSampleOpen(false)} /> : null}
    </section>
  );
}
