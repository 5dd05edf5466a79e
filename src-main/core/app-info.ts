import { createRequire } from 'node:module';
import type { AppInfo, ListenerStatus, Settings } from '../../src-shared/contract.ts';
import { issuerRoutes, type LocalIssuer } from '../auth/local-issuer.ts';
import type { TlsMaterial } from '../tls/certificate-authority.ts';

const VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

/** What the console's About and Settings show: version, data folder, listener, settings, CA and local issuer. */
export function appInfoOf(parts: { dataDir: string; listener: ListenerStatus; settings: Settings; tls: TlsMaterial; issuer: LocalIssuer; host: 'electron' | 'web' }): AppInfo {
  const { listener, tls, issuer } = parts;
  const routes = issuerRoutes(issuer.tenantId);
  return {
    version: VERSION,
    dataDir: parts.dataDir,
    listener,
    settings: parts.settings,
    ca: { path: tls.caCertPath, fingerprint256: tls.caFingerprint256, notAfter: tls.caNotAfter, nameConstrained: tls.caNameConstrained, hostsOutsideCa: tls.hostsOutsideCa },
    issuer: { issuer: issuer.issuer, tenantId: issuer.tenantId, jwksUrl: listener.baseUrl + routes.jwks, openIdConfigurationUrl: listener.baseUrl + routes.openIdConfiguration },
    host: parts.host,
  };
}
