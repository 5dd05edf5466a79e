import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBench, until, type Bench } from './helpers/bench.ts';
import { errorOf, withoutSas } from './helpers/https-client.ts';
import { compose, response, wait, workflow } from './helpers/workflows.ts';

// docs/logic-apps-behaviour.md §5: the Response action's rules as a caller sees them. The workbench
// runs with a 1 s timeout so the 504 case is quick; every other workflow answers at once.

const WORKFLOW_HEADERS = [
  'x-ms-workflow-run-id',
  'x-ms-correlation-id',
  'x-ms-client-tracking-id',
  'x-ms-trigger-history-name',
  'x-ms-workflow-name',
  'x-ms-workflow-version',
  'x-ms-tracking-id',
  'x-ms-request-id',
];
const JSON_BODY = { headers: { 'Content-Type': 'application/json' }, body: '{"hello":"world"}' };

let bench: Bench;

beforeAll(async () => {
  bench = await startBench({
    timeoutSeconds: 1,
    files: {
      'echo/workflow.json': workflow(),
      'quiet/workflow.json': workflow({ operationOptions: 'SuppressWorkflowHeadersOnResponse' }),
      'redirect/workflow.json': workflow({ actions: { Response: response({ statusCode: "@int('302')", body: 'moved' }) } }),
      'headers/workflow.json': workflow({
        actions: {
          Response: response({
            statusCode: 201,
            headers: {
              Allow: 'GET',
              'Content-Language': 'fr',
              'Content-Location': '/elsewhere',
              Cookie: 'a=b',
              Expires: 'Thu, 01 Jan 2099 00:00:00 GMT',
              'Last-Modified': 'Thu, 01 Jan 2015 00:00:00 GMT',
              'Set-Cookie': 'session=1',
              'Transfer-Encoding': 'chunked',
              'Content-Type': 'text/csv',
              'Content-Disposition': 'attachment; filename="a.csv"',
              'Content-Encoding': 'identity',
              'X-Custom': "@{triggerBody()?['hello']}",
            },
            body: 'a,b\n1,2\n',
          }),
        },
      }),
      'snowman/workflow.json': workflow({ actions: { Response: response({ statusCode: 200, headers: { 'X-Weather': '\u2603' }, body: 'snow' }) } }),
      'connector/workflow.json': workflow({
        actions: { Send_email: { type: 'ApiConnection', inputs: { host: { connection: { name: 'office365' } }, method: 'post', path: '/v2/Mail' }, runAfter: {} }, Response: response({ statusCode: 200 }, { Send_email: ['Succeeded'] }) },
      }),
      'split/workflow.json': workflow({ splitOn: "@triggerBody()?['items']", actions: { Echo: compose("@triggerBody()") } }),
      'split-response/workflow.json': workflow({ splitOn: '@triggerBody()', actions: { Response: response({ statusCode: 200, body: '@triggerBody()' }) } }),
      'object/workflow.json': workflow({ actions: { Response: response({ statusCode: 200, body: { a: 1, list: ['x'], nested: "@triggerBody()" } }) } }),
      'array/workflow.json': workflow({ actions: { Response: response({ statusCode: 200, body: [1, 'two'] }) } }),
      'string/workflow.json': workflow({ actions: { Response: response({ statusCode: 200, body: "Hello @{triggerBody()?['hello']}" }) } }),
      'typed/workflow.json': workflow({ actions: { Response: response({ statusCode: 200, headers: { 'Content-Type': 'application/problem+json' }, body: { title: 'typed' } }) } }),
      'typed-string/workflow.json': workflow({ actions: { Response: response({ statusCode: 200, headers: { 'content-type': 'application/xml' }, body: '<a/>' }) } }),
      'status/workflow.json': workflow({ actions: { Response: response({ statusCode: "@triggerBody()?['status']" }) } }),
      'later/workflow.json': workflow({ actions: { Hold: wait(1), Done: compose('done', { Hold: ['Succeeded'] }) } }),
      'slow/workflow.json': workflow({ actions: { Hold: wait(3), Response: response({ statusCode: 200, body: 'too late' }, { Hold: ['Succeeded'] }) } }),
      'skipped/workflow.json': workflow({
        actions: {
          Step: compose('ok'),
          OnFailure: response({ statusCode: 500, body: 'failed' }, { Step: ['Failed'] }),
          OnTimeout: response({ statusCode: 504, body: 'timed out' }, { Step: ['TimedOut'] }),
        },
      }),
      'twice/workflow.json': workflow({
        actions: {
          First: response({ statusCode: 201, body: 'first' }),
          Second: response({ statusCode: 200, body: 'second' }, { First: ['Succeeded'] }),
        },
      }),
    },
  });
}, 30_000);

afterAll(() => bench?.close());

describe('statusCode', () => {
  it('a 3xx status fails the Response action and the caller gets 502 NoResponse', async () => {
    const { reply, run } = await bench.callAndRun(bench.url('redirect'), JSON_BODY);
    expect(reply.status).toBe(502);
    expect(errorOf(reply).code).toBe('NoResponse');
    expect(reply.headers.location).toBeUndefined();
    expect(run.status).toBe('Failed');
    expect(run.actions.find((a) => a.name === 'Response')).toMatchObject({ status: 'Failed', error: { code: 'InvalidResponseStatusCode' } });
  });

  it.each([200, 201, 204, 400, 404, 418, 500, 503])('%i from an expression is sent as is', async (status) => {
    const reply = await bench.call(bench.url('status'), { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ status }) });
    expect(reply.status).toBe(status);
  });

  it('a statusCode expression that gives no number fails the Response (502)', async () => {
    const reply = await bench.call(bench.url('status'), { headers: { 'Content-Type': 'application/json' }, body: '{"status":"abc"}' });
    expect(reply.status).toBe(502);
  });
});

describe('headers', () => {
  it('drops Allow, Content-* (except Type, Disposition, Encoding), Cookie, Expires, Last-Modified, Set-Cookie, Transfer-Encoding; keeps the rest', async () => {
    const { reply, run } = await bench.callAndRun(bench.url('headers'), JSON_BODY);
    expect(reply.status).toBe(201);
    for (const dropped of ['allow', 'content-language', 'content-location', 'cookie', 'expires', 'last-modified', 'set-cookie', 'transfer-encoding']) {
      expect(reply.headers[dropped], dropped).toBeUndefined();
    }
    expect(reply.headers['content-type']).toBe('text/csv');
    expect(reply.headers['content-disposition']).toBe('attachment; filename="a.csv"');
    expect(reply.headers['content-encoding']).toBe('identity');
    expect(reply.headers['x-custom']).toBe('world');
    expect(reply.headers['content-length']).toBe(String(Buffer.byteLength('a,b\n1,2\n')));
    expect(reply.text).toBe('a,b\n1,2\n');
    expect(run.status).toBe('Succeeded');
    // The run shows which headers were dropped, so the user learns why they are missing.
    const outputs = run.actions.find((a) => a.name === 'Response')!.outputs as { droppedHeaders?: string[] };
    expect(outputs.droppedHeaders).toEqual(expect.arrayContaining(['Allow', 'Set-Cookie', 'Transfer-Encoding', 'Content-Language']));
  });
  it('a header value HTTP cannot carry fails the Response with a clear error, and the caller still gets an answer (502)', async () => {
    const { reply, run } = await bench.callAndRun(bench.url('snowman'), JSON_BODY);
    expect(reply.status).toBe(502);
    expect(errorOf(reply).code).toBe('NoResponse');
    const action = run.actions.find((a) => a.name === 'Response')!;
    expect(action).toMatchObject({ status: 'Failed', error: { code: 'InvalidResponseHeaders' } });
    expect(action.error!.message).toContain("'X-Weather'");
    expect(action.error!.message).toContain('U+2603');
  });
});

describe('body', () => {
  it('an object is JSON with application/json', async () => {
    const reply = await bench.call(bench.url('object'), JSON_BODY);
    expect(reply.headers['content-type']).toMatch(/^application\/json(;|$)/);
    expect(reply.json()).toEqual({ a: 1, list: ['x'], nested: { hello: 'world' } });
  });

  it('an array is JSON with application/json', async () => {
    const reply = await bench.call(bench.url('array'), JSON_BODY);
    expect(reply.headers['content-type']).toMatch(/^application\/json(;|$)/);
    expect(reply.json()).toEqual([1, 'two']);
  });

  it('a string is text/plain', async () => {
    const reply = await bench.call(bench.url('string'), JSON_BODY);
    expect(reply.headers['content-type']).toMatch(/^text\/plain(;|$)/);
    expect(reply.text).toBe('Hello world');
  });

  it('a given Content-Type is kept, for an object and for a string', async () => {
    const typed = await bench.call(bench.url('typed'), JSON_BODY);
    expect(typed.headers['content-type']).toBe('application/problem+json');
    expect(typed.json()).toEqual({ title: 'typed' });
    const xml = await bench.call(bench.url('typed-string'), JSON_BODY);
    expect(xml.headers['content-type']).toBe('application/xml');
    expect(xml.text).toBe('<a/>');
  });
});

describe('timing', () => {
  it('without a Response action the caller gets 202 at once while the run goes on, recorded later as Succeeded', async () => {
    const started = Date.now();
    const reply = await bench.call(bench.url('later'), JSON_BODY);
    const answeredAfter = Date.now() - started;
    expect(reply.status).toBe(202);
    expect(reply.body.length).toBe(0);
    const id = reply.headers['x-ms-workflow-run-id'] as string;
    expect(id).toMatch(/^\d{29}CU\d{2}$/);
    // While the Wait goes on the history already shows the run, as Running.
    const running = await until(() => bench.wb.history.get(id), bench.wb.events, 'runs:changed', 'the Running record');
    expect(running.status).toBe('Running');
    expect(running.response?.status).toBe(202);
    const run = await bench.runWhere((r) => r.id === id);
    expect(run.status).toBe('Succeeded');
    expect(run.response?.status).toBe(202);
    expect(run.durationMs).toBeGreaterThanOrEqual(1000);
    expect(answeredAfter).toBeLessThan(run.durationMs!);
    expect(run.actions.map((a) => [a.name, a.status])).toEqual([
      ['Hold', 'Succeeded'],
      ['Done', 'Succeeded'],
    ]);
  });

  it('504 when no Response runs within the timeout; the late Response is recorded as Failed', async () => {
    const reply = await bench.call(bench.url('slow'), JSON_BODY);
    expect(reply.status).toBe(504);
    expect(errorOf(reply).code).toBe('GatewayTimeout');
    const id = reply.headers['x-ms-workflow-run-id'] as string;
    expect(id).toMatch(/^\d{29}CU\d{2}$/);
    expect((await until(() => bench.wb.history.get(id), bench.wb.events, 'runs:changed', 'the Running record')).status).toBe('Running');
    const run = await bench.runWhere((r) => r.id === id);
    expect(run.response?.status).toBe(504);
    expect(run.actions.find((a) => a.name === 'Response')).toMatchObject({ status: 'Failed', error: { code: 'ActionResponseAlreadySent' } });
    expect(run.status).toBe('Failed');
  }, 15_000);

  it('all Response actions skipped: 502 NoResponse', async () => {
    const { reply, run } = await bench.callAndRun(bench.url('skipped'), JSON_BODY);
    expect(reply.status).toBe(502);
    expect(errorOf(reply).code).toBe('NoResponse');
    expect(run.actions.filter((a) => a.type === 'Response').map((a) => a.status)).toEqual(['Skipped', 'Skipped']);
  });

  it('two Responses: the caller gets the first, the second fails and so does the run', async () => {
    const { reply, run } = await bench.callAndRun(bench.url('twice'), JSON_BODY);
    expect(reply.status).toBe(201);
    expect(reply.text).toBe('first');
    expect(run.status).toBe('Failed');
    expect(run.actions.find((a) => a.name === 'First')?.status).toBe('Succeeded');
    expect(run.actions.find((a) => a.name === 'Second')).toMatchObject({ status: 'Failed', error: { code: 'ActionResponseAlreadySent' } });
    expect(run.response?.status).toBe(201);
  });
});

describe('connector actions without a stand-in', () => {
  it('fail with ConnectorNotAvailableOffline saying how to mock them; the Response after them is skipped, so the caller gets 502', async () => {
    const { reply, run } = await bench.callAndRun(bench.url('connector'), JSON_BODY);
    expect(reply.status).toBe(502);
    expect(errorOf(reply).message).toContain(run.id);
    expect(run.status).toBe('Failed');
    expect(run.actions.map((a) => [a.name, a.status, a.error?.code])).toEqual([
      ['Send_email', 'Failed', 'ConnectorNotAvailableOffline'],
      ['Response', 'Skipped', 'ActionConditionFailed'],
    ]);
    expect(run.actions[0]!.error!.message).toContain('mocks.json');
  });
});

describe('splitOn', () => {
  it('answers 202 at once and starts one run per item, each with the item as its trigger body', async () => {
    const tag = 'split-call';
    const reply = await bench.call(bench.url('split'), { headers: { 'Content-Type': 'application/json', 'x-test-call': tag }, body: '{"items":[{"n":1},{"n":2},{"n":3}]}' });
    expect(reply.status).toBe(202);
    expect(reply.headers['x-ms-workflow-run-id']).toBeUndefined();
    const runs = await Promise.all([1, 2, 3].map((n) => bench.runWhere((r) => r.request.headers['x-test-call'] === tag && (r.triggerOutputs as { body: { n: number } }).body.n === n, `split item ${n}`)));
    expect(new Set(runs.map((r) => r.id)).size).toBe(3);
    for (const [index, run] of runs.entries()) {
      expect(run.status).toBe('Succeeded');
      expect(run.actions[0]).toMatchObject({ name: 'Echo', status: 'Succeeded', outputs: { n: index + 1 } });
      expect(run.response?.status).toBe(202);
    }
  });

  it('a Response with a splitOn trigger is a load error (Azure refuses to save it), so the workflow is not callable', async () => {
    const loaded = bench.wb.workspaceView().workflows.find((w) => w.name === 'split-response')!;
    expect(loaded.callable).toBe(false);
    expect(loaded.problems.map((p) => p.code)).toContain('ResponseWithSplitOn');
    const { reply, run } = await bench.callAndRun(bench.wb.callbackUrl('split-response', 'primary'), { headers: { 'Content-Type': 'application/json' }, body: '["only"]' });
    expect(reply.status).toBe(400);
    expect(errorOf(reply).code).toBe('WorkflowNotCallable');
    expect(run.status).toBe('Rejected');
  });

  it('splitOn that gives no array is 400', async () => {
    const reply = await bench.call(bench.url('split'), { headers: { 'Content-Type': 'application/json' }, body: '{"items":5}' });
    expect(reply.status).toBe(400);
    expect(errorOf(reply)).toMatchObject({ code: 'InvalidTemplate' });
    expect(errorOf(reply).message).toContain('must give an array');
  });
});

describe('x-ms-* workflow headers', () => {
  it('are on a Response, and the run id is the recorded run', async () => {
    const { reply, run } = await bench.callAndRun(bench.url('echo'), JSON_BODY);
    for (const name of WORKFLOW_HEADERS) expect(reply.headers[name], name).toMatch(/\S/);
    expect(reply.headers['x-ms-workflow-run-id']).toBe(run.id);
    expect(reply.headers['x-ms-workflow-name']).toBe('echo');
    expect(reply.headers['x-ms-correlation-id']).toBe(run.correlationId);
  });

  it('on answers before a run: a refusal names the workflow but no run; an unknown workflow only has the ids (docs/runtime.md)', async () => {
    const refused = await bench.call(withoutSas(bench.url('echo')), JSON_BODY);
    expect(refused.status).toBe(401);
    const present = (reply: typeof refused) => WORKFLOW_HEADERS.filter((name) => reply.headers[name] !== undefined).sort();
    expect(present(refused)).toEqual(['x-ms-correlation-id', 'x-ms-request-id', 'x-ms-tracking-id', 'x-ms-workflow-name', 'x-ms-workflow-version']);
    expect(refused.headers['x-ms-workflow-name']).toBe('echo');
    const unknown = await bench.call(withoutSas(bench.url('echo')).replace('/api/echo/', '/api/ghost/'), JSON_BODY);
    expect(unknown.status).toBe(404);
    expect(present(unknown)).toEqual(['x-ms-correlation-id', 'x-ms-request-id', 'x-ms-tracking-id']);
  });

  it("carry the caller's x-ms-client-tracking-id", async () => {
    const reply = await bench.call(bench.url('echo'), { ...JSON_BODY, headers: { ...JSON_BODY.headers, 'x-ms-client-tracking-id': 'order-42' } });
    expect(reply.headers['x-ms-client-tracking-id']).toBe('order-42');
  });

  it('are on the 202 of a workflow without Response', async () => {
    const reply = await bench.call(bench.url('later'), JSON_BODY);
    for (const name of WORKFLOW_HEADERS) expect(reply.headers[name], name).toMatch(/\S/);
    const run = await bench.runWhere((r) => r.id === reply.headers['x-ms-workflow-run-id']);
    expect(reply.headers['x-ms-correlation-id']).toBe(run.correlationId);
  });

  it('are absent with SuppressWorkflowHeadersOnResponse', async () => {
    const reply = await bench.call(bench.url('quiet'), JSON_BODY);
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ hello: 'world' });
    expect(Object.keys(reply.headers).filter((name) => name.startsWith('x-ms-'))).toEqual([]);
  });
});
