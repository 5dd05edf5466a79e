import { once } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateTlsMaterial, regenerateCertificateAuthority } from '../../src-main/tls/certificate-authority.ts';
import { tlsPaths } from '../../src-main/tls/tls-files.ts';
import { caPermittedNames, issueLeafCertificate, type PemPair } from '../../src-main/tls/tls-x509.ts';
import { tempDataDirs } from './tls-test-helpers.ts';

// The local CA had no name constraints: a leaked CA key could mint a certificate for any
// host that users who trusted the CA would accept.

const dirs = tempDataDirs();
afterAll(() => dirs.cleanup());

/** Serves one leaf on 127.0.0.1 and connects to it as `servername`, trusting `ca`; resolves with the client's verdict. */
async function handshake(leaf: PemPair, ca: string, servername: string): Promise<{ ok: boolean; error?: string }> {
  const server = tls.createServer({ key: leaf.keyPem, cert: leaf.certPem, minVersion: 'TLSv1.2' }, (socket) => socket.end());
  server.on('tlsClientError', () => {});
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    return await new Promise((resolve) => {
      const socket = tls.connect({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, servername, ca, minVersion: 'TLSv1.2' }, () => {
        socket.destroy();
        resolve({ ok: true });
      });
      socket.on('error', (error: NodeJS.ErrnoException) => resolve({ ok: false, error: `${error.code ?? ''} ${error.message}` }));
    });
  } finally {
    server.close();
  }
}

describe('the local CA is limited to local names', () => {
  it('a new CA carries name constraints for localhost, 127.0.0.0/8, ::1 and the configured hosts', async () => {
    const material = await loadOrCreateTlsMaterial(await dirs.make(), { hostnames: ['my-box.local', '192.168.7.20'] });
    expect(material.caNameConstrained).toBe(true);
    expect(caPermittedNames(material.caCertPem)).toEqual([
      { type: 'dns', value: 'localhost' },
      { type: 'ip', address: '127.0.0.0', prefix: 8 },
      { type: 'ip', address: '::1', prefix: 128 },
      { type: 'dns', value: 'my-box.local' },
      { type: 'ip', address: '192.168.7.20', prefix: 32 },
    ]);
  });

  it('its own server certificate is accepted; one it signs for another host is refused by clients that trust it', async () => {
    const dataDir = await dirs.make();
    const material = await loadOrCreateTlsMaterial(dataDir);
    expect(await handshake({ certPem: material.cert[0]!, keyPem: material.key[0]! }, material.caCertPem, 'localhost')).toEqual({ ok: true });
    // What an attacker holding the CA key would mint.
    const paths = tlsPaths(dataDir);
    const caPair = { certPem: material.caCertPem, keyPem: await readFile(paths.caKey, 'utf8') };
    const forged = await issueLeafCertificate(caPair, { kind: 'rsa', sans: [{ type: 'dns', value: 'bank.example' }], now: new Date(), validityDays: 30 });
    const verdict = await handshake(forged, material.caCertPem, 'bank.example');
    expect(verdict.ok).toBe(false);
    expect(verdict.error).toMatch(/subtree|name constraint/i);
  });

  it('an install with an unconstrained CA is told so, and ca regenerate replaces it with a constrained one and new server certificates', async () => {
    const dataDir = await dirs.make();
    // A CA as older versions made it: no name constraints.
    const paths = tlsPaths(dataDir);
    await loadOrCreateTlsMaterial(dataDir);
    const unconstrained = await createUnconstrainedCa();
    await writeFile(paths.caKey, unconstrained.keyPem, { mode: 0o600 });
    await writeFile(paths.caCert, unconstrained.certPem);
    const before = await loadOrCreateTlsMaterial(dataDir);
    expect(before.caNameConstrained).toBe(false);
    const after = await regenerateCertificateAuthority(dataDir);
    expect(after.caNameConstrained).toBe(true);
    expect(after.caFingerprint256).not.toBe(before.caFingerprint256);
    expect(await handshake({ certPem: after.cert[1]!, keyPem: after.key[1]! }, after.caCertPem, 'localhost')).toEqual({ ok: true });
    // The old CA no longer vouches for what is served.
    expect((await handshake({ certPem: after.cert[0]!, keyPem: after.key[0]! }, before.caCertPem, 'localhost')).ok).toBe(false);
  });
});

/** A CA without the nameConstraints extension, as Triggerbench made them before. */
async function createUnconstrainedCa(): Promise<PemPair> {
  const { X509CertificateGenerator, BasicConstraintsExtension, KeyUsagesExtension, KeyUsageFlags } = await import('@peculiar/x509');
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };
  const keys = (await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=Old Triggerbench CA',
    notBefore: new Date(Date.now() - 3600_000),
    notAfter: new Date(Date.now() + 365 * 86_400_000),
    keys,
    signingAlgorithm: algorithm,
    extensions: [new BasicConstraintsExtension(true, 0, true), new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true)],
  });
  const { KeyObject } = await import('node:crypto');
  return { certPem: `${cert.toString('pem')}\n`, keyPem: KeyObject.from(keys.privateKey).export({ type: 'pkcs8', format: 'pem' }) as string };
}
