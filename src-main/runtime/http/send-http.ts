import { CodedError } from '../../../src-shared/coded-error.ts';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';

/** One outbound request as the Http and Workflow actions send it. */
export interface OutboundRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: Buffer;
  /** Client certificate (PKCS#12) and its password. */
  pfx?: { data: Buffer; passphrase?: string };
  /** Extra trusted CAs (the workspace's local CA). */
  trustedCaPem?: string;
  signal: AbortSignal;
  /** Longest wait for the response to start and between its chunks; default OUTBOUND_REQUEST_TIMEOUT_MS. */
  timeoutMs?: number;
}

/** The response of one outbound request. */
export interface OutboundResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** A request that got no HTTP response (refused, TLS failure, aborted, too large). */
export class OutboundError extends CodedError {}

/** How long one outbound request may go without an answer, as Logic Apps' 120-second outbound limit. */
export const OUTBOUND_REQUEST_TIMEOUT_MS = 120_000;

/** Logic Apps' message size limit, also for what an outbound call may bring back. */
export const OUTBOUND_BODY_LIMIT = 104_857_600;

/**
 * Outbound TLS: 1.0 to 1.3 accepted, as Logic Apps' outbound calls allow legacy servers
 * (docs/tls.md); certificates are always verified, against Node's public roots plus the
 * workspace's local CA.
 */
const OUTBOUND_TLS = { minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' } as const;

function headersOf(message: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < message.rawHeaders.length; i += 2) {
    const name = message.rawHeaders[i]!;
    const value = message.rawHeaders[i + 1]!;
    const existing = Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase());
    if (existing) headers[existing] += `, ${value}`;
    else headers[name] = value;
  }
  return headers;
}

/** Sends one request with Node's own http/https client; resolves with the whole response. */
export function sendHttp(request: OutboundRequest): Promise<OutboundResponse> {
  return new Promise((resolve, reject) => {
    if (request.signal.aborted) return reject(new OutboundError('Cancelled', 'The request was cancelled before it was sent.'));
    const secure = request.url.protocol === 'https:';
    if (!secure && request.url.protocol !== 'http:') return reject(new OutboundError('InvalidUri', `The URI '${request.url.href}' is not http or https.`));
    const headers = { ...request.headers };
    if (request.body && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) headers['Content-Length'] = String(request.body.length);
    const options = {
      method: request.method,
      headers,
      signal: request.signal,
      ...(secure ? { ...OUTBOUND_TLS, ca: request.trustedCaPem ? [...rootCertificates, request.trustedCaPem] : undefined, pfx: request.pfx?.data, passphrase: request.pfx?.passphrase } : {}),
    };
    let req;
    try {
      req = (secure ? httpsRequest : httpRequest)(request.url, options, onResponse);
    } catch (error) {
      // Node reads the PKCS#12 file when it builds the TLS context, here.
      if (request.pfx) return reject(new OutboundError('InvalidClientCertificate', `The client certificate could not be used: ${(error as Error).message}. Check that "pfx" is a base64 PKCS#12 file and "password" its password.`));
      return reject(describe(error as Error, request));
    }
    req.on('error', (error) => reject(describe(error, request)));
    const timeoutMs = request.timeoutMs ?? OUTBOUND_REQUEST_TIMEOUT_MS;
    req.setTimeout(timeoutMs, () => {
      reject(new OutboundError('RequestTimeout', `${request.url.host} did not answer within ${timeoutMs / 1000} seconds (the outbound request limit); the retry policy may try again.`));
      req.destroy();
    });
    req.end(request.body);

    function onResponse(res: IncomingMessage): void {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > OUTBOUND_BODY_LIMIT) {
          res.destroy();
          reject(new OutboundError('ResponseTooLarge', `The response from ${request.url.host} is larger than ${OUTBOUND_BODY_LIMIT} bytes, Logic Apps' message size limit.`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: headersOf(res), body: Buffer.concat(chunks) }));
      res.on('error', (error) => reject(describe(error, request)));
    }
  });
}

function describe(error: Error & { code?: string }, request: OutboundRequest): OutboundError {
  if (error.name === 'AbortError' || request.signal.aborted) return new OutboundError('Cancelled', `The request to ${request.url.host} was cancelled (the run stopped, was terminated or the action timed out).`);
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') return new OutboundError('ConnectionRefused', `Nothing is listening at ${request.url.host} (connection refused).`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new OutboundError('HostNotFound', `The host '${request.url.hostname}' could not be resolved.`);
  if (code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN') {
    return new OutboundError('TlsFailure', `The TLS connection to ${request.url.host} failed (${code}): ${error.message}. Calls trust the public roots and Triggerbench's local CA.`);
  }
  return new OutboundError('ConnectionFailed', `The request to ${request.url.host} failed${code ? ` (${code})` : ''}: ${error.message}`);
}
