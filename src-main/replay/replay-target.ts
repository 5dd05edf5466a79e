import type { KeyType } from '../../src-shared/contract.ts';
import { MINTED_CLAIMS } from '../../src-shared/exchange/recording.ts';
import { loadOrCreateAccessKeys } from '../auth/access-keys.ts';
import { loadOrCreateLocalIssuer } from '../auth/local-issuer.ts';
import { buildCallbackUrl } from '../core/callback-url.ts';
import { createWorkbench } from '../core/workbench.ts';
import { loadOrCreateTlsMaterial } from '../tls/certificate-authority.ts';

/** Where a replay sends its calls, and how it signs them. */
export interface ReplayTarget {
  baseUrl: string;
  caPem: string;
  /** The signed callback URL of a workflow's trigger (throws when the workflow cannot be called). */
  callbackUrl(workflow: string, trigger: string, keyType: KeyType): string;
  /** A token from the local issuer carrying these claims. */
  mintToken(claims: Record<string, unknown>): Promise<string>;
  /** Milliseconds the start took (0 for a running listener). */
  startMs: number;
  close(): Promise<void>;
}

/** The mint options that give a token the recorded claims (registered ones are set by the issuer). */
export function mintOptions(claims: Record<string, unknown>) {
  return {
    aud: typeof claims.aud === 'string' ? claims.aud : undefined,
    sub: typeof claims.sub === 'string' ? claims.sub : undefined,
    claims: Object.fromEntries(Object.entries(claims).filter(([name]) => !MINTED_CLAIMS.has(name))),
  };
}

/**
 * Starts the runtime headless on a free loopback port for a workspace (no desktop, no
 * workspace watching: a replay is one pass over fixed files).
 */
export async function startHeadlessTarget(workspaceRoot: string, dataDir: string): Promise<ReplayTarget> {
  const started = performance.now();
  const workbench = await createWorkbench({ dataDir, workspaceRoot, host: '127.0.0.1', port: 0, watch: false });
  const status = await workbench.start();
  if (status.error) {
    await workbench.stop();
    throw Object.assign(new Error(`The listener could not start: ${status.error.message}`), { code: status.error.code });
  }
  return {
    baseUrl: status.baseUrl,
    caPem: workbench.caPem(),
    callbackUrl: (workflow, trigger, keyType) => {
      const url = workbench.callbackUrl(workflow, keyType);
      const served = workbench.workspaceView().workflows.find((w) => w.name.toLowerCase() === workflow.toLowerCase())?.trigger?.name;
      if (served && served.toLowerCase() !== trigger.toLowerCase()) {
        throw Object.assign(new Error(`The workflow '${workflow}' has no trigger '${trigger}' any more; its Request trigger is '${served}'. Record the call again.`), { code: 'WorkflowTriggerNotFound' });
      }
      return url;
    },
    mintToken: async (claims) => (await workbench.mintToken(mintOptions(claims))).token,
    startMs: performance.now() - started,
    close: () => workbench.stop(),
  };
}

/**
 * Uses a listener that is already running (`--url`): URLs are signed and tokens minted
 * with the keys of the same data folder, which that listener must share.
 */
export async function runningTarget(baseUrl: string, dataDir: string): Promise<ReplayTarget> {
  const [keys, issuer, tls] = await Promise.all([loadOrCreateAccessKeys(dataDir), loadOrCreateLocalIssuer(dataDir), loadOrCreateTlsMaterial(dataDir)]);
  const base = baseUrl.replace(/\/+$/, '');
  return {
    baseUrl: base,
    caPem: tls.caCertPem,
    callbackUrl: (workflow, trigger, keyType) => buildCallbackUrl(base, workflow, trigger, keys, keyType),
    mintToken: (claims) => issuer.mint(mintOptions(claims)),
    startMs: 0,
    close: async () => undefined,
  };
}
