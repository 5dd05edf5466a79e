import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INBOUND_CIPHER_SUITES } from '../../src-main/tls/tls-options.ts';
import { startBench, type Bench } from './helpers/bench.ts';
import { workflow } from './helpers/workflows.ts';

// docs/logic-apps-behaviour.md §6 on the workbench's own listener (test/tls covers the options alone).

let bench: Bench;
let port: number;

beforeAll(async () => {
  bench = await startBench({ files: { 'echo/workflow.json': workflow() } });
  port = Number(new URL(bench.url('echo')).port);
}, 30_000);

afterAll(() => bench?.close());

function handshake(options: tls.ConnectionOptions): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, ca: bench.ca, ...options });
    socket.once('secureConnect', () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('the listener', () => {
  it('speaks TLS 1.2 with a listed suite to a default client, and the trigger answers', async () => {
    const reply = await bench.call(bench.url('echo'), { headers: { 'Content-Type': 'application/json' }, body: '{"tls":true}' });
    expect(reply.status).toBe(200);
    expect(reply.tls.protocol).toBe('TLSv1.2');
    expect(INBOUND_CIPHER_SUITES.map((s) => s.iana)).toContain(reply.tls.cipher);
    const run = await bench.runWhere((r) => r.id === reply.headers['x-ms-workflow-run-id']);
    expect(run.request.tls).toEqual({ protocol: 'TLSv1.2', cipher: reply.tls.cipher });
  });

  it('refuses a TLS 1.3-only client', async () => {
    await expect(handshake({ minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' })).rejects.toMatchObject({ code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' });
  });

  it('refuses a TLS 1.1 client', async () => {
    // SECLEVEL=0 lets the client offer TLS 1.1 at all; the alert then comes from the server.
    await expect(handshake({ minVersion: 'TLSv1.1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' })).rejects.toMatchObject({ code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' });
  });

  it('refuses a TLS 1.2 client offering only a suite off the list', async () => {
    await expect(handshake({ maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-CHACHA20-POLY1305' })).rejects.toMatchObject({ code: 'ERR_SSL_SSL/TLS_ALERT_HANDSHAKE_FAILURE' });
  });

  it('is trusted through the exported CA only', async () => {
    await expect(handshake({ ca: undefined })).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  });
});
