import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import type { CertificateFacts } from '../../src-shared/contract.ts';

/** Longest chain reported (a loop guard: a self-signed root names itself as issuer). */
const MAX_CHAIN = 8;

const name = (fields: Record<string, string | string[] | undefined> | undefined): string =>
  Object.entries(fields ?? {})
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : (value ?? '')}`)
    .join(', ');

/**
 * What the composer shows of the server's certificate: subject, issuer, SANs, validity,
 * SHA-256 fingerprint, and the chain up to the root as the TLS session presented and
 * verified it. Read while the socket is open (it is gone once the body has ended).
 */
export function peerCertificateFacts(socket: TLSSocket): CertificateFacts | undefined {
  const leaf = socket.getPeerCertificate(true) as DetailedPeerCertificate | undefined;
  // An empty object when there is no certificate (plain http, or a session already gone).
  if (!leaf?.fingerprint256) return undefined;
  const chain: CertificateFacts['chain'] = [];
  let current: DetailedPeerCertificate | undefined = leaf;
  while (current && chain.length < MAX_CHAIN) {
    chain.push({ subject: name(current.subject as never), issuer: name(current.issuer as never), fingerprint256: current.fingerprint256 });
    const next: DetailedPeerCertificate | undefined = current.issuerCertificate;
    if (!next || next === current || next.fingerprint256 === current.fingerprint256) break;
    current = next;
  }
  return {
    subject: name(leaf.subject as never),
    issuer: name(leaf.issuer as never),
    subjectAltNames: (leaf.subjectaltname ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
    validFrom: new Date(leaf.valid_from).toISOString(),
    validTo: new Date(leaf.valid_to).toISOString(),
    fingerprint256: leaf.fingerprint256,
    serialNumber: leaf.serialNumber,
    chain,
  };
}
