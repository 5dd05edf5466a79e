import { useMemo, useState } from 'react';
import { MethodBadge, StatusCode } from '../../components/badges.tsx';
import { Button, IconButton } from '../../components/button.tsx';
import { Segmented } from '../../components/form-controls.tsx';
import { ErrorNotice } from '../../components/notices.tsx';
import { formatRelative } from '../../lib/format.ts';
import { docFromSaved, docTitle } from '../../lib/saved-request.ts';
import { useSlice, useStores } from '../../stores/context.tsx';

/** Saved requests (the workspace's collections) and the history of sent requests, each opening in a new tab. */
export function LibraryPanel() {
  const { library, session, workspace } = useStores();
  const [section, setSection] = useState<'saved' | 'history'>('saved');
  const collections = useSlice(library, (s) => s.collections);
  const problems = useSlice(library, (s) => s.problems);
  const sent = useSlice(library, (s) => s.sent);
  const sentSearch = useSlice(library, (s) => s.sentSearch);
  const error = useSlice(library, (s) => s.error);
  const [filter, setFilter] = useState('');
  const workflows = () => workspace.getState().workspace?.workflows ?? [];
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    if (!f) return collections;
    return collections.map((c) => ({ ...c, requests: c.requests.filter((r) => c.name.toLowerCase().includes(f) || r.request.name.toLowerCase().includes(f) || r.request.url.toLowerCase().includes(f)) })).filter((c) => c.requests.length > 0);
  }, [collections, filter]);
  const now = Date.now();
  return (
    <aside className="library" aria-label="Saved requests and history">
      <div className="library-head">
        <Segmented<'saved' | 'history'>
          size="sm"
          label="Library section"
          value={section}
          onChange={setSection}
          options={[
            { id: 'saved', label: 'Saved' },
            { id: 'history', label: 'History' },
          ]}
        />
      </div>
      <ErrorNotice error={error} action={<IconButton icon="x" size="sm" label="Dismiss" onClick={() => library.getState().clearError()} />} />
      {section === 'saved' ? (
        <>
          <input type="search" className="input input-sm" placeholder="Filter saved requests" aria-label="Filter saved requests" value={filter} onChange={(e) => setFilter(e.target.value)} />
          {collections.length === 0 ? <p className="muted small">No saved requests yet. Compose one and press Save: it becomes a file in the workspace's .triggerbench/collections folder.</p> : null}
          <ul className="library-list" aria-label="Collections">
            {shown.map((collection) => (
              <li key={collection.name}>
                <div className="library-collection">{collection.name}</div>
                <ul>
                  {collection.requests.map(({ file, request }) => (
                    <li key={file} className="library-item">
                      <button type="button" className="library-open" onClick={() => session.getState().newTab(docFromSaved(request, workflows()), { collection: collection.name, file, name: request.name })} title={`${collection.name}/${file}`}>
                        <MethodBadge method={request.method} />
                        <span className="library-name">{request.name}</span>
                      </button>
                      <IconButton icon="trash" size="sm" label={`Delete ${request.name}`} onClick={() => void library.getState().deleteRequest(collection.name, file)} />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          {problems.length > 0 ? (
            <ul className="library-problems" aria-label="Files that did not load">
              {problems.map((p) => (
                <li key={p.file} className="small">
                  <span className="mono">{p.file}</span>: {p.message}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : (
        <>
          <input type="search" className="input input-sm" placeholder="Search URL, headers, body" aria-label="Search sent requests" value={sentSearch} onChange={(e) => void library.getState().searchSent(e.target.value)} />
          {sent.length === 0 ? <p className="muted small">{sentSearch ? 'No sent request matches.' : 'Requests you send appear here, newest first.'}</p> : null}
          <ul className="library-list" aria-label="Sent requests, newest first">
            {sent.map((entry) => (
              <li key={entry.id} className="library-item">
                <button type="button" className="library-open" onClick={() => session.getState().newTab(docFromSaved(entry.request, workflows()))} title={entry.request.url}>
                  <MethodBadge method={entry.request.method} />
                  <span className="library-name">{docTitle(docFromSaved(entry.request, workflows())).replace(/^\S+ /, '')}</span>
                  {entry.status !== undefined ? <StatusCode status={entry.status} /> : <span className="small mono">{entry.error}</span>}
                  <span className="library-time small muted">{formatRelative(entry.sentAt, now)}</span>
                </button>
              </li>
            ))}
          </ul>
          {sent.length > 0 ? (
            <Button size="sm" variant="ghost" icon="trash" onClick={() => void library.getState().clearSent()}>
              Clear history
            </Button>
          ) : null}
        </>
      )}
    </aside>
  );
}
