import type { Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Bounds on slow and idle clients (docs/runtime.md, "Limits"): how long a caller may
 * take over the TLS handshake and over its headers, and how many connections may be
 * open in total and from one address.
 */
export interface ConnectionLimits {
  /** A TLS handshake not done by then is dropped. */
  handshakeTimeoutMs: number;
  /** The request line and headers must arrive within this time (Node answers 408). */
  headersTimeoutMs: number;
  /** Open connections, all clients together. */
  maxConnections: number;
  /** Open connections from one client address. */
  maxConnectionsPerAddress: number;
}

/** The documented defaults. */
export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  handshakeTimeoutMs: 10_000,
  headersTimeoutMs: 20_000,
  maxConnections: 1_024,
  maxConnectionsPerAddress: 256,
};

/** Node's timeout check runs every 30 s by default, so a 20 s limit acted after up to 50 s. */
export const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

/** The https.createServer options that carry the header time limits (the handshake's is kept by limitConnections). */
export function timeoutServerOptions(limits: ConnectionLimits): { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number } {
  return {
    headersTimeout: limits.headersTimeoutMs,
    // The whole request (a 100 MB body included) still gets Node's five minutes.
    requestTimeout: 300_000,
    connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
  };
}

type State = 'handshake' | 'idle' | 'busy';

/**
 * Caps open connections. A connection past a cap takes the place of the oldest one that
 * is doing nothing useful (still in its handshake, or idle between requests) rather than
 * being refused, so a flood of half-open connections cannot lock out a real caller; a
 * call in progress is never cut. When every connection is busy, the new one is closed.
 */
export function limitConnections(server: Server, limits: ConnectionLimits): { closeAll(): void } {
  const states = new Map<Socket, State>();
  const perAddress = new Map<string, number>();

  const evictOldest = (address?: string): boolean => {
    for (const [socket, state] of states) {
      if (state === 'busy' || (address !== undefined && socket.remoteAddress !== address)) continue;
      socket.destroy();
      forget(socket);
      return true;
    }
    return false;
  };

  const forget = (socket: Socket): void => {
    if (!states.delete(socket)) return;
    const address = socket.remoteAddress ?? '';
    const count = (perAddress.get(address) ?? 1) - 1;
    if (count <= 0) perAddress.delete(address);
    else perAddress.set(address, count);
  };

  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    if ((perAddress.get(address) ?? 0) >= limits.maxConnectionsPerAddress && !evictOldest(address)) return void socket.destroy();
    if (states.size >= limits.maxConnections && !evictOldest()) return void socket.destroy();
    states.set(socket, 'handshake');
    perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
    // Node's own handshakeTimeout is undone by the HTTP layer's socket.setTimeout(0), so
    // a client that never sends its ClientHello would stay forever: a timer of our own.
    const handshake = setTimeout(() => {
      if (states.get(socket) === 'handshake') socket.destroy();
    }, limits.handshakeTimeoutMs);
    handshake.unref();
    socket.once('close', () => {
      clearTimeout(handshake);
      forget(socket);
    });
  });
  server.on('secureConnection', (tlsSocket) => {
    const raw = (tlsSocket as unknown as { _parent?: Socket })._parent;
    if (raw && states.get(raw) === 'handshake') states.set(raw, 'idle');
  });
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const raw = (req.socket as unknown as { _parent?: Socket })._parent;
    if (!raw || !states.has(raw)) return;
    states.set(raw, 'busy');
    res.once('close', () => {
      if (states.has(raw)) states.set(raw, 'idle');
    });
  };
  server.on('request', onRequest);
  server.on('checkContinue', onRequest);
  return {
    /** Closes every connection, those still in their handshake included (closeAllConnections misses them). */
    closeAll() {
      for (const socket of states.keys()) socket.destroy();
    },
  };
}
