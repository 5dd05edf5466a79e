import type { ListenerStatus, Settings } from '../../src-shared/contract.ts';
import { isLoopbackHost } from '../../src-shared/loopback.ts';
import { issuerRoutes, type LocalIssuer } from '../auth/local-issuer.ts';
import { baseUrlFor, startListener, type RunningListener } from '../listener/server.ts';
import type { TriggerHost } from '../listener/trigger-host.ts';
import type { TlsMaterial } from '../tls/certificate-authority.ts';

/** A started listener, or why it did not start (shown in the console, never thrown). */
export type ListenerStart = { listener: RunningListener; error?: undefined } | { listener?: undefined; error: { code: string; message: string } };

/**
 * Starts the trigger listener for the workbench: the trigger routes plus the local
 * issuer's metadata documents. A non-loopback address needs the explicit `allowRemote`
 * (docs/hosts.md); a port in use or a bad host comes back as `error`.
 */
export async function startTriggerListener(options: { settings: Pick<Settings, 'host' | 'port' | 'allowRemote'>; tls: TlsMaterial; triggers: TriggerHost; issuer: LocalIssuer }): Promise<ListenerStart> {
  const { host, port, allowRemote } = options.settings;
  if (!isLoopbackHost(host) && allowRemote !== true) {
    // Never silently: other machines could call every workflow (docs/hosts.md).
    return {
      error: {
        code: 'RemoteBindingNotAllowed',
        message: `Listening on ${host} would accept calls from other machines, so it needs an explicit choice: pass --allow-remote to 'triggerbench serve', or confirm it in Settings. Use 127.0.0.1 to stay on this machine.`,
      },
    };
  }
  const { issuer } = options;
  const routes = issuerRoutes(issuer.tenantId);
  try {
    const listener = await startListener({
      host,
      port,
      tls: options.tls,
      triggers: options.triggers,
      documents: (pathname, baseUrl) => {
        if (pathname === routes.openIdConfiguration || pathname === '/.well-known/openid-configuration') return issuer.openIdConfiguration(baseUrl);
        if (pathname === routes.jwks || pathname === '/discovery/keys') return issuer.jwks();
        return undefined;
      },
    });
    return { listener };
  } catch (error) {
    // A port in use or a bad host is the user's to fix (Settings, --port): report it in
    // the status, which the console shows, rather than fail the whole app.
    return { error: { code: (error as { code?: string }).code ?? 'ListenFailed', message: (error as Error).message } };
  }
}

/** The listener's status as the console and the CLI show it. */
export function listenerStatusOf(settings: Pick<Settings, 'host' | 'port'>, listener: RunningListener | undefined, error: { code: string; message: string } | undefined): ListenerStatus {
  const { host, port } = settings;
  const status: ListenerStatus = { running: !!listener, host, port: listener?.port ?? port, baseUrl: listener?.baseUrl ?? baseUrlFor(host, port) };
  if (error) status.error = error;
  if (listener && !isLoopbackHost(host)) status.remote = true;
  return status;
}
