import { JSON_CONTENT_TYPE } from '../../src-shared/media-types.ts';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, toApiErrorPayload } from '../console-requests/api-error.ts';
import { createDispatcher, type Dispatch } from '../console-requests/dispatcher.ts';
import type { WorkbenchApi } from '../core/workbench-api.ts';
import { pageSecurityHeaders } from '../console-assets/csp.ts';
import { createConsoleClient, type ConsoleClient } from '../outbound/console-client.ts';
import { createEventStreamHub } from './event-stream.ts';
import { DEFAULT_RENDERER_DIR } from './project-paths.ts';
import { ensureRendererBuild } from './renderer-build.ts';
import { checkRequest, readCookie, TOKEN_HEADER, TOKEN_QUERY, tokenCookieName, type GuardRefusal } from './request-guard.ts';
import { contentTypeFor, resolveStaticPath } from '../console-assets/static-files.ts';

/** Largest API request body accepted (a 10 MB workflow save, or a file body, as JSON). */
const MAX_API_BODY = 32 * 1024 * 1024;

/** Options of {@link startWebHost}. */
export interface WebHostOptions {
  workbench: WorkbenchApi;
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** The built console; default out/renderer, built on demand when missing. */
  rendererDir?: string;
  /** Where progress lines go (default stdout). */
  log?: (line: string) => void;
}

/** A running web host. */
export interface WebHost {
  /** The URL to open, with this start's token: `http://127.0.0.1:PORT/?token=...`. */
  url: string;
  port: number;
  /** Stops serving: cancels console calls in flight, ends event streams, closes the port. */
  close(): Promise<void>;
}

const API_INVOKE = '/api/invoke/';

/** The HTTP status a dispatch error maps to. */
function statusFor(code: string): number {
  if (code === 'UnknownChannel') return 404;
  if (code === 'InternalError') return 500;
  return 400;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body === undefined ? null : body);
  res.writeHead(status, { ...headers, 'Content-Type': JSON_CONTENT_TYPE, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { error: { code, message } });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Reads a request body up to `limit` bytes; undefined when it is larger. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/**
 * Starts the loopback web host: the console's build and the same API the Electron
 * preload carries, on 127.0.0.1 only, behind a random token made at each start
 * (docs/hosts.md). Pages and assets accept the token from the URL or from the cookie the
 * page load sets; API calls must carry it in the `X-Triggerbench-Token` header; the
 * event stream in the query (EventSource cannot set headers).
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { workbench } = options;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  await ensureRendererBuild(rendererDir, log);

  const token = randomBytes(32).toString('base64url');
  // What the cookie carries instead of the token: browsers send 127.0.0.1 cookies to every
  // port, so a cookie must not unlock the API. This key opens only the console's files.
  const assetKey = randomBytes(32).toString('base64url');
  const outbound: ConsoleClient = createConsoleClient({
    trustedCaPem: () => workbench.caPem(),
    // Past the runtime timeout, so the listener's own 504 reaches the console first.
    defaultTimeoutMs: () => workbench.info('web').settings.timeoutSeconds * 1000 + 5000,
  });
  const dispatch: Dispatch = createDispatcher(workbench, outbound, 'web');
  const hub = createEventStreamHub(workbench.events);
  let port = 0;

  const refuse = (res: ServerResponse, refusal: GuardRefusal): void => sendError(res, 403, refusal.code, refusal.message);

  const guard = (req: IncomingMessage, offered: string | undefined): GuardRefusal | undefined =>
    checkRequest({ host: header(req, 'host'), origin: header(req, 'origin'), secFetchSite: header(req, 'sec-fetch-site'), token: offered }, { port, token });

  const assetGuard = (req: IncomingMessage, offered: string | undefined): GuardRefusal | undefined =>
    checkRequest({ host: header(req, 'host'), origin: header(req, 'origin'), secFetchSite: header(req, 'sec-fetch-site'), token: offered }, { port, token: assetKey });

  const handleInvoke = async (req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> => {
    const refusal = guard(req, header(req, TOKEN_HEADER));
    if (refusal) return refuse(res, refusal);
    if (req.method !== 'POST') return sendError(res, 405, 'MethodNotAllowed', 'API calls use POST.');
    // JSON only: a cross-site form cannot send this content type without a CORS preflight.
    if (!/^application\/json\b/i.test(header(req, 'content-type') ?? '')) {
      return sendError(res, 415, 'UnsupportedMediaType', 'API calls must send Content-Type: application/json.');
    }
    const bytes = await readBody(req, MAX_API_BODY);
    if (!bytes) return sendError(res, 413, 'PayloadTooLarge', `The call is larger than ${MAX_API_BODY / 1024 / 1024} MiB.`);
    let payload: unknown;
    try {
      payload = bytes.length === 0 ? undefined : JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      return sendError(res, 400, 'InvalidJson', `The call's body is not valid JSON: ${(error as Error).message}.`);
    }
    try {
      sendJson(res, 200, await dispatch(channel, payload));
    } catch (error) {
      const payloadError = toApiErrorPayload(error);
      if (payloadError.code === 'InternalError') process.stderr.write(`triggerbench ui: ${channel} failed: ${(error as Error)?.stack ?? String(error)}\n`);
      sendJson(res, statusFor(payloadError.code), { error: payloadError });
    }
  };

  const handleEvents = (req: IncomingMessage, res: ServerResponse, url: URL): void => {
    const refusal = guard(req, url.searchParams.get(TOKEN_QUERY) ?? undefined);
    if (refusal) return refuse(res, refusal);
    hub.attach(res, {});
  };

  const handleStatic = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const cookie = tokenCookieName(port);
    const fromQuery = url.searchParams.get(TOKEN_QUERY) ?? undefined;
    // The URL's token opens the page; the cookie holds only the asset key, which opens
    // pages and assets and nothing else (docs/hosts.md, Web host security).
    const refusal = fromQuery !== undefined ? guard(req, fromQuery) : assetGuard(req, readCookie(header(req, 'cookie'), cookie));
    if (refusal) return refuse(res, refusal);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'MethodNotAllowed', 'Pages are read with GET.');
    const file = resolveStaticPath(rendererDir, url.pathname);
    if (!file) return sendError(res, 404, 'NotFound', `${url.pathname} is not part of the console.`);
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch {
      return sendError(res, 404, 'NotFound', `${url.pathname} is not part of the console.`);
    }
    const headers: Record<string, string> = { ...pageSecurityHeaders(), 'Content-Type': contentTypeFor(file), 'Cache-Control': 'no-store' };
    // The page's own assets (scripts, styles) are fetched without the query: the cookie
    // carries the token for them. HttpOnly, and SameSite=Strict so no other site sends it.
    if (fromQuery) headers['Set-Cookie'] = `${cookie}=${assetKey}; Path=/; HttpOnly; SameSite=Strict`;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : content);
  };

  const route = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (url.pathname.startsWith(API_INVOKE)) {
      let channel: string;
      try {
        channel = decodeURIComponent(url.pathname.slice(API_INVOKE.length));
      } catch {
        return sendError(res, 400, 'InvalidChannel', 'The channel in the URL is not valid percent-encoding.');
      }
      return handleInvoke(req, res, channel);
    }
    if (url.pathname === '/api/events') return handleEvents(req, res, url);
    if (url.pathname.startsWith('/api/')) return sendError(res, 404, 'NotFound', `${url.pathname} is not an API route. Calls go to POST /api/invoke/<channel>.`);
    return handleStatic(req, res, url);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    route(req, res, url).catch((error: unknown) => {
      process.stderr.write(`triggerbench ui: ${req.method} ${url.pathname} failed: ${(error as Error)?.stack ?? String(error)}\n`);
      if (!res.headersSent) sendError(res, 500, 'InternalError', (error as Error)?.message ?? 'The web host failed.');
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: NodeJS.ErrnoException) => {
    hub.close();
    if (error.code === 'EADDRINUSE') throw new ApiError('PortInUse', `Port ${options.port} on 127.0.0.1 is already in use. Pick another with --port, or 0 for a free one.`);
    throw error;
  });
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/?${TOKEN_QUERY}=${token}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        outbound.cancelAll();
        hub.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
