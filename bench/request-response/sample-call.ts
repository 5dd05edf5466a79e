import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';

/** One response as it came off the wire. */
export interface SampleResponse {
  status: number;
  /** Raw header names and values, in the order and case the server sent them. */
  rawHeaders: string[];
  body: Buffer;
  /** Negotiated protocol and cipher (OpenSSL name). */
  protocol: string;
  cipher: string;
}

/**
 * One POST to the server with a client that trusts only the given CA (and checks the
 * leaf names `localhost`), so the benchmark proves the certificate chain the load
 * generator, which never verifies, is served.
 */
export function sampleCall(port: number, path: string, body: string, caPem: string): Promise<SampleResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', servername: 'localhost', ca: caPem, agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      const socket = res.socket as TLSSocket;
      const protocol = socket.getProtocol() ?? '';
      const cipher = socket.getCipher().name;
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks), protocol, cipher }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Headers Node's http server adds to every response by itself; the bare server must not set them twice. */
const NODE_ADDED = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

/** The runtime's response headers that the bare server replays (everything Node does not add itself). */
export function replayableHeaders(rawHeaders: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (!NODE_ADDED.has(rawHeaders[i]!.toLowerCase())) headers[rawHeaders[i]!] = rawHeaders[i + 1]!;
  }
  return headers;
}

/** The response as bytes on the wire minus the Date value (which differs by the second), for comparing two servers. */
export function comparableHead(sample: SampleResponse): string {
  const lines: string[] = [`HTTP ${sample.status}`];
  for (let i = 0; i < sample.rawHeaders.length; i += 2) lines.push(`${sample.rawHeaders[i]}: ${sample.rawHeaders[i]!.toLowerCase() === 'date' ? '<date>' : sample.rawHeaders[i + 1]}`);
  return lines.join('\n');
}
