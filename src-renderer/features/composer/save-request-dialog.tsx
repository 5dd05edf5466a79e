import { useId, useState } from 'react';
import { checkStoreName } from '../../../src-shared/collections-schema.ts';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { Field } from '../../components/form-controls.tsx';
import { Notice } from '../../components/notices.tsx';
import { docOf } from '../../stores/composer.store.ts';
import { savedFromDoc } from '../../lib/saved-request.ts';
import { useSlice, useStores } from '../../stores/context.tsx';

/**
 * Saves the composed request into a collection. The tab then belongs to that file, so the
 * next Save overwrites it (Ctrl+S in the composer).
 */
export async function saveToFile(stores: ReturnType<typeof useStores>, collection: string, name: string, file?: string): Promise<boolean> {
  const { request } = savedFromDoc(docOf(stores.composer.getState()), name);
  const written = await stores.library.getState().saveRequest(collection, request, file);
  if (written === null) return false;
  stores.session.getState().markSaved({ collection, file: written, name });
  stores.ui.getState().notify('success', `Saved ${name} to ${collection}.`);
  return true;
}

/** "Save request": a collection (new or existing) and a name. */
export function SaveRequestDialog({ onClose }: { onClose(): void }) {
  const stores = useStores();
  const { library, session, composer } = stores;
  const collections = useSlice(library, (s) => s.collections);
  const error = useSlice(library, (s) => s.error);
  const tab = session.getState().tabs.find((t) => t.id === session.getState().activeId);
  const [collection, setCollection] = useState(tab?.saved?.collection ?? collections[0]?.name ?? 'My requests');
  const [name, setName] = useState(tab?.saved?.name ?? session.getState().titleOf(tab ?? { id: '', doc: composer.getState() }));
  const listId = useId();
  const collectionError = collection.trim() === '' ? null : (checkStoreName('collection', collection.trim()) ?? null);
  const fileBody = composer.getState().bodyKind === 'file';
  const save = async () => {
    if (collectionError || name.trim() === '') return;
    if (await saveToFile(stores, collection.trim(), name.trim())) onClose();
  };
  return (
    <Dialog
      title="Save request"
      onClose={onClose}
      width={480}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" icon="save" onClick={() => void save()} disabled={collectionError !== null || name.trim() === '' || collection.trim() === ''}>
            Save
          </Button>
        </>
      }
    >
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Field label="Collection" hint="A folder under .triggerbench/collections in the workspace; new names create it." error={collectionError}>
          {(props) => <input {...props} className="input" list={listId} value={collection} onChange={(e) => setCollection(e.target.value)} data-autofocus />}
        </Field>
        <datalist id={listId}>
          {collections.map((c) => (
            <option key={c.name} value={c.name} />
          ))}
        </datalist>
        <Field label="Request name">{(props) => <input {...props} className="input" value={name} onChange={(e) => setName(e.target.value)} />}</Field>
        <p className="field-hint">A request aimed at a workflow is saved without its signature: it gets the current callback URL (port, keys) when opened. Use {'{{variables}}'} for tokens and other secrets.</p>
        {fileBody ? <Notice tone="warning">A file body is not saved; choose the file again after opening the request.</Notice> : null}
        {error ? <Notice tone="danger">{error.message}</Notice> : null}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
