import { IconButton } from '../../components/button.tsx';
import { useSlice, useStores } from '../../stores/context.tsx';

/** The open requests, one tab each (Postman's tabs): switch, close, open a new one. */
export function RequestTabs({ libraryOpen, onToggleLibrary }: { libraryOpen: boolean; onToggleLibrary(): void }) {
  const { session, composer } = useStores();
  const tabs = useSlice(session, (s) => s.tabs);
  const activeId = useSlice(session, (s) => s.activeId);
  // The active tab's title follows what is being typed.
  useSlice(composer, (s) => `${s.method} ${s.url} ${s.workflowName ?? ''}`);
  const { activate, close, newTab, titleOf } = session.getState();
  return (
    <div className="request-tabs">
      <IconButton icon={libraryOpen ? 'chevronDown' : 'chevronRight'} size="sm" label={libraryOpen ? 'Hide saved requests and history' : 'Show saved requests and history'} aria-expanded={libraryOpen} onClick={onToggleLibrary} />
      <div className="rtabs" role="tablist" aria-label="Open requests">
        {tabs.map((tab) => {
          const title = titleOf(tab);
          const active = tab.id === activeId;
          return (
            <div key={tab.id} className={`rtab ${active ? 'rtab-active' : ''}`}>
              <button type="button" role="tab" aria-selected={active} className="rtab-title mono" title={title} onClick={() => activate(tab.id)}>
                {title}
              </button>
              <IconButton icon="x" size="sm" label={`Close ${title}`} onClick={() => close(tab.id)} />
            </div>
          );
        })}
      </div>
      <IconButton icon="plus" size="sm" label="New request tab" onClick={() => newTab()} />
    </div>
  );
}
