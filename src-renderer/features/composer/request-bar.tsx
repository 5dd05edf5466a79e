import { MethodBadge } from '../../components/badges.tsx';
import { Button } from '../../components/button.tsx';
import { Segmented } from '../../components/form-controls.tsx';
import { Notice } from '../../components/notices.tsx';
import { useSlice, useStores } from '../../stores/context.tsx';
import type { AuthMode } from '../../stores/composer.store.ts';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** Method, URL, Send/Cancel, the target workflow and the SAS | Bearer | None toggle. */
export function RequestBar({ onSave, onEnvironments }: { onSave(): void; onEnvironments(): void }) {
  const { composer, response, workspace, app, library } = useStores();
  const environments = useSlice(library, (s) => s.environments);
  const activeEnvironment = useSlice(library, (s) => s.activeEnvironment);
  const listener = useSlice(app, (s) => s.listener);
  const base = listener?.baseUrl ?? 'https://127.0.0.1:7071';
  const method = useSlice(composer, (s) => s.method);
  const url = useSlice(composer, (s) => s.url);
  const auth = useSlice(composer, (s) => s.auth);
  const workflowName = useSlice(composer, (s) => s.workflowName);
  const sending = useSlice(response, (s) => s.phase === 'sending');
  const cancelling = useSlice(response, (s) => s.cancelling);
  const workflows = useSlice(workspace, (s) => s.workspace?.workflows ?? []);
  const callable = workflows.filter((w) => w.callable);
  const target = workflows.find((w) => w.name === workflowName);
  const { setMethod, setUrl, setAuth, send, useWorkflow } = composer.getState();

  return (
    <div className="request-bar">
      <form
        className="request-line"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <select className={`input method-select method-${method.toLowerCase()}`} value={method} onChange={(e) => setMethod(e.target.value)} aria-label="HTTP method">
          {METHODS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <input
          className="input url-input mono"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder={`${base}/api/<workflow>/triggers/manual/invoke?… (pick a workflow to fill it in)`}
          aria-label="Request URL"
          spellCheck={false}
        />
        {sending ? (
          <Button key="cancel" variant="danger" size="lg" icon="stop" onClick={() => void response.getState().cancel()} disabled={cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </Button>
        ) : (
          <Button key="send" type="submit" variant="primary" size="lg" icon="send" title="Send (Ctrl+Enter)" aria-keyshortcuts="Control+Enter Meta+Enter">
            Send
          </Button>
        )}
        <Button size="lg" icon="save" onClick={onSave} title="Save to a collection (Ctrl+S)" aria-keyshortcuts="Control+S Meta+S" className="save-request">
          Save
        </Button>
      </form>
      {listener && !listener.running && target ? (
        <Notice tone="warning" title="Not listening">
          The listener is stopped{listener.error ? ` (${listener.error.message})` : ''}: a call to {target.name} gets no answer until it runs. Choose a free port in Settings.
        </Notice>
      ) : null}
      <div className="request-options">
        <label className="inline-field">
          <span>Workflow</span>
          <select
            className="input input-sm"
            value={workflowName ?? ''}
            onChange={(e) => {
              if (e.target.value) useWorkflow(e.target.value);
            }}
            aria-label="Target workflow (fills in its callback URL)"
          >
            <option value="">{callable.length === 0 ? 'No callable workflow yet' : 'Pick a workflow…'}</option>
            {callable.map((w) => (
              <option key={w.name} value={w.name}>
                {w.name}
                {w.trigger?.method ? ` (${w.trigger.method})` : ''}
              </option>
            ))}
          </select>
        </label>
        {target?.trigger ? <MethodBadge method={target.trigger.method} /> : null}
        <label className="inline-field">
          <span>Environment</span>
          <select className="input input-sm" value={activeEnvironment ?? ''} onChange={(e) => library.getState().setActiveEnvironment(e.target.value || null)} aria-label="Environment ({{variables}})">
            <option value="">No environment</option>
            {environments.map((env) => (
              <option key={env.name} value={env.name}>
                {env.name}
              </option>
            ))}
          </select>
        </label>
        <Button size="sm" variant="ghost" onClick={onEnvironments}>
          Environments…
        </Button>
        <div className="spacer" />
        <span className="auth-group">
          <span className="inline-label" id="auth-label">
            Auth
          </span>
          <Segmented<AuthMode>
            label="Authentication"
            size="sm"
            value={auth}
            onChange={setAuth}
            options={[
              { id: 'sas', label: 'SAS', title: 'Shared access signature: sp, sv and sig in the URL' },
              { id: 'bearer', label: 'Bearer', title: 'Authorization: Bearer <token>; the SAS parameters are removed from the URL' },
              { id: 'none', label: 'None', title: 'No credentials: the SAS parameters are removed' },
            ]}
          />
        </span>
      </div>
    </div>
  );
}
