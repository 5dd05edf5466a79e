import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import { CodeEditor } from '../../components/code-editor.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { Notice } from '../../components/notices.tsx';
import { useSlice, useStores } from '../../stores/context.tsx';

/** "Use sample payload to generate schema": paste a body, get the trigger's (or the Response's) JSON schema (the designer's button). */
export function SamplePayloadDialog({ onClose, target = 'trigger' }: { onClose(): void; target?: 'trigger' | 'response' }) {
  const { editor } = useStores();
  const error = useSlice(editor, (s) => s.sampleError);
  const [sample, setSample] = useState('');
  const done = () => {
    if (editor.getState().generateSchema(sample, target)) onClose();
  };
  return (
    <Dialog
      title="Enter or paste a sample JSON payload"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" onClick={done} disabled={sample.trim() === ''}>
            Done
          </Button>
        </>
      }
    >
      <p className="dialog-lead">The schema is inferred from the sample's shape: types, properties and array items. It replaces the current schema.</p>
      <div className="editor-box editor-box-tall">
        <CodeEditor value={sample} onChange={setSample} label="Sample payload" placeholder='{ "account": { "name": "Contoso", "ID": "12345" } }' onModEnter={done} />
      </div>
      {error ? <Notice tone="danger">{error}</Notice> : null}
    </Dialog>
  );
}
