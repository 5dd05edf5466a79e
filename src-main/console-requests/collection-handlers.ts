import type { RequestOf, ResponseOf } from '../../src-shared/contract.ts';
import { CollectionError } from '../collections/collection-error.ts';
import { collectionStore } from '../collections/collection-store.ts';
import { consoleState } from '../collections/console-state.ts';
import { environmentStore } from '../collections/environment-store.ts';
import { sentHistory } from '../collections/sent-history.ts';

type ChannelsOf<P extends string> = Extract<keyof import('../../src-shared/contract.ts').RequestChannels, `${P}:${string}`>;
type Subset<C extends string> = { [K in ChannelsOf<C>]: (request: RequestOf<K>) => Promise<ResponseOf<K>> };

/** What the saved-request channels need of the core: where the workspace and the data folder are. */
export interface CollectionHost {
  readonly dataDir: string;
  workspaceView(): { root: string };
}

/**
 * Handlers of the saved-request, environment, sent-history and console-state channels.
 * The stores are opened per call on the current workspace root, so opening another
 * workspace needs no bookkeeping.
 */
export function collectionHandlers(core: CollectionHost): Subset<'collections'> & Subset<'environments'> & Subset<'sent'> & Pick<Subset<'console'>, 'console:loadState' | 'console:saveState'> {
  const root = () => {
    const { root } = core.workspaceView();
    if (!root) throw new CollectionError('NoWorkspace', 'No workspace is open: saved requests and environments live in the workspace folder. Open a Logic Apps Standard project folder first.');
    return root;
  };
  const collections = () => collectionStore(root());
  const environments = () => environmentStore(root(), core.dataDir);
  const sent = sentHistory(core.dataDir);
  const state = consoleState(core.dataDir);
  return {
    'collections:list': () => collections().list(),
    'collections:saveRequest': async (req) => {
      const store = collections();
      const file = await store.saveRequest(req.collection, req.request, req.file);
      return { file, listing: await store.list() };
    },
    'collections:deleteRequest': async (req) => {
      const store = collections();
      await store.deleteRequest(req.collection, req.file);
      return store.list();
    },
    'collections:delete': async (req) => {
      const store = collections();
      await store.deleteCollection(req.collection);
      return store.list();
    },
    'environments:list': () => environments().list(),
    'environments:save': async (req) => {
      const store = environments();
      await store.save(req.environment, req.previousName);
      return store.list();
    },
    'environments:delete': async (req) => {
      const store = environments();
      await store.remove(req.name);
      return store.list();
    },
    'sent:list': async (req) => ({ entries: await sent.list(req) }),
    'sent:add': async (req) => {
      await sent.add(req);
      return {};
    },
    'sent:clear': async () => ({ deleted: await sent.clear() }),
    'console:loadState': async () => ({ state: await state.load() }),
    'console:saveState': async (req) => {
      await state.save(req.state);
      return {};
    },
  };
}
