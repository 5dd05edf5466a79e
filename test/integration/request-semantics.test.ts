import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_TENANT_ID } from '../../src-main/auth/local-issuer.ts';
import { startBench, type Bench } from './helpers/bench.ts';
import { errorOf, withPath, withQuery, withoutSas } from './helpers/https-client.ts';
import { aadPolicy, response, workflow } from './helpers/workflows.ts';

// docs/logic-apps-behaviour.md §2: what the trigger hands the workflow, seen through Response bodies.

const ISSUER = `https://sts.windows.net/${LOCAL_TENANT_ID}/`;
const outputs = (expression: string) => ({ Response: response({ statusCode: 200, body: expression }) });

let bench: Bench;

beforeAll(async () => {
  bench = await startBench({
    files: {
      'address/workflow.json': workflow({ inputs: { method: 'POST', relativePath: '/address/{postalCode}' }, actions: outputs("@triggerOutputs()['relativePathParameters']") }),
      'area/workflow.json': workflow({
        inputs: { method: 'GET', relativePath: '{width}/{height}' },
        actions: outputs("@mul(int(triggerOutputs()['relativePathParameters']['width']), int(triggerOutputs()['relativePathParameters']['height']))"),
      }),
      'outputs/workflow.json': workflow({ inputs: {}, actions: outputs('@triggerOutputs()') }),
      'bearer-headers/workflow.json': workflow({ actions: outputs("@triggerOutputs()['headers']") }),
      'bearer-headers/access-control.json': aadPolicy(ISSUER, 'api://x'),
      'bearer-keep/workflow.json': workflow({ operationOptions: 'IncludeAuthorizationHeadersInOutputs', actions: outputs("@triggerOutputs()['headers']") }),
      'bearer-keep/access-control.json': aadPolicy(ISSUER, 'api://x'),
      'form/workflow.json': workflow({ actions: outputs("@triggerFormDataValue('name')") }),
      'form-many/workflow.json': workflow({ actions: outputs("@triggerFormDataMultiValues('tag')") }),
      'multipart/workflow.json': workflow({ actions: outputs('@triggerMultipartBody(1)') }),
      'gated/workflow.json': workflow({ conditions: [{ expression: "@equals(triggerBody()?['go'], true)" }] }),
    },
  });
}, 30_000);

afterAll(() => bench?.close());

const JSON_HEADERS = { 'Content-Type': 'application/json' };

describe('relativePath parameters', () => {
  it('/address/{postalCode} gives the value, percent-decoded', async () => {
    const reply = await bench.call(withPath(bench.url('address'), 'address/98052'), { headers: JSON_HEADERS, body: '{}' });
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ postalCode: '98052' });
    const spaced = await bench.call(withPath(bench.url('address'), 'address/SW1A%201AA'), { headers: JSON_HEADERS, body: '{}' });
    expect(spaced.json()).toEqual({ postalCode: 'SW1A 1AA' });
  });

  it('{width}/{height} (no leading slash) feeds an expression', async () => {
    const reply = await bench.call(withPath(bench.url('area'), '3/4'), { method: 'GET' });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('12');
  });

  it.each([
    ['a path with another literal', 'addr/98052'],
    ['a path with too many segments', 'address/98052/extra'],
    ['no path at all', ''],
  ])('%s is 404 TriggerRelativePathNotMatched', async (_what, relative) => {
    const url = relative ? withPath(bench.url('address'), relative) : bench.url('address');
    const reply = await bench.call(url, { headers: JSON_HEADERS, body: '{}' });
    expect(reply.status).toBe(404);
    expect(errorOf(reply).code).toBe('TriggerRelativePathNotMatched');
  });

  it('a trigger without relativePath refuses a path after /invoke', async () => {
    const reply = await bench.call(withPath(bench.url('outputs'), 'extra'));
    expect(reply.status).toBe(404);
    expect(errorOf(reply).code).toBe('TriggerRelativePathNotMatched');
  });
});

describe('trigger outputs', () => {
  it('queries hold the query string without sp, sv, sig and se', async () => {
    const url = withQuery(bench.url('outputs', 'primary', new Date(Date.now() + 600_000)), { color: 'red', n: '1' });
    const reply = await bench.call(url, { headers: JSON_HEADERS, body: '{}' });
    const { queries, relativePathParameters } = reply.json<{ queries: Record<string, string>; relativePathParameters: object }>();
    expect(queries).toMatchObject({ color: 'red', n: '1' });
    for (const sas of ['sp', 'sv', 'sig', 'se']) expect(queries).not.toHaveProperty(sas);
    expect(relativePathParameters).toEqual({});
  });

  it('queries are decoded as URL query parameters: +, percent-escapes, UTF-8, a second ?, empty values', async () => {
    const url = `${bench.url('outputs')}&q=a%2Bb+c&word=%C3%A9t%C3%A9&odd=x?y&empty=&flag&bad=%zz`;
    const reply = await bench.call(url, { headers: JSON_HEADERS, body: '{}' });
    expect(reply.status).toBe(200);
    const { queries } = reply.json<{ queries: Record<string, string> }>();
    expect(queries).toEqual({ 'api-version': '2022-05-01', q: 'a+b c', word: 'été', odd: 'x?y', empty: '', flag: '', bad: '%zz' });
  });

  it('no method in the trigger accepts any method', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const reply = await bench.call(bench.url('outputs'), { method });
      expect(reply.status, method).toBe(200);
    }
  });

  it('headers keep their names and values; Authorization is removed', async () => {
    const { token } = await bench.wb.mintToken({ aud: 'api://x' });
    const reply = await bench.call(withoutSas(bench.url('bearer-headers')), { headers: { Authorization: `Bearer ${token}`, 'X-Request-Tag': 'abc' } });
    expect(reply.status).toBe(200);
    const headers = reply.json<Record<string, string>>();
    expect(headers['X-Request-Tag'] ?? headers['x-request-tag']).toBe('abc');
    expect(Object.keys(headers).map((h) => h.toLowerCase())).not.toContain('authorization');
    expect(reply.text).not.toContain(token);
  });

  it('Authorization stays in the outputs with IncludeAuthorizationHeadersInOutputs', async () => {
    const { token } = await bench.wb.mintToken({ aud: 'api://x' });
    const reply = await bench.call(withoutSas(bench.url('bearer-keep')), { headers: { Authorization: `Bearer ${token}` } });
    expect(reply.status).toBe(200);
    const headers = reply.json<Record<string, string>>();
    const name = Object.keys(headers).find((h) => h.toLowerCase() === 'authorization');
    expect(name && headers[name]).toBe(`Bearer ${token}`);
  });
});

describe('body by content type', () => {
  const bodyOf = async (contentType: string | undefined, payload: string | Buffer) => {
    const reply = await bench.call(bench.url('outputs'), { headers: contentType ? { 'Content-Type': contentType } : {}, body: payload });
    expect(reply.status).toBe(200);
    return reply.json<{ body: unknown }>().body;
  };

  it('application/json is parsed', async () => {
    expect(await bodyOf('application/json', '{"a":[1,2],"b":null}')).toEqual({ a: [1, 2], b: null });
  });

  it('application/<x>+json is parsed', async () => {
    expect(await bodyOf('application/vnd.order+json; charset=utf-8', '{"id":7}')).toEqual({ id: 7 });
  });

  it('text/plain stays a string (its charset honoured)', async () => {
    expect(await bodyOf('text/plain', 'just text')).toBe('just text');
    expect(await bodyOf('text/plain; charset=iso-8859-1', Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toBe('café');
  });

  it('application/octet-stream is kept as $content-type and base64 $content', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    expect(await bodyOf('application/octet-stream', bytes)).toEqual({ '$content-type': 'application/octet-stream', $content: bytes.toString('base64') });
  });

  it('an empty body is null', async () => {
    expect(await bodyOf('application/json', '')).toBeNull();
  });

  it('form-urlencoded is read with triggerFormDataValue and triggerFormDataMultiValues', async () => {
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const one = await bench.call(bench.url('form'), { headers: form, body: 'name=Ann+Lee&city=Oslo%20Sentrum' });
    expect(one.status).toBe(200);
    expect(one.text).toBe('Ann Lee');
    const many = await bench.call(bench.url('form-many'), { headers: form, body: 'tag=a&tag=b&other=c' });
    expect(many.json()).toEqual(['a', 'b']);
    // More than one value for triggerFormDataValue is an error (docs/logic-apps-behaviour.md §2): no Response runs.
    const twice = await bench.callAndRun(bench.url('form'), { headers: form, body: 'name=a&name=b' });
    expect(twice.reply.status).toBe(502);
    expect(twice.run.actions[0]).toMatchObject({ name: 'Response', status: 'Failed' });
  });

  it('multipart parts are read with triggerMultipartBody(i)', async () => {
    const boundary = 'XyZ123';
    const payload = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="meta"',
      'Content-Type: application/json',
      '',
      '{"id":1}',
      `--${boundary}`,
      'Content-Disposition: form-data; name="note"; filename="note.txt"',
      'Content-Type: text/plain',
      '',
      'second part',
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const reply = await bench.call(bench.url('multipart'), { headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` }, body: payload });
    expect(reply.status).toBe(200);
    // The part is { $content-type, $content }; a Response sends such a body as its bytes and type.
    expect(reply.headers['content-type']).toBe('text/plain');
    expect(reply.text).toBe('second part');
  });

  it('invalid JSON sent as application/json is 400', async () => {
    const reply = await bench.call(bench.url('outputs'), { headers: JSON_HEADERS, body: '{"a":' });
    expect(reply.status).toBe(400);
    const error = errorOf(reply);
    expect(error.code).toBe('InvalidRequestContent');
    expect(error.message).toMatch(/not valid JSON/);
  });
});

describe('trigger conditions', () => {
  it('a false condition answers 202, starts no run, and is recorded as Skipped', async () => {
    const { reply, run } = await bench.callAndRun(bench.url('gated'), { headers: JSON_HEADERS, body: '{"go":false}' });
    expect(reply.status).toBe(202);
    expect(reply.body.length).toBe(0);
    expect(run.status).toBe('Skipped');
    expect(run.actions).toEqual([]);
    expect(run.error?.code).toBe('TriggerConditionNotMet');
    expect(run.triggerOutputs).toMatchObject({ body: { go: false } });
  });

  it('a true condition runs the workflow', async () => {
    const { reply, run } = await bench.callAndRun(bench.url('gated'), { headers: JSON_HEADERS, body: '{"go":true}' });
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ go: true });
    expect(run.status).toBe('Succeeded');
  });
});
