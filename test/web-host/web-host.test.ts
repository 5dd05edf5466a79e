import { workflowNotFound } from '../../src-shared/workflow/find-trigger.ts';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../src-main/web-host/web-host.ts';
import { createWebClient, WebApiError } from '../../src-renderer/lib/web-client.ts';
import { createFakeWorkbench, type FakeWorkbench } from '../console-requests/fake-workbench.ts';

interface Reply {
  status: number;
  headers: IncomingMessage['headers'];
  text: string;
  json(): { error?: { code: string; message: string } } & Record<string, unknown>;
}

let rendererDir: string;
let core: FakeWorkbench;
let host: WebHost;
let token: string;

function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${host.port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

function invoke(channel: string, payload: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send(`/api/invoke/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Triggerbench-Token': token, ...headers },
    body: JSON.stringify(payload),
  });
}

beforeAll(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'tb-renderer-'));
  await mkdir(join(rendererDir, 'assets'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Triggerbench</title><script type="module" src="./assets/app.js"></script>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("console")');
  core = createFakeWorkbench();
  host = await startWebHost({ workbench: core, port: 0, rendererDir, log: () => {} });
  token = new URL(host.url).searchParams.get('token')!;
});

afterAll(async () => {
  await host.close();
  await rm(rendererDir, { recursive: true, force: true });
});

describe('web host: pages', () => {
  it('opens at a loopback URL holding a long random token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    expect(host.port).toBeGreaterThan(0);
  });

  it('serves the console with the token, with the strict CSP, and sets the asset cookie', async () => {
    const page = await send(`/?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>Triggerbench</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['set-cookie']?.[0]).toMatch(/HttpOnly; SameSite=Strict/);
    // The page's own script loads with that cookie.
    const cookie = page.headers['set-cookie']![0]!.split(';')[0]!;
    const asset = await send('/assets/app.js', { headers: { Cookie: cookie } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('refuses the page without the token, or with a wrong one, with a JSON reason', async () => {
    const missing = await send('/');
    expect(missing.status).toBe(403);
    expect(missing.headers['content-type']).toContain('application/json');
    expect(missing.json().error?.code).toBe('MissingToken');
    expect((await send('/?token=guess')).json().error?.code).toBe('InvalidToken');
    expect((await send('/assets/app.js')).status).toBe(403);
  });

  it('refuses a foreign Host header (DNS rebinding), even with the token', async () => {
    const rebound = await send(`/?token=${token}`, { headers: { Host: `attacker.example:${host.port}` } });
    expect(rebound.status).toBe(403);
    expect(rebound.json().error?.code).toBe('ForbiddenHost');
    expect((await send(`/?token=${token}`, { headers: { Host: `127.0.0.1:${host.port + 1}` } })).status).toBe(403);
    expect((await send(`/?token=${token}`, { headers: { Host: `localhost:${host.port}` } })).status).toBe(200);
  });

  it('does not serve files outside the console folder', async () => {
    expect((await send(`/..%2f..%2fetc%2fpasswd?token=${token}`)).status).toBe(404);
    expect((await send(`/missing.js?token=${token}`)).status).toBe(404);
  });
});

describe('web host: API', () => {
  it('carries calls to the dispatcher and answers as the web host', async () => {
    const reply = await invoke('app:info', {});
    expect(reply.status).toBe(200);
    expect(reply.json()).toMatchObject({ host: 'web', version: '0.0.0-test' });
  });

  it('refuses a call without the token header, even with the page cookie', async () => {
    const page = await send(`/?token=${token}`);
    const cookie = page.headers['set-cookie']![0]!.split(';')[0]!;
    const reply = await send('/api/invoke/app%3Ainfo', { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: '{}' });
    expect(reply.status).toBe(403);
    expect(reply.json().error?.code).toBe('MissingToken');
  });

  it("the page cookie holds no token: its value cannot drive the API or the event stream", async () => {
    const page = await send(`/?token=${token}`);
    const [name, value] = page.headers['set-cookie']![0]!.split(';')[0]!.split('=') as [string, string];
    expect(name).toBe(`triggerbench_token_${host.port}`);
    // Another server on 127.0.0.1 receives this cookie from the same browser (cookies ignore ports).
    expect(value).not.toBe(token);
    expect(value).not.toContain(token);
    const reply = await invoke('app:info', {}, { 'X-Triggerbench-Token': value });
    expect(reply.status).toBe(403);
    expect(reply.json().error?.code).toBe('InvalidToken');
    expect((await send(`/api/events?token=${encodeURIComponent(value)}`)).status).toBe(403);
    // ...and it is not accepted in the page URL either.
    expect((await send(`/?token=${encodeURIComponent(value)}`)).status).toBe(403);
  });

  it('refuses a call from a foreign Origin, even with the token', async () => {
    const reply = await invoke('app:info', {}, { Origin: 'https://evil.example' });
    expect(reply.status).toBe(403);
    expect(reply.json().error?.code).toBe('ForbiddenOrigin');
    expect((await invoke('app:info', {}, { Origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
    expect((await invoke('app:info', {}, { 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
  });

  it('reports unknown channels, bad payloads and core errors as { error: { code, message } }', async () => {
    const unknown = await invoke('shell:exec', {});
    expect(unknown.status).toBe(404);
    expect(unknown.json().error?.code).toBe('UnknownChannel');
    const bad = await invoke('workflows:read', { name: 42 });
    expect(bad.status).toBe(400);
    expect(bad.json().error).toEqual({ code: 'InvalidPayload', message: 'Invalid payload for "workflows:read": field "name" must be of type string.' });
    const core = await invoke('workflows:read', { name: 'nope' });
    expect(core.json().error?.code).toBe('WorkflowNotFound');
  });

  it('accepts JSON only', async () => {
    const reply = await send('/api/invoke/app%3Ainfo', { method: 'POST', headers: { 'Content-Type': 'text/plain', 'X-Triggerbench-Token': token }, body: '{}' });
    expect(reply.status).toBe(415);
    const broken = await invoke('app:info', {}, {});
    expect(broken.status).toBe(200);
    const notJson = await send('/api/invoke/app%3Ainfo', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Triggerbench-Token': token }, body: '{nope' });
    expect(notJson.json().error?.code).toBe('InvalidJson');
  });
});

describe('web host: events', () => {
  it('streams workbench events to a client holding the token', async () => {
    const body = await new Promise<string>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: host.port, path: `/api/events?token=${token}`, headers: { Accept: 'text/event-stream' } }, (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          // Emit once the stream is open (the hello comment arrived), then wait for the event.
          if (text.includes(': connected') && !text.includes('event:')) core.events.emit('runs:changed', { ids: ['run-1'] });
          const at = text.indexOf('event:');
          if (at >= 0 && text.indexOf('\n\n', at) >= 0) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(body).toContain('event: runs:changed\ndata: {"ids":["run-1"]}\n\n');
  });

  it('refuses the stream without the token', async () => {
    const reply = await send('/api/events');
    expect(reply.status).toBe(403);
    expect(reply.json().error?.code).toBe('MissingToken');
  });
});

describe('web client (src-renderer/lib/web-client.ts) against the web host', () => {
  it('invokes through fetch with the token and returns the result', async () => {
    const client = createWebClient({ token, baseUrl: `http://127.0.0.1:${host.port}` });
    const info = await client.invoke('app:info', {});
    expect(info.host).toBe('web');
  });

  it('rejects with a WebApiError carrying the host code and message', async () => {
    const client = createWebClient({ token, baseUrl: `http://127.0.0.1:${host.port}` });
    const error = await client.invoke('workflows:read', { name: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebApiError);
    expect(error).toMatchObject({ code: 'WorkflowNotFound', message: workflowNotFound('nope').message });
    const refused = await createWebClient({ token: 'wrong', baseUrl: `http://127.0.0.1:${host.port}` }).invoke('app:info', {}).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'InvalidToken' });
  });
});

describe('web host: shutdown', () => {
  it('ends open event streams and frees the port on close', async () => {
    const own = await startWebHost({ workbench: createFakeWorkbench(), port: 0, rendererDir, log: () => {} });
    const ownToken = new URL(own.url).searchParams.get('token')!;
    const ended = new Promise<void>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: own.port, path: `/api/events?token=${ownToken}` }, (res) => {
        res.once('data', () => void own.close());
        res.on('end', () => resolve());
        res.on('error', () => resolve());
      });
      req.on('error', reject);
      req.end();
    });
    await ended;
    await own.close();
    const refused = await new Promise<string>((resolve) => {
      // agent: false, so a pooled keep-alive socket cannot stand in for a new connection.
      const req = httpRequest({ host: '127.0.0.1', port: own.port, path: '/', agent: false }, () => resolve('answered'));
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      req.end();
    });
    expect(refused).toBe('ECONNREFUSED');
  });
});
