import type { AccessKeys } from '../auth/access-keys.ts';
import { loadOrCreateAccessKeys } from '../auth/access-keys.ts';
import { loadOrCreateLocalIssuer, type LocalIssuer } from '../auth/local-issuer.ts';
import { createTokenVerifier, type TokenVerifier } from '../auth/token-verifier.ts';
import { ensurePrivateDir } from '../files/files.ts';
import { openRunHistoryAsync, type RunHistory } from '../history/history.ts';
import { loadOrCreateTlsMaterial, type TlsMaterial } from '../tls/certificate-authority.ts';
import { loadWorkspace, type WorkspaceSnapshot } from '../workspace/workspace.ts';
import type { Settings } from '../../src-shared/contract.ts';
import { emptySnapshot } from './open-workspace.ts';
import { checkSettings, loadSettings, runtimeLimits } from './settings.ts';
import { workspaceOptions } from './workspace-setup.ts';
import type { WorkbenchOptions } from './workbench-options.ts';

/** Everything a workbench holds, as read (or created on first start) from the data folder and the workspace. */
export interface WorkbenchParts {
  settings: Settings;
  history: RunHistory;
  tls: TlsMaterial;
  issuer: LocalIssuer;
  verifier: TokenVerifier;
  keys: AccessKeys;
  snapshot: WorkspaceSnapshot;
}

/**
 * Opens the data folder (creating keys, CA, issuer and history on first start) and loads
 * the workspace. Nothing is left open when a part fails.
 */
export async function openWorkbenchParts(options: WorkbenchOptions): Promise<WorkbenchParts> {
  await ensurePrivateDir(options.dataDir);
  const settings = await loadSettings(options.dataDir);
  checkSettings({ host: options.host, port: options.port, timeoutSeconds: options.timeoutSeconds }, 'options');
  const host = options.host ?? settings.host;
  // The history's writer thread starts and opens its file while the rest loads, rather
  // than blocking the start for it (docs/cli.md, "Start-up").
  const opening = openRunHistoryAsync(options.dataDir, { retention: settings.retention, recordValueBytes: runtimeLimits(settings).recordValueBytes });
  opening.catch(() => undefined); // its failure is thrown below, by the await
  let loaded: Omit<WorkbenchParts, 'settings' | 'history'>;
  try {
    const [tls, issuer, keys] = await Promise.all([
      loadOrCreateTlsMaterial(options.dataDir, { hostnames: [host] }),
      loadOrCreateLocalIssuer(options.dataDir),
      loadOrCreateAccessKeys(options.dataDir),
    ]);
    const verifier = await createTokenVerifier(options.dataDir, issuer);
    const snapshot = options.workspaceRoot ? await loadWorkspace(options.workspaceRoot, workspaceOptions()) : emptySnapshot('');
    loaded = { tls, issuer, keys, verifier, snapshot };
  } catch (error) {
    await opening.then((history) => history.close(), () => undefined);
    throw error;
  }
  const history = await opening;
  return { settings, history, ...loaded };
}
