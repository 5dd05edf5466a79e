import { CodedError } from '../../src-shared/coded-error.ts';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inboundTlsOptions } from '../tls/tls-options.ts';
import type { TlsMaterial } from '../tls/certificate-authority.ts';
import { errorMessage, jsonMessage, writeAnswer, writeMessage } from './answer.ts';
import { DEFAULT_CONNECTION_LIMITS, limitConnections, timeoutServerOptions, type ConnectionLimits } from './connection-limits.ts';
import { matchTriggerRoute } from '../../src-shared/workflow/routes.ts';
import { matchOperationRoute, pollOperation, RETRY_AFTER_SECONDS } from './async-operations.ts';
import { MAX_URL_LENGTH } from './admit-call.ts';
import { handleTriggerCall } from './enter-call.ts';
import type { TriggerHost } from './trigger-host.ts';

/** A listener that could not start, with a plain reason and the fix. */
export class ListenerError extends CodedError {}

/** Extra read-only documents served beside the triggers (the token issuer's metadata). */
export type DocumentRoutes = (pathname: string, baseUrl: string) => unknown | undefined;

/** A started listener. */
export interface RunningListener {
  host: string;
  port: number;
  baseUrl: string;
  close(): Promise<void>;
}

/** Formats host:port for a URL (IPv6 in brackets). */
export function baseUrlFor(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `https://${name}:${port}`;
}

/**
 * Starts the HTTPS listener: TLS 1.2 with the eight suites only (tls-options.ts), the
 * trigger routes, and the issuer documents. Port 0 picks a free port; a port in use is
 * a ListenerError that says so.
 */
export async function startListener(options: { host: string; port: number; tls: TlsMaterial; triggers: TriggerHost; documents?: DocumentRoutes; limits?: Partial<ConnectionLimits> }): Promise<RunningListener> {
  // Headers may hold a 16,384-character URL (Logic Apps' limit) plus the usual headers,
  // so Node's 16 KiB default would refuse such calls before we could answer 414.
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    void route(req, res).catch((error: unknown) => {
      writeAnswer(res, errorMessage(500, 'InternalError', `Triggerbench failed while handling this call: ${(error as Error).message}`));
    });
  };
  const limits = { ...DEFAULT_CONNECTION_LIMITS, ...options.limits };
  const server: Server = createServer({ ...inboundTlsOptions(options.tls), maxHeaderSize: 64 * 1024, keepAliveTimeout: 5_000, ...timeoutServerOptions(limits) }, onRequest);
  const connections = limitConnections(server, limits);
  // Node would answer 100 Continue before any check; the trigger pipeline sends it itself
  // once auth, method, path and size passed (admit-call.ts).
  server.on('checkContinue', onRequest);
  let baseUrl = '';
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rawUrl = req.url ?? '/';
    if (rawUrl.length > MAX_URL_LENGTH) {
      req.resume();
      return writeAnswer(res, errorMessage(414, 'RequestUrlTooLong', `The request URL is ${rawUrl.length} characters; Logic Apps accepts at most ${MAX_URL_LENGTH}.`));
    }
    const pathname = rawUrl.split('?', 1)[0]!;
    const triggerRoute = matchTriggerRoute(pathname);
    if (triggerRoute) return handleTriggerCall(req, res, triggerRoute, options.triggers);
    const operation = req.method === 'GET' ? matchOperationRoute(pathname) : undefined;
    if (operation) {
      req.resume();
      const poll = pollOperation(operation, new URL(rawUrl, 'https://localhost').searchParams, rawUrl);
      if (poll.state === 'done') return writeAnswer(res, poll.message);
      if (poll.state === 'running') return writeMessage(res, 202, { Location: `https://${req.headers.host ?? 'localhost'}${poll.location}`, 'Retry-After': String(RETRY_AFTER_SECONDS) }, Buffer.alloc(0));
      return writeAnswer(res, errorMessage(404, 'OperationNotFound', 'No asynchronous operation matches this URL: it expired (results are kept for an hour), or the URL was changed. Use the Location header exactly as received.'));
    }
    const document = req.method === 'GET' ? options.documents?.(pathname, baseUrl) : undefined;
    req.resume();
    if (document !== undefined) return writeAnswer(res, jsonMessage(200, document, { 'Cache-Control': 'no-store' }));
    writeAnswer(res, errorMessage(404, 'NotFound', `No trigger route matches '${pathname}'. Callback URLs look like /api/<workflow>/triggers/<trigger>/invoke?api-version=2022-05-01&sp=...&sv=1.0&sig=... (copy one with 'triggerbench url').`));
  };
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // Node answers parse failures itself with an empty body; callers get Azure's JSON error
    // shape instead, so a URL too long even to parse still says what limit it broke.
    const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) return socket.destroy();
    const refusal =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? { status: 431, reason: 'Request Header Fields Too Large', code: 'RequestHeaderFieldsTooLarge', message: `The request line and headers are larger than 64 KiB, so the request was not read. Logic Apps accepts a URL of at most ${MAX_URL_LENGTH} characters; shorten the URL or the headers.` }
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? { status: 408, reason: 'Request Timeout', code: 'RequestTimeout', message: 'The request was not received completely in time.' }
          : { status: 400, reason: 'Bad Request', code: 'BadRequest', message: `The request is not valid HTTP/1.1 (${error.code ?? error.message}).` };
    const { headers, body } = errorMessage(refusal.status, refusal.code, refusal.message);
    socket.end(`HTTP/1.1 ${refusal.status} ${refusal.reason}\r\nContent-Type: ${headers['Content-Type']}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.toString('utf8')}`);
  });
  server.on('tlsClientError', () => {
    // Refused handshakes (TLS 1.0/1.1/1.3, suites off the list) are expected; the client sees the alert.
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      if (error.code === 'EADDRINUSE') reject(new ListenerError('PortInUse', `Port ${options.port} on ${options.host} is already in use (is another Triggerbench running?). Choose another port (Settings in the console; --port for serve, --listener-port for ui), or 0 for a free one.`));
      else if (error.code === 'EADDRNOTAVAIL') reject(new ListenerError('HostNotAvailable', `The address ${options.host} is not an address of this machine. Use 127.0.0.1 (the default) or another local address with --host.`));
      else if (error.code === 'EACCES') reject(new ListenerError('PortNotAllowed', `Not allowed to listen on port ${options.port} (ports below 1024 need extra rights). Choose a port above 1023 (Settings in the console; --port for serve, --listener-port for ui).`));
      else reject(new ListenerError('ListenFailed', `Could not listen on ${options.host}:${options.port}: ${error.message}`));
    };
    server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = baseUrlFor(options.host, port);
  return {
    host: options.host,
    port,
    baseUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        connections.closeAll();
      }),
  };
}
