import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_TENANT_ID } from '../../src-main/auth/local-issuer.ts';
import { startBench, type Bench } from './helpers/bench.ts';
import { errorOf, withPath, withQuery, withoutSas } from './helpers/https-client.ts';
import { aadPolicy, response, wait, workflow } from './helpers/workflows.ts';

// docs/logic-apps-behaviour.md §3: every row of the error table, over real HTTPS.

const ISSUER = `https://sts.windows.net/${LOCAL_TENANT_ID}/`;
const PERSON_SCHEMA = { type: 'object', required: ['name'], properties: { name: { type: 'string' } } };

let bench: Bench;

beforeAll(async () => {
  bench = await startBench({
    files: {
      'echo/workflow.json': workflow(),
      'paths/workflow.json': workflow({
        inputs: { method: 'POST', relativePath: '/address/{postalCode}' },
        actions: { Response: response({ statusCode: 200, body: "@triggerOutputs()['relativePathParameters']" }) },
      }),
      'validated/workflow.json': workflow({ inputs: { method: 'POST', schema: PERSON_SCHEMA }, operationOptions: 'EnableSchemaValidation' }),
      'unvalidated/workflow.json': workflow({ inputs: { method: 'POST', schema: PERSON_SCHEMA } }),
      'off/workflow.json': workflow(),
      'sasoff/workflow.json': workflow(),
      'sasoff/access-control.json': aadPolicy(ISSUER, 'api://x', { sasAuthenticationPolicy: { state: 'Disabled' } }),
      'oauth/workflow.json': workflow(),
      'oauth/access-control.json': aadPolicy(ISSUER, 'api://x'),
      'fenced/workflow.json': workflow(),
      'fenced/access-control.json': { triggers: { allowedCallerIpAddresses: [{ addressRange: '10.0.0.0/8' }, { addressRange: '192.168.1.1-192.168.1.9' }] } },
      'queue/workflow.json': workflow({
        runtimeConfiguration: { concurrency: { runs: 1, maximumWaitingRuns: 1 } },
        actions: { Hold: wait(3) },
      }),
      'local.settings.json': { IsEncrypted: false, Values: { 'Workflows.off.FlowState': 'Disabled' } },
    },
  });
  expect(bench.wb.issuer.issuer).toBe(ISSUER);
}, 30_000);

afterAll(() => bench?.close());

async function refused(url: string, options: Parameters<Bench['call']>[1] = {}) {
  const reply = await bench.call(url, { headers: { 'Content-Type': 'application/json' }, body: '{"name":"Ann"}', ...options });
  expect(reply.headers['content-type']).toMatch(/^application\/json/);
  return { status: reply.status, ...errorOf(reply), reply };
}

describe('SAS parameters', () => {
  it.each(['sp', 'sv', 'sig'])('a URL without %s is 401 AuthorizationFailed with the documented message', async (name) => {
    const error = await refused(withQuery(bench.url('echo'), { [name]: null }));
    expect(error).toMatchObject({
      status: 401,
      code: 'AuthorizationFailed',
      message: "Required parameters for shared access URL are permissions ('sp'), version ('sv'), and signature ('sig').",
    });
  });

  it('no SAS and no token is 401 DirectApiAuthorizationRequired', async () => {
    expect(await refused(withoutSas(bench.url('echo')))).toMatchObject({ status: 401, code: 'DirectApiAuthorizationRequired' });
  });

  it('SAS and an Authorization header together is 400 DirectApiRequestHasMoreThanOneAuthorization', async () => {
    const token = (await bench.wb.mintToken({ aud: 'api://x' })).token;
    const error = await refused(bench.url('oauth'), { headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } });
    expect(error).toMatchObject({ status: 400, code: 'DirectApiRequestHasMoreThanOneAuthorization' });
    expect(error.message).not.toContain(token);
  });

  it('SAS while sasAuthenticationPolicy is Disabled is 401 DirectApiInvalidAuthorizationScheme', async () => {
    expect(await refused(bench.url('sasoff'))).toMatchObject({ status: 401, code: 'DirectApiInvalidAuthorizationScheme' });
  });

  it('a wrong signature is 401 with a code, and the message never echoes the signature', async () => {
    const good = new URL(bench.url('echo')).searchParams.get('sig')!;
    const bad = `${good.slice(0, -4)}${good.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    const error = await refused(withQuery(bench.url('echo'), { sig: bad }));
    expect(error).toMatchObject({ status: 401, code: 'SasSignatureMismatch' });
    expect(error.message).toMatch(/does not match/);
    expect(error.message).not.toContain(bad);
    expect(error.message).not.toContain(good);
  });

  it('a URL signed for another workflow is refused', async () => {
    const other = new URL(bench.url('unvalidated')).searchParams.get('sig')!;
    expect(await refused(withQuery(bench.url('echo'), { sig: other }))).toMatchObject({ status: 401, code: 'SasSignatureMismatch' });
  });

  it('the secondary key signs URLs that work, and the run says which key admitted it', async () => {
    const { reply, run } = await bench.callAndRun(bench.url('echo', 'secondary'), { headers: { 'Content-Type': 'application/json' }, body: '{"k":2}' });
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ k: 2 });
    expect(run.auth).toEqual({ scheme: 'SAS', keyType: 'secondary' });
  });

  it('regenerating a key invalidates the URLs it signed and only those', async () => {
    const oldPrimary = bench.url('echo', 'primary');
    const secondary = bench.url('echo', 'secondary');
    expect((await bench.call(oldPrimary)).status).toBe(200);
    await bench.wb.regenerateKey('primary');
    expect(await refused(oldPrimary)).toMatchObject({ status: 401, code: 'SasSignatureMismatch' });
    const newPrimary = bench.url('echo', 'primary');
    expect(newPrimary).not.toBe(oldPrimary);
    expect((await bench.call(newPrimary)).status).toBe(200);
    expect((await bench.call(secondary)).status).toBe(200);
  });

  it('an expired se is 401; a future se works', async () => {
    const expired = bench.url('echo', 'primary', new Date(Date.now() - 60_000));
    expect(new URL(expired).searchParams.get('se')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    expect(await refused(expired)).toMatchObject({ status: 401, code: 'SasUrlExpired' });
    expect((await bench.call(bench.url('echo', 'primary', new Date(Date.now() + 3_600_000)))).status).toBe(200);
  });

  it('changing se on a signed URL breaks the signature (the expiry is signed)', async () => {
    const url = bench.url('echo', 'primary', new Date(Date.now() + 60_000));
    const extended = withQuery(url, { se: new Date(Date.now() + 86_400_000).toISOString() });
    expect((await refused(extended)).status).toBe(401);
  });
});

describe('Bearer rows', () => {
  it('a token that matches no policy is 401 MisMatchingOAuthClaims', async () => {
    const { token } = await bench.wb.mintToken({ aud: 'api://other' });
    const error = await refused(withoutSas(bench.url('oauth')), { headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } });
    expect(error).toMatchObject({ status: 401, code: 'MisMatchingOAuthClaims' });
    expect(error.message).not.toContain(token);
  });
});

describe('workflow rules', () => {
  it("the wrong method is 405 TriggerRequestMethodNotValid with an Allow header", async () => {
    const error = await refused(bench.url('echo'), { method: 'GET', body: undefined });
    expect(error).toMatchObject({ status: 405, code: 'TriggerRequestMethodNotValid' });
    expect(error.message).toContain("expected 'POST' and actual 'GET'");
    expect(error.reply.headers.allow).toBe('POST');
  });

  it('a body that fails the schema with EnableSchemaValidation is 400 TriggerInputSchemaMismatch naming what failed', async () => {
    const error = await refused(bench.url('validated'), { body: '{"name":42}' });
    expect(error).toMatchObject({ status: 400, code: 'TriggerInputSchemaMismatch' });
    expect(error.message).toContain("'name'");
    const missing = await refused(bench.url('validated'), { body: '{}' });
    expect(missing).toMatchObject({ status: 400, code: 'TriggerInputSchemaMismatch' });
    expect(missing.message).toContain("Required properties are missing from object: name. Path ''.");
    expect((await bench.call(bench.url('validated'), { headers: { 'Content-Type': 'application/json' }, body: '{"name":"Ann"}' })).status).toBe(200);
  });

  it('without EnableSchemaValidation the schema only describes the body', async () => {
    const reply = await bench.call(bench.url('unvalidated'), { headers: { 'Content-Type': 'application/json' }, body: '{"name":42}' });
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ name: 42 });
  });

  it('a workflow disabled in local.settings.json is 400 WorkflowTriggerIsNotEnabled', async () => {
    const error = await refused(bench.url('off'));
    expect(error).toMatchObject({ status: 400, code: 'WorkflowTriggerIsNotEnabled' });
    expect(error.message).toContain('Workflows.off.FlowState');
  });

  it('a caller IP outside allowedCallerIpAddresses is 401 and the message names the caller', async () => {
    const error = await refused(bench.url('fenced'));
    expect(error).toMatchObject({ status: 401, code: 'ClientIpAddressNotAllowed' });
    expect(error.message).toContain('127.0.0.1');
  });

  it('beyond runs + maximumWaitingRuns the call is 429 with a clear code', async () => {
    // Run 1 holds the only place (no Response: 202 as soon as it runs); of the next two
    // calls one waits and the other finds the queue full.
    const first = await bench.call(bench.url('queue'));
    expect(first.status).toBe(202);
    const next = [0, 1].map((index) => bench.call(bench.url('queue')).then((reply) => ({ reply, index })));
    const quick = await Promise.race(next);
    expect(quick.reply.status).toBe(429);
    expect(errorOf(quick.reply).code).toBe('WorkflowRunsQueueFull');
    expect(quick.reply.headers['retry-after']).toBe('1');
    // The waiting call runs once the first run ends.
    const waited = await next[1 - quick.index]!;
    expect(waited.reply.status).toBe(202);
  }, 20_000);
});

describe('routing and limits', () => {
  it('an unknown workflow is 404 WorkflowNotFound; an unknown trigger is 404 WorkflowTriggerNotFound', async () => {
    const url = bench.url('echo');
    expect(await refused(url.replace('/api/echo/', '/api/nope/'))).toMatchObject({ status: 404, code: 'WorkflowNotFound' });
    expect(await refused(url.replace('/triggers/manual/', '/triggers/other/'))).toMatchObject({ status: 404, code: 'WorkflowTriggerNotFound' });
    expect(await refused(url.replace('/invoke?', '/run?'))).toMatchObject({ status: 404, code: 'NotFound' });
  });

  it('a body declared over 100 MB is 413 before it is read, and the connection is closed', async () => {
    const agent = new https.Agent({ keepAlive: true });
    try {
      const reply = await bench.call(bench.url('echo'), {
        agent,
        headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': 104_857_601 },
        partialBody: Buffer.alloc(1024, 1),
      });
      expect(reply.status).toBe(413);
      expect(errorOf(reply).code).toBe('RequestContentTooLarge');
      expect(reply.headers.connection).toBe('close');
      await reply.socketClosed;
    } finally {
      agent.destroy();
    }
  });

  it('Expect: 100-continue: a body over the limit is refused without inviting it; a good call is invited', async () => {
    const refused = await bench.call(bench.url('echo'), { expectContinue: true, headers: { 'Content-Type': 'application/json', 'Content-Length': 200_000_000 } });
    expect(refused.status).toBe(413);
    expect(refused.continued).toBe(false);
    const unauthorized = await bench.call(withoutSas(bench.url('echo')), { expectContinue: true, headers: { 'Content-Type': 'application/json', 'Content-Length': 2 }, body: '{}' });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.continued).toBe(false);
    const accepted = await bench.call(bench.url('echo'), { expectContinue: true, headers: { 'Content-Type': 'application/json' }, body: '{"big":"enough"}' });
    expect(accepted.continued).toBe(true);
    expect(accepted.status).toBe(200);
    expect(accepted.json()).toEqual({ big: 'enough' });
  });

  it('a URL over 16,384 characters is 414', async () => {
    const url = withQuery(bench.url('echo'), { pad: 'x'.repeat(16_400) });
    const reply = await bench.call(url);
    expect(reply.status).toBe(414);
    expect(errorOf(reply).code).toBe('RequestUrlTooLong');
    const atLimit = withQuery(bench.url('echo'), { pad: '' });
    const path = new URL(atLimit);
    const fill = 16_384 - (path.pathname.length + path.search.length);
    expect((await bench.call(withQuery(bench.url('echo'), { pad: 'x'.repeat(fill) }))).status).toBe(200);
  });

  it('a URL too long even to parse (over 64 KiB) still gets a JSON error naming the URL limit', async () => {
    const reply = await bench.call(withQuery(bench.url('echo'), { pad: 'x'.repeat(70_000) }));
    expect(reply.status).toBe(431);
    const error = errorOf(reply);
    expect(error.code).toBe('RequestHeaderFieldsTooLarge');
    expect(error.message).toContain('16384');
  });

  it('the Consumption URL shape routes, with the relative path after /paths/invoke', async () => {
    const standard = new URL(bench.url('paths'));
    const sas = new URLSearchParams(standard.search);
    sas.set('api-version', '2016-10-01');
    const base = `${standard.origin}/workflows/paths/triggers/manual/paths/invoke`;
    const reply = await bench.call(`${base}/address/98052?${sas}`, { headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ postalCode: '98052' });
    const echo = new URL(bench.url('echo'));
    const plain = await bench.call(`${echo.origin}/workflows/echo/triggers/manual/paths/invoke?${new URLSearchParams({ ...Object.fromEntries(echo.searchParams), 'api-version': '2016-10-01' })}`, {
      headers: { 'Content-Type': 'application/json' },
      body: '{"shape":"consumption"}',
    });
    expect(plain.status).toBe(200);
    expect(plain.json()).toEqual({ shape: 'consumption' });
    expect((await refused(withPath(bench.url('paths'), 'elsewhere/98052'))).code).toBe('TriggerRelativePathNotMatched');
  });
});
