import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import https from 'node:https';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateTlsMaterial, type TlsMaterial } from '../../src-main/tls/certificate-authority.ts';
import { INBOUND_CIPHER_SUITES, inboundTlsOptions } from '../../src-main/tls/tls-options.ts';
import { refusedHandshake, startListener, tempDataDirs, tlsConnect } from './tls-test-helpers.ts';

const dirs = tempDataDirs();
let material: TlsMaterial;
let otherInstall: TlsMaterial;
let listener: Awaited<ReturnType<typeof startListener>>;

beforeAll(async () => {
  material = await loadOrCreateTlsMaterial(await dirs.make());
  otherInstall = await loadOrCreateTlsMaterial(await dirs.make());
  listener = await startListener(material);
});
afterAll(async () => {
  await listener?.close();
  await dirs.cleanup();
});

function client(extra: Parameters<typeof tlsConnect>[0] = {}): Parameters<typeof tlsConnect>[0] {
  return { host: '127.0.0.1', port: listener.port, ca: material.caCertPem, ...extra };
}

describe('inbound cipher suites (docs/logic-apps-behaviour.md §6)', () => {
  it('are exactly the eight Logic Apps accepts, in order', () => {
    expect(INBOUND_CIPHER_SUITES.map((s) => s.iana)).toEqual([
      'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
      'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
      'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
      'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
      'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384',
      'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256',
      'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384',
      'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256',
    ]);
    const options = inboundTlsOptions(material);
    expect(options).toMatchObject({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', honorCipherOrder: true });
    expect(options.ciphers).toBe(INBOUND_CIPHER_SUITES.map((s) => s.openssl).join(':'));
  });

  it.each(INBOUND_CIPHER_SUITES.map((s) => [s.iana, s] as const))('%s is negotiated with a client that offers only it', async (_name, suite) => {
    const socket = await tlsConnect(client({ ciphers: suite.openssl, maxVersion: 'TLSv1.2' }));
    try {
      expect(socket.authorized).toBe(true);
      expect(socket.getProtocol()).toBe('TLSv1.2');
      // OpenSSL's own IANA name for what it negotiated: checks our name pairs too.
      expect(socket.getCipher()).toMatchObject({ name: suite.openssl, standardName: suite.iana });
      const served = socket.getPeerX509Certificate()!;
      const isEcdsaSuite = suite.iana.startsWith('TLS_ECDHE_ECDSA_');
      expect(served.publicKey.asymmetricKeyType).toBe(isEcdsaSuite ? 'ec' : 'rsa');
      expect(served.fingerprint256).toBe(new X509Certificate(material.cert[isEcdsaSuite ? 1 : 0]!).fingerprint256);
    } finally {
      socket.destroy();
    }
  });

  it("follows the server's order, not the client's", async () => {
    const reversed = INBOUND_CIPHER_SUITES.map((s) => s.openssl).reverse().join(':');
    const socket = await tlsConnect(client({ ciphers: reversed, maxVersion: 'TLSv1.2' }));
    const negotiated = socket.getCipher().standardName;
    socket.destroy();
    expect(negotiated).toBe(INBOUND_CIPHER_SUITES[0]!.iana);
  });

  it.each(['AES128-GCM-SHA256', 'ECDHE-RSA-CHACHA20-POLY1305', 'ECDHE-RSA-AES128-SHA'])('refuses a client offering only %s', async (offList) => {
    const { client: clientError, server } = await refusedHandshake(listener.server, client({ ciphers: offList, maxVersion: 'TLSv1.2' }));
    expect(server.code).toBe('ERR_SSL_NO_SHARED_CIPHER');
    expect(clientError.code).toBe('ERR_SSL_SSL/TLS_ALERT_HANDSHAKE_FAILURE');
  });
});

describe('protocol versions: TLS 1.2 only', () => {
  it('a default client gets TLS 1.2, and HTTPS works end to end', async () => {
    const { body, protocol } = await new Promise<{ body: string; protocol: string | null }>((resolve, reject) => {
      const req = https.get({ host: '127.0.0.1', port: listener.port, path: '/', ca: material.caCertPem, agent: false }, (res) => {
        const protocol = (res.socket as TLSSocket).getProtocol();
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ body: text, protocol }));
      });
      req.on('error', reject);
    });
    expect(body).toBe('ok');
    expect(protocol).toBe('TLSv1.2');
  });

  it('refuses a TLS 1.3-only client', async () => {
    const { client: clientError, server } = await refusedHandshake(listener.server, client({ minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' }));
    expect(server.code).toBe('ERR_SSL_UNSUPPORTED_PROTOCOL');
    expect(clientError.code).toBe('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION');
  });

  it('refuses a TLS 1.1 client (the server refuses, not the client library)', async () => {
    // SECLEVEL=0 lets this client's OpenSSL send a TLS 1.1 hello at all; the refusal must
    // then come from the server, which the 'tlsClientError' event proves.
    const { client: clientError, server } = await refusedHandshake(
      listener.server,
      client({ minVersion: 'TLSv1.1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' }),
    );
    expect(server.code).toBe('ERR_SSL_UNSUPPORTED_PROTOCOL');
    expect(clientError.code).toBe('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION');
  });
});

describe('trust', () => {
  it('connects by name: servername localhost verifies against the SANs', async () => {
    const socket = await tlsConnect(client({ servername: 'localhost' }));
    socket.destroy();
    expect(socket.authorized).toBe(true);
  });

  it('fails verification for a client that does not trust the CA', async () => {
    await expect(tlsConnect(client({ ca: undefined }))).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  });

  it("fails verification for a client that trusts another install's CA", async () => {
    await expect(tlsConnect(client({ ca: otherInstall.caCertPem }))).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  });

  it('fails hostname verification for a name not in the SANs', async () => {
    await expect(tlsConnect(client({ servername: 'example.com' }))).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });
});

// ::1 is in every leaf; test it for real where the machine has IPv6 loopback.
const ipv6Loopback = await new Promise<boolean>((resolve) => {
  const probe = createNetServer();
  probe.once('error', () => resolve(false));
  probe.listen(0, '::1', () => probe.close(() => resolve(true)));
});

describe('IPv6 loopback', () => {
  it.skipIf(!ipv6Loopback)('verifies a connection to [::1] (needs IPv6 loopback; skipped without it)', async () => {
    const server = https.createServer(inboundTlsOptions(material), (_req, res) => res.end('ok'));
    server.listen(0, '::1');
    await once(server, 'listening');
    try {
      const port = (server.address() as AddressInfo).port;
      const socket = await tlsConnect({ host: '::1', port, ca: material.caCertPem });
      socket.destroy();
      expect(socket.authorized).toBe(true);
    } finally {
      server.close();
      await once(server, 'close');
    }
  });
});
