import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import { CodeEditor } from '../../components/code-editor.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { Field, Segmented } from '../../components/form-controls.tsx';
import { Notice } from '../../components/notices.tsx';
import { checkWorkflowName, type WorkflowTemplate } from '../../lib/templates.ts';
import { useSlice, useStores } from '../../stores/context.tsx';

/** "New workflow": a name and a template (blank Request → Response, or from a sample payload). */
export function NewWorkflowDialog({ onClose, onCreated }: { onClose(): void; onCreated(name: string): void }) {
  const { editor, workspace } = useStores();
  const error = useSlice(editor, (s) => s.createError);
  const creating = useSlice(editor, (s) => s.creating);
  const [name, setName] = useState('');
  const [template, setTemplate] = useState<WorkflowTemplate>('sample');
  const [sample, setSample] = useState('');
  const existing = useSlice(workspace, (s) => s.workspace?.workflows.map((w) => w.name).join('\n') ?? '');
  // Checked as typed (the same rule the core applies), so a bad name shows before submit.
  const nameError = name.trim() === '' ? null : (checkWorkflowName(name, existing ? existing.split('\n') : []) ?? null);
  const close = () => {
    editor.getState().clearCreateError();
    onClose();
  };
  const create = async () => {
    if (await editor.getState().create(name, template, sample)) onCreated(name.trim());
  };
  return (
    <Dialog
      title="New workflow"
      onClose={close}
      width={620}
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button variant="primary" icon="plus" onClick={() => void create()} disabled={creating || nameError !== null}>
            {creating ? 'Creating…' : 'Create workflow'}
          </Button>
        </>
      }
    >
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <Field label="Name" hint="Becomes the folder name and the /api/<name>/ part of the callback URL." error={nameError}>
          {(props) => <input {...props} className="input mono" value={name} onChange={(e) => setName(e.target.value)} placeholder="account-intake" data-autofocus spellCheck={false} />}
        </Field>
        <div className="field">
          <span className="field-label">Start from</span>
          <Segmented<WorkflowTemplate>
            label="Template"
            value={template}
            onChange={setTemplate}
            options={[
              { id: 'sample', label: 'Sample payload' },
              { id: 'blank', label: 'Blank Request → Response' },
            ]}
          />
        </div>
        {template === 'sample' ? (
          <div className="field">
            <span className="field-label">Sample payload</span>
            <div className="editor-box editor-box-tall">
              <CodeEditor value={sample} onChange={setSample} label="Sample payload" placeholder="Paste the JSON body your callers send" onModEnter={() => void create()} />
            </div>
            <div className="field-hint">The Request trigger gets a JSON schema generated from it (“Use sample payload to generate schema”); the Response echoes the body back as JSON.</div>
          </div>
        ) : (
          <p className="field-hint">A Request trigger that accepts any method and a Response action that returns 200 with the request body.</p>
        )}
        {error ? <Notice tone="danger">{error}</Notice> : null}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
