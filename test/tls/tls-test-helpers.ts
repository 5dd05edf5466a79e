import { once } from 'node:events';
import https from 'node:https';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import type { TlsMaterial } from '../../src-main/tls/certificate-authority.ts';
import { inboundTlsOptions } from '../../src-main/tls/tls-options.ts';

/** A fresh temporary data folder; `cleanup` removes every folder made so far. */
export function tempDataDirs(): { make: () => Promise<string>; cleanup: () => Promise<void> } {
  const made: string[] = [];
  return {
    make: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'tb-tls-'));
      made.push(dir);
      return dir;
    },
    cleanup: async () => {
      await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

/** An HTTPS server with the inbound options on 127.0.0.1, port 0, answering "ok". */
export async function startListener(material: TlsMaterial): Promise<{ server: https.Server; port: number; close: () => Promise<void> }> {
  const server = https.createServer(inboundTlsOptions(material), (_req, res) => {
    res.end('ok');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** Connects with TLS and resolves with the socket once the handshake succeeded, or rejects with the client's error. */
export function tlsConnect(options: tls.ConnectionOptions): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect(options);
    socket.once('secureConnect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/**
 * Attempts a handshake that must fail; resolves with the client's error and the error the
 * server reported through 'tlsClientError', proving it was the server that refused.
 */
export async function refusedHandshake(server: https.Server, options: tls.ConnectionOptions): Promise<{ client: NodeJS.ErrnoException; server: NodeJS.ErrnoException }> {
  const serverError = once(server, 'tlsClientError');
  const client = await tlsConnect(options).then(
    (socket) => {
      socket.destroy();
      throw new Error(`handshake unexpectedly succeeded with ${socket.getCipher().name} over ${socket.getProtocol()}`);
    },
    (error: NodeJS.ErrnoException) => error,
  );
  const [error] = (await serverError) as [NodeJS.ErrnoException];
  return { client, server: error };
}
