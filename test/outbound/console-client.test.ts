import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateTlsMaterial, type TlsMaterial } from '../../src-main/tls/certificate-authority.ts';
import { inboundTlsOptions } from '../../src-main/tls/tls-options.ts';
import { createConsoleClient } from '../../src-main/outbound/console-client.ts';
import type { ConsoleFailure, ConsoleRequest, ConsoleResponse } from '../../src-shared/contract.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

/** What the server saw of the last request. */
interface Seen {
  method?: string;
  url?: string;
  rawHeaders?: string[];
  body?: Buffer;
}

let dataDir: string;
let material: TlsMaterial;
let tlsServer: Server;
let tlsPort: number;
let handler: Handler;
const seen: Seen = {};
/** Requests that reached the server and were left hanging (for cancel and timeout). */
const hanging = new Set<ServerResponse>();

async function listen(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

function route(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    Object.assign(seen, { method: req.method, url: req.url, rawHeaders: req.rawHeaders, body: Buffer.concat(chunks) });
    handler(req, res, seen.body!);
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tb-outbound-'));
  material = await loadOrCreateTlsMaterial(dataDir);
  // The workbench listener's own TLS settings: TLS 1.2 only, the reference suites.
  tlsServer = createHttpsServer(inboundTlsOptions(material), route);
  tlsPort = await listen(tlsServer);
});

afterAll(async () => {
  for (const res of hanging) res.destroy();
  tlsServer.closeAllConnections();
  tlsServer.close();
  await rm(dataDir, { recursive: true, force: true });
});

const trusting = () => createConsoleClient({ trustedCaPem: () => material.caCertPem, defaultTimeoutMs: () => 10_000 });

function request(overrides: Partial<ConsoleRequest> = {}): ConsoleRequest {
  return { requestId: `r-${Math.random()}`, method: 'POST', url: `https://127.0.0.1:${tlsPort}/api/orders?x=1`, headers: [], body: { kind: 'none' }, ...overrides };
}

function asResponse(result: ConsoleResponse | ConsoleFailure): ConsoleResponse {
  if ('error' in result) throw new Error(`expected a response, got ${result.error.code}: ${result.error.message}`);
  return result;
}

function asFailure(result: ConsoleResponse | ConsoleFailure): ConsoleFailure['error'] {
  if (!('error' in result)) throw new Error(`expected a failure, got HTTP ${result.status}`);
  return result.error;
}

describe('console client over TLS 1.2 to a server signed by the local CA', () => {
  it('returns status, headers, body, TLS details and ordered timings', async () => {
    handler = (_req, res) => {
      res.writeHead(202, 'Accepted', [['Content-Type', 'application/json; charset=utf-8'], ['X-Run', 'a'], ['X-Run', 'b']]);
      res.end('{"ok":true,"name":"Zoë"}');
    };
    const result = asResponse(await trusting().send(request({ headers: [['Content-Type', 'application/json']], body: { kind: 'text', text: '{"n":1}' } })));
    expect(result.status).toBe(202);
    expect(result.statusText).toBe('Accepted');
    expect(result.httpVersion).toBe('1.1');
    expect(result.headers.filter(([name]) => name === 'X-Run')).toEqual([['X-Run', 'a'], ['X-Run', 'b']]);
    expect(result.body).toEqual({ size: Buffer.byteLength('{"ok":true,"name":"Zoë"}'), contentType: 'application/json; charset=utf-8', text: '{"ok":true,"name":"Zoë"}' });
    expect(result.tls).toMatchObject({ protocol: 'TLSv1.2', authorized: true });
    expect(result.tls?.cipher).toMatch(/^ECDHE-(ECDSA|RSA)-AES(128|256)-GCM-SHA(256|384)$/);
    // The server certificate, as the composer shows it: SANs, validity, fingerprint, chain to the local CA.
    const certificate = result.tls?.certificate;
    expect(certificate?.subjectAltNames).toContain('IP Address:127.0.0.1');
    expect(Date.parse(certificate!.validTo)).toBeGreaterThan(Date.now());
    expect(certificate?.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(certificate?.chain.at(-1)?.fingerprint256).toBe(material.caFingerprint256);
    const { connect, tls, firstByte, total } = result.timings;
    expect(connect).toBeGreaterThanOrEqual(0);
    expect(tls).toBeGreaterThanOrEqual(connect!);
    expect(firstByte).toBeGreaterThanOrEqual(tls!);
    expect(total).toBeGreaterThanOrEqual(firstByte!);
    expect(seen.body?.toString()).toBe('{"n":1}');
    expect(seen.url).toBe('/api/orders?x=1');
  });

  it('refuses a server whose CA it was not told to trust', async () => {
    handler = (_req, res) => res.end('never');
    const client = createConsoleClient({ trustedCaPem: () => undefined, defaultTimeoutMs: () => 10_000 });
    const error = asFailure(await client.send(request()));
    expect(error.code).toBe('CertificateNotTrusted');
    expect(error.message).toContain(`127.0.0.1:${tlsPort}`);
  });

  it('sends headers in order with repeated names, form bodies url-encoded, file bodies from base64', async () => {
    handler = (_req, res) => res.end();
    const client = trusting();
    await client.send(request({ headers: [['X-A', '1'], ['X-B', '2'], ['X-A', '3']], body: { kind: 'form', fields: [['name', 'Zoë Smith'], ['q', 'a&b=c']] } }));
    const pairs: [string, string][] = [];
    for (let i = 0; i < seen.rawHeaders!.length; i += 2) pairs.push([seen.rawHeaders![i]!, seen.rawHeaders![i + 1]!]);
    expect(pairs.filter(([n]) => n.startsWith('X-'))).toEqual([['X-A', '1'], ['X-B', '2'], ['X-A', '3']]);
    expect(pairs).toContainEqual(['Content-Type', 'application/x-www-form-urlencoded']);
    expect(seen.body?.toString()).toBe('name=Zo%C3%AB+Smith&q=a%26b%3Dc');

    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    await client.send(request({ body: { kind: 'file', name: 'blob.bin', base64: bytes.toString('base64'), contentType: 'application/pdf' } }));
    expect(seen.body?.equals(bytes)).toBe(true);
    expect(seen.rawHeaders).toContain('application/pdf');
  });

  it('keeps a body beyond 1 MiB whole for the composer (the 1 MiB cap is for stored runs)', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 10, 'a');
    handler = (_req, res) => res.end(big);
    const result = asResponse(await trusting().send(request({ method: 'GET' })));
    expect(result.body.size).toBe(big.length);
    expect(result.body.truncated).toBeUndefined();
    expect(result.body.text?.length).toBe(big.length);
  });

  it('keeps the first bodyLimit bytes of a larger body as text and counts the whole', async () => {
    const big = Buffer.alloc(1024 * 1024 + 10, 'a');
    handler = (_req, res) => res.end(big);
    const client = createConsoleClient({ trustedCaPem: () => material.caCertPem, defaultTimeoutMs: () => 10_000, bodyLimit: 1024 * 1024 });
    const result = asResponse(await client.send(request({ method: 'GET' })));
    expect(result.body.size).toBe(big.length);
    expect(result.body.truncated).toBe(true);
    expect(result.body.text?.length).toBe(1024 * 1024);
  });

  it('returns a binary body as base64', async () => {
    handler = (_req, res) => res.end(Buffer.from([0xff, 0xfe, 0x00]));
    const result = asResponse(await trusting().send(request({ method: 'GET' })));
    expect(result.body).toMatchObject({ size: 3, base64: '//4A' });
  });

  it('cancels a call in flight', async () => {
    handler = (_req, res) => void hanging.add(res);
    const client = trusting();
    const heldBefore = hanging.size;
    const pending = client.send(request({ requestId: 'to-cancel' }));
    // Cancel once the server holds the request: the call is really in flight.
    await new Promise<void>((resolve) => {
      const check = (): void => (hanging.size > heldBefore ? resolve() : void setImmediate(check));
      check();
    });
    expect(client.cancel('to-cancel')).toBe(true);
    expect(asFailure(await pending).code).toBe('Cancelled');
    expect(client.cancel('to-cancel')).toBe(false);
  });

  it('gives up with a clear failure when the timeout passes', async () => {
    handler = (_req, res) => void hanging.add(res);
    const error = asFailure(await trusting().send(request({ timeoutMs: 300 })));
    expect(error.code).toBe('ConsoleTimeout');
    expect(error.message).toContain('0.3 s');
  });
});

describe('console client failures a user can meet', () => {
  it('says nothing listens on a closed port', async () => {
    const server = createHttpServer();
    const port = await listen(server);
    server.close();
    await once(server, 'close');
    const error = asFailure(await trusting().send(request({ url: `https://127.0.0.1:${port}/` })));
    expect(error.code).toBe('ConnectionRefused');
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });

  it('rejects URLs it cannot send', async () => {
    expect(asFailure(await trusting().send(request({ url: 'not a url' }))).code).toBe('InvalidUrl');
    expect(asFailure(await trusting().send(request({ url: 'ftp://127.0.0.1/file' }))).code).toBe('UnsupportedProtocol');
  });

  it('rejects a header value with a line break instead of sending it', async () => {
    expect(asFailure(await trusting().send(request({ headers: [['X-Bad', 'a\r\nInjected: 1']] }))).code).toBe('InvalidHeader');
  });

  it('explains https:// sent to a plain HTTP server', async () => {
    const server = createHttpServer((_req, res) => res.end('plain'));
    const port = await listen(server);
    try {
      expect(asFailure(await trusting().send(request({ url: `https://127.0.0.1:${port}/` }))).code).toBe('TlsHandshakeFailed');
      // And plain http:// works, with no TLS details.
      const plain = asResponse(await trusting().send(request({ url: `http://127.0.0.1:${port}/` })));
      expect(plain.tls).toBeUndefined();
      expect(plain.body.text).toBe('plain');
    } finally {
      server.close();
    }
  });

  it('still talks to a legacy TLS 1.0 server (outbound allows TLS 1.0-1.2)', async () => {
    const legacy = createHttpsServer({ key: material.key[0], cert: material.cert[0], minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' }, (_req, res) => res.end('old'));
    const port = await listen(legacy);
    try {
      const result = asResponse(await trusting().send(request({ method: 'GET', url: `https://localhost:${port}/` })));
      expect(result.tls?.protocol).toBe('TLSv1');
    } finally {
      legacy.close();
    }
  });
});
