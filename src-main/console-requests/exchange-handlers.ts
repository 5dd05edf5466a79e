import { createRequire } from 'node:module';
import type { RequestOf, ResponseOf } from '../../src-shared/contract.ts';
import { exportCollection, signatureOf } from '../collections/collection-export.ts';
import type { WorkbenchApi } from '../core/workbench-api.ts';
import { workspaceOptions } from '../core/workspace-setup.ts';
import { exportRuns, selectRuns, type ExportSigner } from '../history/runs-export.ts';
import { mintOptions } from '../replay/replay-target.ts';
import { importTexts } from '../workspace/import-files.ts';
import { exportWorkflows } from '../workspace/workflow-export.ts';
import { ApiError } from './api-error.ts';

type ChannelsOf<P extends string> = Extract<keyof import('../../src-shared/contract.ts').RequestChannels, `${P}:${string}`>;
type Subset<C extends string> = { [K in ChannelsOf<C>]: (request: RequestOf<K>) => Promise<ResponseOf<K>> };

const VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

/** What the export and import channels need of the core. */
export type ExchangeCore = Pick<WorkbenchApi, 'dataDir' | 'history' | 'workspaceView' | 'openWorkspace' | 'info' | 'callbackUrl' | 'mintToken'>;

/**
 * Handlers of the `exchange:*` channels: the same export and import code the CLI runs,
 * on the open workspace and the running listener (docs/exchange.md).
 */
export function exchangeHandlers(core: ExchangeCore): Subset<'exchange'> {
  const root = (): string => {
    const { root } = core.workspaceView();
    if (!root) throw new ApiError('NoWorkspace', 'No workspace is open. Open a Logic Apps Standard project folder first.');
    return root;
  };
  const sign = (workflow: string, keyType: 'primary' | 'secondary'): string | undefined => {
    try {
      return core.callbackUrl(workflow, keyType);
    } catch {
      return undefined; // not in the workspace, or not callable: exported unsigned, with a problem
    }
  };
  const signer: ExportSigner = {
    sig: (workflow, _trigger, keyType) => {
      const url = sign(workflow, keyType);
      return url ? signatureOf(url).sig : undefined;
    },
    token: async (claims) => (await core.mintToken(mintOptions(claims))).token,
  };
  const baseUrl = () => core.info('web').listener.baseUrl;
  return {
    'exchange:exportWorkflows': (req) => exportWorkflows(root(), req.names, req.format, workspaceOptions()),
    'exchange:exportRuns': async (req) => {
      const runs = selectRuns(core.history, { ids: req.ids });
      return exportRuns(runs, { format: req.format, creatorVersion: VERSION, baseUrl: baseUrl(), ...(req.includeSecrets ? { signer } : {}) });
    },
    'exchange:exportCollection': (req) => exportCollection(root(), core.dataDir, req.name, { environment: req.environment, includeSecrets: req.includeSecrets, baseUrl: baseUrl(), sign }),
    'exchange:import': async (req) => {
      const workspace = root();
      const report = await importTexts(workspace, req.files, { dataDir: core.dataDir, overwrite: req.overwrite, workspaceOptions: workspaceOptions() });
      // Show what was written at once, without waiting for the watcher.
      if (report.files.some((file) => file.imported.length > 0)) await core.openWorkspace(workspace);
      return report;
    },
  };
}
