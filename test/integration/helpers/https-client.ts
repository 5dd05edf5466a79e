import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** What a caller saw: status, headers, body, and how the connection ended. */
export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  /** The body parsed as JSON (throws when it is not JSON). */
  json<T = unknown>(): T;
  tls: { protocol: string | null; cipher: string };
  /** Resolves when the server closed the connection (used by the 413 test). */
  socketClosed: Promise<void>;
  /** With `expectContinue`: whether the server invited the body with 100 Continue. */
  continued: boolean;
}

/** Options of one call. */
export interface CallOptions {
  method?: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  /** Write the headers and this much body, then wait for the answer without ending the request. */
  partialBody?: Buffer;
  agent?: https.Agent;
  /** Send `Expect: 100-continue` and the body only once the server invites it (as curl does for large bodies). */
  expectContinue?: boolean;
}

/**
 * Calls the listener like a real client: TLS 1.2 only, trusting only the workbench's CA
 * (never `rejectUnauthorized: false`), one fresh connection per call unless an agent is given.
 */
export function callUrl(url: string, ca: string, options: CallOptions = {}): Promise<Reply> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: options.method ?? 'POST',
        headers: options.expectContinue ? { ...options.headers, Expect: '100-continue' } : options.headers,
        ca,
        minVersion: 'TLSv1.2',
        maxVersion: 'TLSv1.2',
        agent: options.agent ?? false,
      },
      (res) => {
        const socket = res.socket as TLSSocket;
        const tls = { protocol: socket.getProtocol(), cipher: socket.getCipher()?.standardName ?? '' };
        const socketClosed = new Promise<void>((done) => (socket.destroyed ? done() : socket.once('close', () => done())));
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const text = body.toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text,
            json: <T>() => JSON.parse(text) as T,
            tls,
            socketClosed,
            continued,
          });
        });
      },
    );
    req.on('error', reject);
    let continued = false;
    if (options.expectContinue) {
      req.on('continue', () => {
        continued = true;
        req.end(options.body);
      });
      req.flushHeaders();
      return;
    }
    if (options.partialBody) {
      req.flushHeaders();
      req.write(options.partialBody);
      return; // never ended: the server must answer without waiting for the rest
    }
    req.end(options.body);
  });
}

/** Azure's error body `{ "error": { "code", "message" } }`, checked for shape. */
export function errorOf(reply: Reply): { code: string; message: string } {
  const parsed = reply.json<{ error?: { code?: unknown; message?: unknown } }>();
  if (typeof parsed.error?.code !== 'string' || typeof parsed.error.message !== 'string') {
    throw new Error(`not an Azure error body: ${reply.text}`);
  }
  return { code: parsed.error.code, message: parsed.error.message };
}

/** A URL with some query parameters removed or replaced. */
export function withQuery(url: string, changes: Record<string, string | null>): string {
  const parsed = new URL(url);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) parsed.searchParams.delete(key);
    else parsed.searchParams.set(key, value);
  }
  return parsed.toString();
}

/** The callback URL with a relative path appended after `/invoke`. */
export function withPath(url: string, relative: string): string {
  const parsed = new URL(url);
  parsed.pathname += relative.startsWith('/') ? relative : `/${relative}`;
  return parsed.toString();
}

/** The same URL without sp, sv, sig (and se): what a Bearer caller uses. */
export function withoutSas(url: string): string {
  return withQuery(url, { sp: null, sv: null, sig: null, se: null });
}
