import { useState } from 'react';
import { checkStoreName } from '../../../src-shared/collections-schema.ts';
import type { EnvironmentVariable, SavedEnvironment } from '../../../src-shared/collections.ts';
import { Button, IconButton } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { Field } from '../../components/form-controls.tsx';
import { Notice } from '../../components/notices.tsx';
import { useSlice, useStores } from '../../stores/context.tsx';

const blank = (): EnvironmentVariable => ({ name: '', value: '' });

/** Edits the workspace's environments: variables for `{{name}}`, secret ones kept in the data folder. */
export function EnvironmentsDialog({ onClose }: { onClose(): void }) {
  const { library } = useStores();
  const environments = useSlice(library, (s) => s.environments);
  const active = useSlice(library, (s) => s.activeEnvironment);
  const error = useSlice(library, (s) => s.error);
  const [editing, setEditing] = useState<string | null>(active ?? environments[0]?.name ?? null);
  const current = environments.find((e) => e.name === editing);
  const [name, setName] = useState(current?.name ?? 'Local');
  const [variables, setVariables] = useState<EnvironmentVariable[]>(current ? current.variables.map((v) => ({ ...v })) : [blank()]);
  const pick = (env: SavedEnvironment | null) => {
    setEditing(env?.name ?? null);
    setName(env?.name ?? '');
    setVariables(env ? env.variables.map((v) => ({ ...v })) : [blank()]);
  };
  const nameError = name.trim() === '' ? null : (checkStoreName('environment', name.trim()) ?? null);
  const patch = (index: number, change: Partial<EnvironmentVariable>) => setVariables(variables.map((v, i) => (i === index ? { ...v, ...change } : v)));
  const save = async () => {
    const environment: SavedEnvironment = { version: 1, name: name.trim(), variables: variables.filter((v) => v.name.trim() !== '').map((v) => ({ ...v, name: v.name.trim() })) };
    if (await library.getState().saveEnvironment(environment, editing ?? undefined)) {
      setEditing(environment.name);
      if (!library.getState().activeEnvironment) library.getState().setActiveEnvironment(environment.name);
    }
  };
  return (
    <Dialog title="Environments" onClose={onClose} width={760}>
      <div className="env-editor">
        <ul className="env-list" aria-label="Environments">
          {environments.map((env) => (
            <li key={env.name}>
              <button type="button" className={`env-pick ${env.name === editing ? 'env-pick-active' : ''}`} aria-current={env.name === editing ? 'true' : undefined} onClick={() => pick(env)}>
                {env.name}
              </button>
            </li>
          ))}
          <li>
            <Button size="sm" icon="plus" onClick={() => pick(null)}>
              New environment
            </Button>
          </li>
        </ul>
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Field label="Environment name" error={nameError}>
            {(props) => <input {...props} className="input" value={name} onChange={(e) => setName(e.target.value)} data-autofocus />}
          </Field>
          <table className="data-table env-table" aria-label="Variables">
            <thead>
              <tr>
                <th>On</th>
                <th>Variable</th>
                <th>Value</th>
                <th>Secret</th>
                <th>
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {variables.map((v, i) => (
                <tr key={i}>
                  <td>
                    <input type="checkbox" checked={v.enabled !== false} aria-label={`Use ${v.name || `variable ${i + 1}`}`} onChange={(e) => patch(i, { enabled: e.target.checked ? undefined : false })} />
                  </td>
                  <td>
                    <input className="input input-sm mono" value={v.name} placeholder="name" aria-label={`Name of variable ${i + 1}`} onChange={(e) => patch(i, { name: e.target.value })} />
                  </td>
                  <td>
                    <input className="input input-sm mono" type={v.secret ? 'password' : 'text'} value={v.value ?? ''} placeholder="value" aria-label={`Value of ${v.name || `variable ${i + 1}`}`} onChange={(e) => patch(i, { value: e.target.value })} />
                  </td>
                  <td>
                    <input type="checkbox" checked={!!v.secret} aria-label={`${v.name || `variable ${i + 1}`} is secret`} onChange={(e) => patch(i, { secret: e.target.checked || undefined })} />
                  </td>
                  <td>
                    <IconButton icon="trash" size="sm" label={`Remove ${v.name || `variable ${i + 1}`}`} onClick={() => setVariables(variables.filter((_, j) => j !== i))} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="env-actions">
            <Button size="sm" icon="plus" onClick={() => setVariables([...variables, blank()])}>
              Add variable
            </Button>
            <span className="spacer" />
            {editing ? (
              <Button size="sm" variant="danger" icon="trash" onClick={() => void library.getState().deleteEnvironment(editing).then(() => pick(library.getState().environments[0] ?? null))}>
                Delete {editing}
              </Button>
            ) : null}
            <Button size="sm" variant="primary" icon="save" type="submit" disabled={nameError !== null || name.trim() === ''}>
              Save environment
            </Button>
          </div>
          <p className="field-hint">Use a variable as {'{{name}}'} in the URL, header values and the body. Secret values stay in the data folder; the workspace file only names them.</p>
          {error ? <Notice tone="danger">{error.message}</Notice> : null}
        </form>
      </div>
    </Dialog>
  );
}
