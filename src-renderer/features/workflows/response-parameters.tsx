import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import { CodeEditor } from '../../components/code-editor.tsx';
import { Switch } from '../../components/form-controls.tsx';
import { useSlice, useStores } from '../../stores/context.tsx';
import { SamplePayloadDialog } from './sample-payload-dialog.tsx';

/**
 * The Response's "add new parameter" choices the portal offers: a JSON schema for the
 * response body, and the asynchronous response option.
 */
export function ResponseParameters({ disabled }: { disabled: boolean }) {
  const { editor } = useStores();
  const schemaText = useSlice(editor, (s) => s.responseSchemaText);
  const schemaError = useSlice(editor, (s) => s.responseSchemaError);
  const asynchronous = useSlice(editor, (s) => s.response?.asynchronous ?? false);
  const [adding, setAdding] = useState(false);
  const [sampleOpen, setSampleOpen] = useState(false);
  const { setResponseSchemaText, setAsynchronous } = editor.getState();
  const showSchema = adding || schemaText.trim() !== '';
  return (
    <div className="response-params">
      {showSchema ? (
        <div className="field">
          <div className="field-label-row">
            <span className="field-label">Response Body JSON Schema</span>
            <span className="spacer" />
            <Button size="sm" variant="ghost" icon="wand" disabled={disabled} onClick={() => setSampleOpen(true)}>
              Use sample payload to generate schema
            </Button>
            <Button
              size="sm"
              variant="ghost"
              icon="trash"
              disabled={disabled}
              onClick={() => {
                setAdding(false);
                setResponseSchemaText('');
              }}
            >
              Remove
            </Button>
          </div>
          <div className="editor-box editor-box-schema">
            <CodeEditor value={schemaText} onChange={setResponseSchemaText} label="Response body JSON schema" readOnly={disabled} placeholder='{ "type": "object", "properties": { } }' />
          </div>
          {schemaError ? (
            <div className="field-error" role="alert">
              {schemaError}
            </div>
          ) : (
            <div className="field-hint">Describes the body callers get (inputs.schema); the portal uses it to offer this workflow's outputs to its callers.</div>
          )}
        </div>
      ) : (
        <div>
          <Button size="sm" icon="plus" disabled={disabled} onClick={() => setAdding(true)}>
            Add a response body JSON schema
          </Button>
        </div>
      )}
      <Switch
        checked={asynchronous}
        onChange={setAsynchronous}
        disabled={disabled}
        label="Asynchronous response"
        description={<>Callers get <strong>202 Accepted</strong> with a Location to poll until this Response is ready (operationOptions: Asynchronous).</>}
      />
      {sampleOpen ? <SamplePayloadDialog target="response" onClose={() => setSampleOpen(false)} /> : null}
    </div>
  );
}
