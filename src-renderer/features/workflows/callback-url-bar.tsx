import { useState } from 'react';
import type { KeyType, WorkflowView } from '../../../src-shared/contract.ts';
import { MethodBadge } from '../../components/badges.tsx';
import { Button } from '../../components/button.tsx';
import { CopyButton } from '../../components/form-controls.tsx';
import { ErrorNotice, Notice } from '../../components/notices.tsx';
import { useSlice, useStores } from '../../stores/context.tsx';
import { AccessControlDialog } from '../access/access-control-dialog.tsx';

/** The HTTP URL of a saved, callable workflow, with the key to sign it and copy / open-in-composer actions. */
export function CallbackUrlBar({ workflow, onCompose }: { workflow: WorkflowView; onCompose(): void }) {
  const { editor, ui, app } = useStores();
  const urlError = useSlice(editor, (s) => s.urlError);
  const listener = useSlice(app, (s) => s.listener);
  const [keyType, setKeyType] = useState<KeyType>('primary');
  const [editingAccess, setEditingAccess] = useState(false);
  if (!workflow.callable || !workflow.callbackUrl) {
    return (
      <div className="url-bar url-bar-off">
        <span>
          {workflow.trigger
            ? 'No callback URL yet: fix the errors below and save. The URL appears once the workflow can be called.'
            : 'No callback URL: this workflow has no Request trigger.'}
        </span>
      </div>
    );
  }
  const url = workflow.callbackUrl[keyType];
  const stopped = listener !== null && !listener.running;
  return (
    <div className="stack-sm">
      {stopped ? (
        <Notice tone="warning" title="Not listening">
          The listener is stopped{listener.error ? ` (${listener.error.message})` : ''}, so this URL answers nothing until it runs: choose a free port in Settings.
        </Notice>
      ) : null}
      <div className="url-bar">
        <span className="url-bar-label">HTTP URL</span>
        <MethodBadge method={workflow.trigger?.method} />
        <input className="url-bar-input mono" readOnly value={url} aria-label="Callback URL" onFocus={(e) => e.currentTarget.select()} />
        <select className="input input-sm" value={keyType} onChange={(e) => setKeyType(e.target.value as KeyType)} aria-label="Access key that signs the URL">
          <option value="primary">Primary key</option>
          <option value="secondary">Secondary key</option>
        </select>
        <CopyButton
          size="sm"
          label="Copy callback URL"
          onCopy={async () => {
            const copied = await editor.getState().copyCallbackUrl(keyType);
            if (copied) ui.getState().notify('success', `Callback URL (${keyType} key) copied.`);
            return copied;
          }}
        >
          Copy URL
        </CopyButton>
        <Button size="sm" icon="send" onClick={onCompose}>
          Open in Composer
        </Button>
        <Button size="sm" icon="shield" onClick={() => setEditingAccess(true)} title="SAS on or off, OAuth policies, allowed caller IP ranges (access-control.json)">
          Access control…
        </Button>
      </div>
      <ErrorNotice error={urlError} title="Could not get the callback URL" />
      {editingAccess ? <AccessControlDialog workflow={workflow.name} onClose={() => setEditingAccess(false)} /> : null}
    </div>
  );
}
