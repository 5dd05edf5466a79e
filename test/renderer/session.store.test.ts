import { describe, expect, it } from 'vitest';
import { EMPTY_DOC } from '../../src-renderer/stores/composer.store.ts';
import { createStores } from '../../src-renderer/stores/stores.ts';
import { FakeApi, FakeClipboard } from './fake-api.ts';
import { workflowView, workspaceView } from './fixtures.ts';

function setup(saved: Record<string, unknown> | null) {
  const api = new FakeApi();
  const writes: unknown[] = [];
  api.handle('workspace:get', () => workspaceView(workflowView('account')));
  api.handle('console:loadState', () => ({ state: saved }));
  api.handle('console:saveState', (req) => {
    writes.push(req.state);
    return {};
  });
  const themes: string[] = [];
  const stores = createStores({ api, clipboard: new FakeClipboard() }, undefined, { applyTheme: (t) => themes.push(t), saveDelayMs: 0 });
  return { api, stores, writes, themes };
}

const savedState = {
  version: 1,
  theme: 'dark',
  activeId: 'b',
  environment: 'Local',
  tabs: [
    { id: 'a', doc: { ...EMPTY_DOC, url: 'https://x/a' } },
    { id: 'b', doc: { ...EMPTY_DOC, url: 'https://x/b', bodyText: '{"b":1}' } },
  ],
};

describe('session: tabs and theme across restarts', () => {
  it('restores the tabs, the active one into the composer, the theme and the environment', async () => {
    const { stores, themes } = setup(savedState);
    await stores.session.getState().restore();
    expect(stores.session.getState().tabs.map((t) => t.id)).toEqual(['a', 'b']);
    expect(stores.composer.getState().url).toBe('https://x/b');
    expect(stores.composer.getState().bodyText).toBe('{"b":1}');
    expect(themes).toEqual(['dark']);
    expect(stores.library.getState().activeEnvironment).toBe('Local');
  });

  it('keeps what the user started before the saved tabs came back', async () => {
    const { stores } = setup(savedState);
    stores.composer.getState().setUrl('https://typed/early');
    await stores.session.getState().restore();
    expect(stores.composer.getState().url).toBe('https://typed/early');
    expect(stores.session.getState().tabs.map((t) => t.doc.url)).toEqual(['https://x/a', 'https://x/b', 'https://typed/early']);
  });

  it('switching tabs keeps each request, and changes are written back', async () => {
    const { stores, writes } = setup(null);
    await stores.session.getState().restore();
    stores.composer.getState().setUrl('https://one');
    stores.session.getState().newTab();
    stores.composer.getState().setUrl('https://two');
    const [first] = stores.session.getState().tabs;
    stores.session.getState().activate(first!.id);
    expect(stores.composer.getState().url).toBe('https://one');
    await stores.session.getState().flush();
    const last = writes.at(-1) as { tabs: { doc: { url: string } }[] };
    expect(last.tabs.map((t) => t.doc.url)).toEqual(['https://one', 'https://two']);
  });
});
