import { useEffect, useState } from 'react';
import { KeyValueTable } from '../../components/key-value-table.tsx';
import { Notice } from '../../components/notices.tsx';
import { Tabs, tabPanelProps } from '../../components/tabs.tsx';
import type { HeaderRow } from '../../stores/composer.store.ts';
import { useSlice, useStores } from '../../stores/context.tsx';
import { ResponseView } from '../response/response-view.tsx';
import { AuthPanel } from './auth-panel.tsx';
import { BodyPanel } from './body-panel.tsx';
import { EnvironmentsDialog } from './environments-dialog.tsx';
import { LibraryPanel } from './library-panel.tsx';
import { RequestBar } from './request-bar.tsx';
import { RequestTabs } from './request-tabs.tsx';
import { SaveRequestDialog, saveToFile } from './save-request-dialog.tsx';

type RequestTab = 'params' | 'headers' | 'body' | 'auth';

const HEADER_SUGGESTIONS = ['Content-Type', 'Accept', 'Authorization', 'x-ms-client-tracking-id', 'x-ms-correlation-id', 'User-Agent'];

function lockReason(row: HeaderRow): string | undefined {
  if (row.auto === 'auth') return 'Set by the Auth tab (Bearer token)';
  return undefined;
}

/** The Composer view: build a request (Postman conventions) and read the response beside it. */
export function ComposerView() {
  const stores = useStores();
  const { composer, session } = stores;
  const [dialog, setDialog] = useState<'save' | 'environments' | null>(null);
  // Open by default where there is room for it beside the request and the response.
  const [libraryOpen, setLibraryOpen] = useState(() => window.innerWidth >= 1400);
  // A tab opened from a saved request saves back to its file; a new one asks where.
  const save = () => {
    const tab = session.getState().tabs.find((t) => t.id === session.getState().activeId);
    if (tab?.saved) void saveToFile(stores, tab.saved.collection, tab.saved.name, tab.saved.file);
    else setDialog('save');
  };
  const params = useSlice(composer, (s) => s.params);
  const headers = useSlice(composer, (s) => s.headers);
  const auth = useSlice(composer, (s) => s.auth);
  const bodyKind = useSlice(composer, (s) => s.bodyKind);
  const sendError = useSlice(composer, (s) => s.sendError);
  const [tab, setTab] = useState<RequestTab>('body');
  const send = () => void composer.getState().send();

  // Ctrl/Cmd+Enter sends from anywhere in the composer (CodeMirror handles it inside editors).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && !e.defaultPrevented) {
        e.preventDefault();
        send();
      }
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's' && !e.defaultPrevented && dialog === null) {
        e.preventDefault();
        save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const enabledParams = params.filter((p) => p.enabled && p.key !== '').length;
  const enabledHeaders = headers.filter((h) => h.enabled && h.key !== '').length;
  return (
    <div className={`composer-shell ${libraryOpen ? '' : 'composer-shell-closed'}`}>
      {libraryOpen ? <LibraryPanel /> : null}
      <div className="composer-view">
        <RequestTabs libraryOpen={libraryOpen} onToggleLibrary={() => setLibraryOpen(!libraryOpen)} />
        <RequestBar onSave={save} onEnvironments={() => setDialog('environments')} />
        {sendError ? (
          <div className="composer-error">
            <Notice tone="danger">{sendError}</Notice>
          </div>
        ) : null}
        <div className="composer-split">
          <section className="composer-request" aria-label="Request">
            <Tabs<RequestTab>
              label="Request parts"
              idBase="req"
              active={tab}
              onChange={setTab}
              items={[
                { id: 'params', label: 'Params', badge: enabledParams || undefined },
                { id: 'headers', label: 'Headers', badge: enabledHeaders || undefined },
                { id: 'body', label: 'Body', badge: bodyKind === 'none' ? undefined : bodyKind.toUpperCase() },
                { id: 'auth', label: 'Auth', badge: auth === 'sas' ? 'SAS' : auth === 'bearer' ? 'Bearer' : 'None' },
              ]}
            />
            <div className="request-panel" {...tabPanelProps('req', tab)}>
              {tab === 'params' ? (
                <>
                  <KeyValueTable label="Query parameters" rows={params} onChange={(rows) => composer.getState().setParams(rows)} keyPlaceholder="Parameter" />
                  <p className="muted small pad-top">The table and the URL stay in step. sp, sv and sig are the shared access signature; switch Auth to Bearer or None to remove them.</p>
                </>
              ) : null}
              {tab === 'headers' ? (
                <KeyValueTable<HeaderRow> label="Request headers" rows={headers} onChange={(rows) => composer.getState().setHeaders(rows)} keyPlaceholder="Header" isLocked={lockReason} keySuggestions={HEADER_SUGGESTIONS} />
              ) : null}
              {tab === 'body' ? <BodyPanel onSend={send} /> : null}
              {tab === 'auth' ? <AuthPanel /> : null}
            </div>
          </section>
          <ResponseView />
        </div>
      </div>
      {dialog === 'save' ? <SaveRequestDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'environments' ? <EnvironmentsDialog onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
