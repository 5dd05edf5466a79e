import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBench, type Bench } from './helpers/bench.ts';
import { response, workflow } from './helpers/workflows.ts';

// Http and Workflow actions against loopback servers only: a plain HTTP stub, the
// workspace's own callback URL (over its TLS listener, trusted through the local CA),
// and a child workflow; plus connector actions stood in for by mocks.json and static results.

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let stub: Server;
let stubUrl: string;
const seen: Seen[] = [];
const counters = new Map<string, number>();
const handlers: Record<string, (req: IncomingMessage, res: ServerResponse, n: number) => void> = {
  '/echo': (req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ ok: true, query: new URL(req.url!, 'http://x').searchParams.get('q') }));
  },
  '/flaky': (_req, res, n) => {
    res.statusCode = n < 3 ? 503 : 200;
    res.end(n < 3 ? 'busy' : 'third time lucky');
  },
  '/broken': (_req, res) => {
    res.statusCode = 500;
    res.setHeader('Content-Type', 'application/json');
    res.end('{"error":"boom"}');
  },
  '/slow': () => {
    // never answers: the action's limit.timeout must end it
  },
  '/job': (_req, res) => {
    res.statusCode = 202;
    res.setHeader('Location', `${stubUrl}/job/status`);
    res.setHeader('Retry-After', '0');
    res.end();
  },
  '/job/status': (_req, res, n) => {
    if (n < 2) {
      res.statusCode = 202;
      res.setHeader('Retry-After', '0');
      res.end();
      return;
    }
    res.setHeader('Content-Type', 'application/json');
    res.end('{"done":true}');
  },
};

let bench: Bench;

/** A ServiceProvider action mocked by mocks.json, then an ApiConnection action with a static result. */
function mockedWorkflow(): object {
  const mocked = workflow({
    actions: {
      Get_blob: { type: 'ServiceProvider', inputs: { parameters: { containerName: 'c' }, serviceProviderConfiguration: { connectionName: 'blob', operationId: 'readBlob', serviceProviderId: '/serviceProviders/AzureBlob' } }, runAfter: {} },
      Send_message: { type: 'ApiConnection', inputs: { method: 'post' }, runAfter: { Get_blob: ['Succeeded'] }, runtimeConfiguration: { staticResult: { name: 'Send_message0', staticResultOptions: 'Enabled' } } },
      Answer: response({ statusCode: 200, body: { blob: "@body('Get_blob')?['content']", sent: "@outputs('Send_message')?['statusCode']" } }, { Send_message: ['Succeeded'] }),
    },
  }) as { definition: Record<string, unknown> };
  mocked.definition.staticResults = { Send_message0: { status: 'Succeeded', outputs: { statusCode: 'OK', headers: {} } } };
  return mocked;
}

const http = (inputs: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'Http', inputs, runAfter: {}, ...extra });

beforeAll(async () => {
  stub = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() });
      const path = new URL(req.url!, 'http://x').pathname;
      const n = (counters.get(path) ?? 0) + 1;
      counters.set(path, n);
      const handler = handlers[path];
      if (handler) handler(req, res, n);
      else {
        res.statusCode = 404;
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  bench = await startBench({
    files: {
      'call-echo/workflow.json': workflow({
        actions: {
          Call: http({ method: 'POST', uri: `${stubUrl}/echo`, queries: { q: "@triggerBody()?['q']" }, headers: { 'x-tag': 'tb' }, body: { sent: '@triggerBody()' }, authentication: { type: 'Basic', username: 'user', password: 'secret' } }),
          Answer: response({ statusCode: 200, body: { status: "@outputs('Call')['statusCode']", body: "@body('Call')" } }, { Call: ['Succeeded'] }),
        },
      }),
      'retry/workflow.json': workflow({
        actions: {
          Call: http({ method: 'GET', uri: `${stubUrl}/flaky`, retryPolicy: { type: 'fixed', count: 3, interval: 'PT0.05S' } }),
          Answer: response({ statusCode: 200, body: "@body('Call')" }, { Call: ['Succeeded'] }),
        },
      }),
      'no-retry/workflow.json': workflow({
        actions: {
          Call: http({ method: 'GET', uri: `${stubUrl}/broken`, retryPolicy: { type: 'none' } }),
          Failed: response({ statusCode: 502, body: { code: "@actions('Call')?['error']?['code']", upstream: "@body('Call')" } }, { Call: ['Failed'] }),
        },
      }),
      'timeout/workflow.json': workflow({
        actions: {
          Call: http({ method: 'GET', uri: `${stubUrl}/slow`, retryPolicy: { type: 'none' } }, { limit: { timeout: 'PT0.3S' } }),
          TimedOut: response({ statusCode: 504, body: "@actions('Call')?['status']" }, { Call: ['TimedOut'] }),
        },
      }),
      'async/workflow.json': workflow({
        actions: {
          Call: http({ method: 'POST', uri: `${stubUrl}/job` }),
          Answer: response({ statusCode: 200, body: "@body('Call')" }, { Call: ['Succeeded'] }),
        },
      }),
      'call-self/workflow.json': workflow({
        actions: {
          Call: http({ method: 'POST', uri: "@triggerBody()?['url']", body: { hello: 'from parent' } }),
          Answer: response({ statusCode: 200, body: { status: "@outputs('Call')['statusCode']", body: "@body('Call')" } }, { Call: ['Succeeded'] }),
        },
      }),
      'child/workflow.json': workflow({ actions: { Reply: response({ statusCode: 201, body: { child: 'yes', got: '@triggerBody()' } }) } }),
      'parent/workflow.json': workflow({
        actions: {
          Invoke: { type: 'Workflow', inputs: { host: { workflow: { id: 'child' }, triggerName: 'manual' }, body: { n: 7 } }, runAfter: {} },
          Missing: { type: 'Workflow', inputs: { host: { workflow: { id: '/subscriptions/x/resourceGroups/y/providers/Microsoft.Logic/workflows/nope' }, triggerName: 'manual' } }, runAfter: {} },
          Answer: response({ statusCode: 200, body: { status: "@outputs('Invoke')['statusCode']", body: "@body('Invoke')", missing: "@actions('Missing')?['error']?['code']" } }, { Invoke: ['Succeeded'], Missing: ['Failed'] }),
        },
      }),
      'mocked/workflow.json': mockedWorkflow(),
      'mocked/mocks.json': { actions: { Get_blob: { status: 'Succeeded', outputs: { body: { content: 'hello from the mock' } } } } },
    },
  });
}, 30_000);

afterAll(async () => {
  await bench?.close();
  await new Promise((resolve) => stub?.close(resolve));
});

const post = (body: unknown) => ({ headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('Http action', () => {
  it('sends method, uri, queries, headers, a JSON body and Basic auth; outputs statusCode, headers and the parsed body', async () => {
    const { reply, run } = await bench.callAndRun(bench.url('call-echo'), post({ q: 'find me' }));
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ status: 200, body: { ok: true, query: 'find me' } });
    const request = seen.find((s) => s.url.startsWith('/echo'))!;
    expect(request.method).toBe('POST');
    expect(request.headers['x-tag']).toBe('tb');
    expect(request.headers['content-type']).toMatch(/^application\/json/);
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from('user:secret').toString('base64')}`);
    expect(JSON.parse(request.body)).toEqual({ sent: { q: 'find me' } });
    // The run view shows inputs with the password sanitised, as Azure does.
    const call = run.actions.find((a) => a.name === 'Call')!;
    expect(call.inputs).toMatchObject({ method: 'POST', authentication: { type: 'Basic', username: 'user', password: '*sanitized*' } });
    expect(JSON.stringify(call.inputs)).not.toContain('secret');
    expect(call.outputs).toMatchObject({ statusCode: 200, body: { ok: true } });
  });

  it('a fixed retry policy retries 5xx and records each earlier try in retryHistory', async () => {
    const { reply, run } = await bench.callAndRun(bench.url('retry'), post({}));
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('third time lucky');
    const call = run.actions.find((a) => a.name === 'Call')!;
    expect(call.retryHistory?.map((r) => r.code)).toEqual(['503', '503']);
  });

  it('retry policy none: a 500 fails the action at once with the status as its code; a Failed branch answers', async () => {
    const before = counters.get('/broken') ?? 0;
    const { reply, run } = await bench.callAndRun(bench.url('no-retry'), post({}));
    expect(reply.status).toBe(502);
    expect(reply.json()).toEqual({ code: 'InternalServerError', upstream: { error: 'boom' } });
    expect((counters.get('/broken') ?? 0) - before).toBe(1);
    expect(run.status).toBe('Succeeded');
  });

  it('limit.timeout ends a call that does not answer: the action is TimedOut and a TimedOut branch runs', async () => {
    const { reply, run } = await bench.callAndRun(bench.url('timeout'), post({}));
    expect(reply.status).toBe(504);
    expect(reply.text).toBe('TimedOut');
    expect(run.actions.find((a) => a.name === 'Call')).toMatchObject({ status: 'TimedOut', error: { code: 'ActionTimedOut' } });
  });

  it('follows the asynchronous pattern: 202 + Location is polled until the operation answers', async () => {
    const { reply } = await bench.callAndRun(bench.url('async'), post({}));
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ done: true });
    expect(counters.get('/job/status')).toBe(2);
  });

  it("calls a callback URL of this workspace over HTTPS (the local CA is trusted), as one logic app calling another", async () => {
    const { reply } = await bench.callAndRun(bench.url('call-self'), post({ url: bench.url('child') }));
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ status: 201, body: { child: 'yes', got: { hello: 'from parent' } } });
  });
});

describe('Workflow action', () => {
  it("calls a child workflow through its Request trigger and gives the child's response; an unknown child fails clearly", async () => {
    const { reply, run } = await bench.callAndRun(bench.url('parent'), post({}));
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ status: 201, body: { child: 'yes', got: { n: 7 } }, missing: 'WorkflowNotFound' });
    expect(run.actions.find((a) => a.name === 'Missing')!.error!.message).toContain("'nope'");
  });
});

describe('connector stand-ins', () => {
  it('mocks.json supplies a ServiceProvider action by name; a static result supplies an ApiConnection action', async () => {
    const { reply, run } = await bench.callAndRun(bench.url('mocked'), post({}));
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ blob: 'hello from the mock', sent: 'OK' });
    expect(run.actions.find((a) => a.name === 'Get_blob')).toMatchObject({ status: 'Succeeded', mocked: 'mockFile' });
    expect(run.actions.find((a) => a.name === 'Send_message')).toMatchObject({ status: 'Succeeded', mocked: 'staticResult' });
  });

  it('an edited mocks.json is used by the next run; a broken one fails the action saying what to fix', async () => {
    await bench.write('mocked/mocks.json', { actions: { Get_blob: { status: 'Failed', error: { code: 'BlobNotFound', message: 'no such blob' } } } });
    const failed = await bench.callAndRun(bench.url('mocked'), post({}));
    expect(failed.reply.status).toBe(502);
    expect(failed.run.actions.find((a) => a.name === 'Get_blob')).toMatchObject({ status: 'Failed', error: { code: 'BlobNotFound' } });
    await bench.write('mocked/mocks.json', '{ "actions": ');
    const broken = await bench.callAndRun(bench.url('mocked'), post({}));
    expect(broken.run.actions.find((a) => a.name === 'Get_blob')).toMatchObject({ status: 'Failed', error: { code: 'InvalidMockFile' } });
    expect(broken.run.actions.find((a) => a.name === 'Get_blob')!.error!.message).toContain('mocks.json is not valid JSON');
  });
});

/** True when the openssl command is there to make a PKCS#12 client certificate. */
function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const OPENSSL = hasOpenssl();

describe(`Http action with a client certificate${OPENSSL ? '' : ' (skipped: the openssl command is not installed, so no PKCS#12 file can be made)'}`, () => {
  it.skipIf(!OPENSSL)('presents the PFX to a server that requires one; a wrong password fails clearly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tb-client-cert-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=triggerbench-client'], { stdio: 'ignore' });
      execFileSync('openssl', ['pkcs12', '-export', '-inkey', join(dir, 'key.pem'), '-in', join(dir, 'cert.pem'), '-out', join(dir, 'client.pfx'), '-passout', 'pass:s3cret'], { stdio: 'ignore' });
      const clientCert = readFileSync(join(dir, 'cert.pem'), 'utf8');
      const pfx = readFileSync(join(dir, 'client.pfx')).toString('base64');
      // The server uses the workbench's own leaf (so the Http action trusts it through the
      // local CA) and accepts only this client certificate.
      const server = createHttpsServer({ key: bench.wb.tls.key[0], cert: bench.wb.tls.cert[0], requestCert: true, rejectUnauthorized: true, ca: [clientCert] }, (req, res) => {
        const peer = (req.socket as TLSSocket).getPeerCertificate();
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ client: peer.subject?.CN }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `https://localhost:${(server.address() as AddressInfo).port}/whoami`;
      const call = (password: string) => ({ type: 'Http', inputs: { method: 'GET', uri: url, authentication: { type: 'ClientCertificate', pfx, password }, retryPolicy: { type: 'none' } }, runAfter: {} });
      await bench.write(
        'client-cert/workflow.json',
        workflow({
          actions: {
            Good: call('s3cret'),
            Bad: call('wrong'),
            Answer: response({ statusCode: 200, body: { good: "@body('Good')", bad: "@actions('Bad')?['error']?['code']" } }, { Good: ['Succeeded'], Bad: ['Failed'] }),
          },
        }),
      );
      await bench.wb.openWorkspace(bench.root);
      try {
        const { reply, run } = await bench.callAndRun(bench.url('client-cert'), post({}));
        expect(reply.json()).toEqual({ good: { client: 'triggerbench-client' }, bad: 'InvalidClientCertificate' });
        expect(JSON.stringify(run.actions.find((a) => a.name === 'Good')!.inputs)).not.toContain(pfx.slice(0, 40));
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
