import { request as httpRequest, STATUS_CODES, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { rootCertificates, type TLSSocket } from 'node:tls';
import type { CertificateFacts, ConsoleFailure, ConsoleRequest, ConsoleResponse } from '../../src-shared/contract.ts';
import { consoleFailure, describeNetworkError } from './outbound-errors.ts';
import { encodeConsoleBody } from './request-body.ts';
import { CONSOLE_BODY_LIMIT, createBodyCollector } from './response-capture.ts';
import { peerCertificateFacts } from './peer-certificate.ts';

/** The console's outbound HTTP client: the call the console composes, made on the main side. */
export interface ConsoleClient {
  /** Sends one request; resolves with the response or a failure (never rejects for network errors). */
  send(request: ConsoleRequest): Promise<ConsoleResponse | ConsoleFailure>;
  /** Cancels a call in flight; false when no call has that id (already done or unknown). */
  cancel(requestId: string): boolean;
  /** Cancels every call in flight (the host is stopping). */
  cancelAll(): void;
}

/** Options of {@link createConsoleClient}. */
export interface ConsoleClientOptions {
  /** The workbench's local CA (PEM), trusted in addition to Node's public roots; read at each call. */
  trustedCaPem: () => string | undefined;
  /** Timeout for calls that set none (the runtime timeout + 5 s, so the listener's 504 arrives first). */
  defaultTimeoutMs: () => number;
  /** Bytes of each response body kept (default CONSOLE_BODY_LIMIT, 64 MiB). */
  bodyLimit?: number;
}

/**
 * Outbound TLS: 1.0 to 1.3 accepted, so the console can also probe legacy servers
 * (docs/logic-apps-behaviour.md §6: TLS 1.0–1.2 outbound; the listener itself is 1.2 only).
 * OpenSSL 3 refuses 1.0/1.1 at its default security level, hence `@SECLEVEL=0`
 * appended to Node's default list; certificate verification stays on regardless.
 */
const OUTBOUND_TLS = { minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' } as const;

function certificateOf(socket: TLSSocket): { certificate?: CertificateFacts } {
  const certificate = peerCertificateFacts(socket);
  return certificate ? { certificate } : {};
}

/** Methods sent without a Content-Length when the body is empty (as browsers and curl do). */
const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT']);

interface InFlight {
  abort(reason: ConsoleFailure): void;
}

function hostPort(url: URL): string {
  return `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
}

function hasHeader(headers: [string, string][], name: string): boolean {
  return headers.some(([key]) => key.toLowerCase() === name);
}

/** Milliseconds since `start`, rounded to 0.1 ms: the precision a timing table shows. */
function since(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10;
}

/** Creates the client. Each call opens its own connection (no agent) so connect and TLS timings are real. */
export function createConsoleClient(options: ConsoleClientOptions): ConsoleClient {
  const inFlight = new Map<string, InFlight>();
  const bodyLimit = options.bodyLimit ?? CONSOLE_BODY_LIMIT;

  const send = (request: ConsoleRequest): Promise<ConsoleResponse | ConsoleFailure> => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return Promise.resolve(consoleFailure('InvalidUrl', `"${request.url}" is not a valid URL. Write it in full, e.g. https://127.0.0.1:7071/api/...`));
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return Promise.resolve(consoleFailure('UnsupportedProtocol', `The console sends http:// and https:// URLs only, not ${url.protocol}//.`));
    }
    if (inFlight.has(request.requestId)) {
      return Promise.resolve(consoleFailure('DuplicateRequestId', `A call with id "${request.requestId}" is already in flight.`));
    }
    const body = encodeConsoleBody(request.body);
    if ('error' in body) return Promise.resolve(body);

    // Raw header pairs keep the composed order and repeated names, but Node then adds
    // none of its defaults: Host, Content-Length and Connection are supplied here.
    const method = request.method.toUpperCase();
    const headers: [string, string][] = [];
    if (!hasHeader(request.headers, 'host')) headers.push(['Host', url.host]);
    headers.push(...request.headers);
    if (body.contentType && !hasHeader(headers, 'content-type')) headers.push(['Content-Type', body.contentType]);
    const length = body.bytes?.length ?? (BODYLESS_METHODS.has(method) ? undefined : 0);
    if (length !== undefined && !hasHeader(headers, 'content-length') && !hasHeader(headers, 'transfer-encoding')) headers.push(['Content-Length', String(length)]);
    // One connection per call (timings are real), closed once the response ends.
    if (!hasHeader(headers, 'connection')) headers.push(['Connection', 'close']);
    const where = hostPort(url);
    const timeoutMs = request.timeoutMs ?? options.defaultTimeoutMs();

    return new Promise((resolve) => {
      const start = performance.now();
      const timings: ConsoleResponse['timings'] = { total: 0 };
      let settled = false;
      let req: ClientRequest | undefined;
      let timer: NodeJS.Timeout | undefined;

      const finish = (result: ConsoleResponse | ConsoleFailure): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        inFlight.delete(request.requestId);
        resolve(result);
      };
      const abort = (failure: ConsoleFailure): void => {
        finish(failure);
        req?.destroy();
      };

      const requestOptions: RequestOptions & Record<string, unknown> = {
        method,
        headers: headers.flat(),
        agent: false,
      };
      if (url.protocol === 'https:') {
        const ca = options.trustedCaPem();
        Object.assign(requestOptions, OUTBOUND_TLS, { ca: ca ? [...rootCertificates, ca] : [...rootCertificates], rejectUnauthorized: true });
      }
      try {
        req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, requestOptions);
      } catch (error) {
        // Bad header names or values throw synchronously (ERR_INVALID_HTTP_TOKEN, ERR_INVALID_CHAR).
        finish(consoleFailure('InvalidHeader', `The request could not be built: ${(error as Error).message}. Check the header names and values.`));
        return;
      }
      inFlight.set(request.requestId, { abort });
      timer = setTimeout(() => {
        abort(consoleFailure('ConsoleTimeout', `No complete response from ${where} within ${Math.round(timeoutMs / 100) / 10} s, so the console gave up. The workflow may still be running; its run appears in the history when it ends.`));
      }, timeoutMs);

      req.on('socket', (socket: Socket) => {
        socket.once('connect', () => {
          timings.connect = since(start);
        });
        socket.once('secureConnect', () => {
          timings.tls = since(start);
        });
      });
      req.on('error', (error: Error & { code?: string }) => finish(describeNetworkError(error, where)));
      req.on('response', (res: IncomingMessage) => {
        timings.firstByte = since(start);
        // Read now: once the body ends the connection closes and the TLS session is gone.
        const socket = res.socket as TLSSocket | null;
        const tls = socket && typeof socket.getProtocol === 'function'
          ? { protocol: socket.getProtocol() ?? 'unknown', cipher: socket.getCipher()?.name ?? 'unknown', authorized: socket.authorized, ...certificateOf(socket) }
          : undefined;
        const collector = createBodyCollector(bodyLimit);
        res.on('data', (chunk: Buffer) => collector.push(chunk));
        res.on('error', (error: Error & { code?: string }) => finish(describeNetworkError(error, where)));
        res.on('aborted', () => finish(consoleFailure('ResponseIncomplete', `${where} closed the connection before the response body was complete.`)));
        res.on('end', () => {
          timings.total = since(start);
          const headerPairs: [string, string][] = [];
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headerPairs.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
          const response: ConsoleResponse = {
            status: res.statusCode ?? 0,
            statusText: res.statusMessage || STATUS_CODES[res.statusCode ?? 0] || '',
            httpVersion: res.httpVersion,
            headers: headerPairs,
            body: collector.finish(res.headers['content-type']),
            timings,
          };
          if (tls) response.tls = tls;
          finish(response);
        });
      });
      req.end(body.bytes);
    });
  };

  return {
    send,
    cancel(requestId) {
      const call = inFlight.get(requestId);
      if (!call) return false;
      call.abort(consoleFailure('Cancelled', 'The request was cancelled before the response arrived.'));
      return true;
    },
    cancelAll() {
      for (const call of [...inFlight.values()]) call.abort(consoleFailure('Cancelled', 'The request was cancelled because the workbench is stopping.'));
    },
  };
}
