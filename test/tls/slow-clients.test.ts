import { once } from 'node:events';
import https from 'node:https';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnectRaw } from 'node:tls';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from '../../src-main/listener/connection-limits.ts';
import { startListener, type RunningListener } from '../../src-main/listener/server.ts';
import type { TriggerHost } from '../../src-main/listener/trigger-host.ts';
import { loadOrCreateTlsMaterial, type TlsMaterial } from '../../src-main/tls/certificate-authority.ts';
import { tempDataDirs } from './tls-test-helpers.ts';

// Slow and idle clients: a caller trickling its headers was cut only after ~88 s, and a
// flood of half-open TLS connections made a real call fail.

const dirs = tempDataDirs();
let material: TlsMaterial;
let listener: RunningListener | undefined;
const sockets: Socket[] = [];

beforeAll(async () => {
  material = await loadOrCreateTlsMaterial(await dirs.make());
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await listener?.close();
  listener = undefined;
});
afterAll(() => dirs.cleanup());

async function start(limits: Partial<ConnectionLimits>): Promise<RunningListener> {
  // No trigger is called here: the 404 for '/' is all the tests need.
  listener = await startListener({ host: '127.0.0.1', port: 0, tls: material, triggers: {} as TriggerHost, limits });
  return listener;
}

/** A TCP connection that never starts its TLS handshake. */
async function halfOpen(port: number): Promise<Socket> {
  const socket = netConnect(port, '127.0.0.1');
  sockets.push(socket);
  socket.on('error', () => {});
  await once(socket, 'connect');
  return socket;
}

function get(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    https.get({ host: '127.0.0.1', port, path: '/', ca: material.caCertPem, servername: 'localhost', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

describe('slow clients', () => {
  it('the defaults are documented values: headers within 20 s, the handshake within 10 s', () => {
    expect(DEFAULT_CONNECTION_LIMITS).toMatchObject({ headersTimeoutMs: 20_000, handshakeTimeoutMs: 10_000 });
  });

  it('a client trickling its headers is answered 408 and closed once the header time is up', async () => {
    const { port } = await start({ headersTimeoutMs: 600 });
    const socket = tlsConnectRaw({ host: '127.0.0.1', port, ca: material.caCertPem, servername: 'localhost' });
    sockets.push(socket);
    await once(socket, 'secureConnect');
    const started = Date.now();
    socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n');
    const trickle = setInterval(() => socket.writable && socket.write('X-Slow: a\r\n'), 100);
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    await once(socket, 'close');
    clearInterval(trickle);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('a connection that never completes its TLS handshake is dropped', async () => {
    const { port } = await start({ handshakeTimeoutMs: 300 });
    const socket = await halfOpen(port);
    const started = Date.now();
    await once(socket, 'close');
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe('connection caps', () => {
  it('half-open connections up to the cap do not lock out a real call: the oldest idle one makes way', async () => {
    const { port } = await start({ maxConnections: 20, maxConnectionsPerAddress: 20 });
    const idle = await Promise.all(Array.from({ length: 20 }, () => halfOpen(port)));
    const closed = idle.map((socket) => once(socket, 'close').then(() => true));
    expect(await get(port)).toBe(404);
    // The first of them gave its place.
    expect(await closed[0]).toBe(true);
  });

  it('one address cannot hold more than its share of connections', async () => {
    const { port } = await start({ maxConnections: 100, maxConnectionsPerAddress: 5 });
    const idle = await Promise.all(Array.from({ length: 8 }, () => halfOpen(port)));
    // Three had to make way for the last three.
    await Promise.all(idle.slice(0, 3).map((socket) => once(socket, 'close')));
    expect(idle.slice(3).every((socket) => !socket.destroyed)).toBe(true);
    expect(await get(port)).toBe(404);
  });
});
