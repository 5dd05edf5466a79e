import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBench, type Bench } from './helpers/bench.ts';
import { errorOf } from './helpers/https-client.ts';
import { response, wait, workflow } from './helpers/workflows.ts';

// docs/logic-apps-behaviour.md §5: a Response with operationOptions "Asynchronous" answers 202 with a
// Location at once; polling it gives 202 while the run goes on, then the Response.
let bench: Bench;

beforeAll(async () => {
  bench = await startBench({
    files: {
      'quick/workflow.json': workflow({ actions: { Response: response({ statusCode: 201, headers: { 'X-Done': 'yes' }, body: { echo: '@triggerBody()' } }, {}, { operationOptions: 'Asynchronous' }) } }),
      'slow/workflow.json': workflow({ actions: { Wait: wait(30), Response: response({ statusCode: 200 }, { Wait: ['Succeeded'] }, { operationOptions: 'Asynchronous' }) } }),
    },
  });
});
afterAll(() => bench.close());

const json = { headers: { 'Content-Type': 'application/json' }, body: '{"n":1}' };

describe('asynchronous Response', () => {
  it('answers 202 with a Location whose poll returns the final Response once the run ends', async () => {
    const { reply, run } = await bench.callAndRun(bench.url('quick'), json);
    expect(reply.status).toBe(202);
    expect(reply.headers['retry-after']).toBe('1');
    const location = String(reply.headers.location);
    expect(location).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/api\/quick\/runs\/.+\/operations\/[0-9a-f]{32}\?api-version=2022-05-01&sp=.+&sv=1\.0&sig=/);
    expect(run.status).toBe('Succeeded');
    const done = await bench.call(location, { method: 'GET' });
    expect(done.status).toBe(201);
    expect(done.headers['x-done']).toBe('yes');
    expect(done.headers['x-ms-workflow-run-id']).toBe(run.id);
    expect(done.json()).toEqual({ echo: { n: 1 } });
  });

  it('keeps answering 202 while the run goes on, and refuses a changed sig', async () => {
    const reply = await bench.call(bench.url('slow'), json);
    expect(reply.status).toBe(202);
    const location = String(reply.headers.location);
    const pending = await bench.call(location, { method: 'GET' });
    expect(pending.status).toBe(202);
    expect(pending.headers.location).toBe(location);
    const tampered = await bench.call(location.replace(/sig=[^&]+/, 'sig=AAAA'), { method: 'GET' });
    expect(tampered.status).toBe(404);
    expect(errorOf(tampered).code).toBe('OperationNotFound');
  });
});
