import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { Icon, type IconName } from '../../components/icon.tsx';
import { isDirty } from '../../stores/editor.store.ts';
import { useSlice, useStores } from '../../stores/context.tsx';
import type { ViewId } from '../../stores/ui.store.ts';
import { ComposerView } from '../composer/composer-view.tsx';
import { ExchangeButtons, ExchangeLayer } from '../exchange/exchange-controls.tsx';
import { RunsView } from '../runs/runs-view.tsx';
import { SettingsView } from '../settings/settings-view.tsx';
import { NewWorkflowDialog } from '../workflows/new-workflow-dialog.tsx';
import { WorkflowEditor } from '../workflows/workflow-editor.tsx';
import { WorkflowSidebar } from '../workflows/workflow-sidebar.tsx';
import { StatusBar } from './status-bar.tsx';
import { Toasts } from './toasts.tsx';

const VIEWS: { id: ViewId; label: string; icon: IconName; shortcut: string }[] = [
  { id: 'workflows', label: 'Workflows', icon: 'workflow', shortcut: '1' },
  { id: 'composer', label: 'Composer', icon: 'send', shortcut: '2' },
  { id: 'history', label: 'Run history', icon: 'history', shortcut: '3' },
  { id: 'settings', label: 'Settings', icon: 'settings', shortcut: '4' },
];

/** The console: top bar with the views, the workflows sidebar, the active view, the status bar. */
export function App() {
  const stores = useStores();
  const { ui, editor, composer } = stores;
  const view = useSlice(ui, (s) => s.view);
  const [creating, setCreating] = useState(false);
  const [pendingOpen, setPendingOpen] = useState<string | null>(null);

  const openWorkflow = (name: string) => {
    // In Run history a workflow in the sidebar filters the runs (a second click clears it);
    // elsewhere it opens the workflow in the editor.
    if (ui.getState().view === 'history') {
      const runs = stores.runs.getState();
      runs.setWorkflowFilter(runs.filters.workflow === name ? undefined : name);
      return;
    }
    if (name !== editor.getState().name && isDirty(editor.getState())) {
      setPendingOpen(name);
      return;
    }
    void editor.getState().open(name);
    ui.getState().setView('workflows');
  };
  const compose = (name: string) => {
    // A fresh tab (Postman's habit), unless the current one is still empty: the request
    // being worked on in another tab is never overwritten.
    if (composer.getState().url.trim() !== '' || composer.getState().bodyText.trim() !== '') stores.session.getState().newTab();
    composer.getState().useWorkflow(name);
    ui.getState().setView('composer');
  };

  return (
    <div
      className="app"
      onKeyDown={(e) => {
        // Alt+1..4 switches views (Ctrl+digits belong to the browser's tabs).
        if (e.altKey && !e.ctrlKey && !e.metaKey) {
          const target = VIEWS.find((v) => v.shortcut === e.key);
          if (target) {
            e.preventDefault();
            ui.getState().setView(target.id);
          }
        }
      }}
    >
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            <Icon name="bolt" size={14} />
          </span>
          <span className="brand-name">Triggerbench</span>
        </div>
        <nav className="topnav" aria-label="Views">
          {VIEWS.map((v) => (
            <button key={v.id} type="button" className={`topnav-item ${view === v.id ? 'topnav-active' : ''}`} aria-current={view === v.id ? 'page' : undefined} onClick={() => ui.getState().setView(v.id)} title={`${v.label} (Alt+${v.shortcut})`} aria-keyshortcuts={`Alt+${v.shortcut}`}>
              <Icon name={v.icon} size={15} />
              {v.label}
            </button>
          ))}
        </nav>
        <div className="topbar-right">
          <ExchangeButtons />
          <Button size="sm" icon="plus" onClick={() => setCreating(true)}>
            New workflow
          </Button>
        </div>
      </header>
      <WorkflowSidebar onOpen={openWorkflow} onNew={() => setCreating(true)} />
      <main id="main" className="main" tabIndex={-1}>
        {view === 'workflows' ? <WorkflowEditor onNew={() => setCreating(true)} onCompose={compose} /> : null}
        {view === 'composer' ? <ComposerView /> : null}
        {view === 'history' ? <RunsView onCompose={() => ui.getState().setView('composer')} /> : null}
        {view === 'settings' ? <SettingsView /> : null}
      </main>
      <StatusBar />
      <Toasts />
      <ExchangeLayer />
      {creating ? (
        <NewWorkflowDialog
          onClose={() => setCreating(false)}
          onCreated={(name) => {
            setCreating(false);
            ui.getState().setView('workflows');
            ui.getState().notify('success', `Created ${name}: it is saved and live on the listener.`);
          }}
        />
      ) : null}
      {pendingOpen ? (
        <Dialog
          title="Discard unsaved changes?"
          onClose={() => setPendingOpen(null)}
          width={440}
          footer={
            <>
              <Button onClick={() => setPendingOpen(null)} data-autofocus>
                Keep editing
              </Button>
              <Button
                variant="danger"
                onClick={() => {
                  const name = pendingOpen;
                  setPendingOpen(null);
                  void editor.getState().open(name);
                  ui.getState().setView('workflows');
                }}
              >
                Discard and open {pendingOpen}
              </Button>
            </>
          }
        >
          <p>{editor.getState().name} has changes that are not saved. Opening {pendingOpen} discards them.</p>
        </Dialog>
      ) : null}
    </div>
  );
}
