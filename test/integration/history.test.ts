import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src-shared/runs.ts';
import { startBench, type Bench } from './helpers/bench.ts';
import { withQuery, withoutSas } from './helpers/https-client.ts';
import { compose, response, workflow } from './helpers/workflows.ts';

// Every call is recorded with what a user needs to understand it, and the history
// survives a restart on the same data folder (docs/history.md). Each describe block
// makes the calls it asserts on, so any block runs alone.

const FILES = {
  'orders/workflow.json': workflow({
    inputs: { method: 'POST', relativePath: '/orders/{id}' },
    actions: {
      Shape: compose({ id: "@triggerOutputs()['relativePathParameters']['id']", total: "@mul(triggerBody()?['qty'], 2)" }),
      Response: response({ statusCode: 201, headers: { 'X-Order': "@{outputs('Shape')['id']}" }, body: "@outputs('Shape')" }, { Shape: ['Succeeded'] }),
    },
  }),
};

let dataDir: string;
let bench: Bench;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tb-int-history-'));
  bench = await startBench({ files: FILES, dataDir });
}, 30_000);

afterAll(async () => {
  await bench?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** A call the orders workflow answers 201; returns the stored run. */
async function orderCall(on: Bench, id: string): Promise<RunRecord> {
  const { reply, run } = await on.callAndRun(on.url('orders').replace('/invoke?', `/invoke/orders/${id}?`), { headers: { 'Content-Type': 'application/json' }, body: '{"qty":1}' });
  expect(reply.status).toBe(201);
  return on.stored(run.id);
}

/** A call refused for a wrong signature; returns the stored run. */
async function badSignatureCall(on: Bench): Promise<RunRecord> {
  const { reply, run } = await on.callAndRun(withQuery(on.url('orders'), { sig: 'A'.repeat(43) }).replace('/invoke?', '/invoke/orders/1?'), { headers: { 'Content-Type': 'application/json' }, body: '{}' });
  expect(reply.status).toBe(401);
  return on.stored(run.id);
}

/** A bench of its own, on a data folder of its own, for blocks that count or restart. */
async function ownBench(): Promise<{ bench: Bench; dataDir: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tb-int-history-own-'));
  const own = { bench: await startBench({ files: FILES, dataDir: dir }), dataDir: dir, dispose: async () => {
    await own.bench.close();
    await rm(dir, { recursive: true, force: true });
  } };
  return own;
}

describe('a run that reached the workflow', () => {
  it('is recorded with request, trigger outputs, actions, response and timings', async () => {
    const url = withQuery(`${bench.url('orders').replace('/invoke?', '/invoke/orders/A7?')}`, { note: 'hi' });
    const { reply, run } = await bench.callAndRun(url, { headers: { 'Content-Type': 'application/json', 'X-Caller': 'test' }, body: '{"qty":3}' });
    expect(reply.status).toBe(201);
    const succeeded = bench.stored(run.id);
    expect(succeeded).toMatchObject({
      workflow: 'orders',
      trigger: 'manual',
      status: 'Succeeded',
      auth: { scheme: 'SAS', keyType: 'primary' },
      correlationId: reply.headers['x-ms-correlation-id'],
    });
    // The request, signature removed.
    expect(succeeded.request.method).toBe('POST');
    expect(succeeded.request.url).toMatch(/^\/api\/orders\/triggers\/manual\/invoke\/orders\/A7\?/);
    expect(succeeded.request.url).toContain('sig=***');
    expect(succeeded.request.url).not.toContain(new URL(url).searchParams.get('sig')!);
    expect(succeeded.request.headers['X-Caller']).toBe('test');
    expect(succeeded.request.body).toMatchObject({ size: 9, text: '{"qty":3}', contentType: 'application/json' });
    expect(succeeded.request.remoteAddress).toMatch(/127\.0\.0\.1$/);
    // Trigger outputs as expressions saw them.
    expect(succeeded.triggerOutputs).toMatchObject({ body: { qty: 3 }, queries: { note: 'hi' }, relativePathParameters: { id: 'A7' } });
    // Each action with status, inputs, outputs, start and end.
    expect(succeeded.actions.map((a) => [a.name, a.status])).toEqual([
      ['Shape', 'Succeeded'],
      ['Response', 'Succeeded'],
    ]);
    const shape = succeeded.actions[0]!;
    expect(shape.inputs).toEqual({ id: 'A7', total: 6 });
    expect(shape.outputs).toEqual({ id: 'A7', total: 6 });
    for (const action of succeeded.actions) {
      expect(Date.parse(action.startTime!)).not.toBeNaN();
      expect(Date.parse(action.endTime!)).toBeGreaterThanOrEqual(Date.parse(action.startTime!));
    }
    // The response sent, and timings.
    expect(succeeded.response).toMatchObject({ status: 201, headers: { 'X-Order': 'A7' }, body: { text: '{"id":"A7","total":6}' } });
    expect(succeeded.durationMs).toBe(Date.parse(succeeded.endTime!) - Date.parse(succeeded.startTime));
    expect(succeeded.responseMs).toBeLessThanOrEqual(succeeded.durationMs!);
    expect(Date.parse(succeeded.endTime!)).toBeGreaterThanOrEqual(Date.parse(succeeded.startTime));
  });
});

describe('a rejected call', () => {
  it('is recorded as Rejected with the reason and the redacted URL', async () => {
    const bad = withQuery(bench.url('orders'), { sig: 'A'.repeat(43) });
    const { reply, run } = await bench.callAndRun(bad.replace('/invoke?', '/invoke/orders/1?'), { headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(reply.status).toBe(401);
    const rejected = bench.stored(run.id);
    expect(rejected.status).toBe('Rejected');
    expect(rejected.error).toMatchObject({ code: 'SasSignatureMismatch' });
    expect(rejected.request.url).toContain('sig=***');
    expect(rejected.request.url).not.toContain('A'.repeat(43));
    expect(rejected.response?.status).toBe(401);
    expect(rejected.actions).toEqual([]);
  });

  it('an unknown workflow is recorded under the name called', async () => {
    const { run } = await bench.callAndRun(withoutSas(bench.url('orders')).replace('/api/orders/', '/api/ghost/'));
    expect(run).toMatchObject({ workflow: 'ghost', status: 'Rejected', error: { code: 'WorkflowNotFound' } });
  });

  it('a repeated sig is redacted everywhere in the recorded URL', async () => {
    const { run } = await bench.callAndRun(`${bench.url('orders')}&sig=SECOND-SIGNATURE-VALUE`);
    expect(run.status).toBe('Rejected');
    expect(run.request.url).not.toContain('SECOND-SIGNATURE-VALUE');
  });
});

describe('listing', () => {
  let own: Awaited<ReturnType<typeof ownBench>>;
  beforeAll(async () => {
    own = await ownBench();
  }, 30_000);
  afterAll(() => own?.dispose());

  it('lists newest first and filters by workflow and status', async () => {
    const first = await orderCall(own.bench, 'L1');
    const refused = await badSignatureCall(own.bench);
    const second = await orderCall(own.bench, 'L2');
    const { history } = own.bench.wb;
    expect(history.list().map((r) => r.id)).toEqual([second.id, refused.id, first.id]);
    expect(history.list({ status: 'Rejected' }).map((r) => r.id)).toEqual([refused.id]);
    expect(history.list({ workflow: 'orders', status: 'Succeeded' }).map((r) => r.id)).toEqual([second.id, first.id]);
    expect(history.list({ workflow: 'ghost' })).toEqual([]);
  });
});

describe('restart', () => {
  let own: Awaited<ReturnType<typeof ownBench>>;
  beforeAll(async () => {
    own = await ownBench();
  }, 30_000);
  afterAll(() => own?.dispose());

  it('the history survives a restart of the workbench on the same data folder', async () => {
    const succeeded = await orderCall(own.bench, 'R1');
    const rejected = await badSignatureCall(own.bench);
    await own.bench.close();
    own.bench = await startBench({ files: FILES, dataDir: own.dataDir });
    expect(own.bench.wb.history.get(succeeded.id)).toEqual(succeeded);
    expect(own.bench.wb.history.get(rejected.id)).toEqual(rejected);
    // And the restarted workbench keeps recording beside them.
    const again = await orderCall(own.bench, 'R2');
    expect(own.bench.wb.history.list({ workflow: 'orders', status: 'Succeeded' }).map((r) => r.id)).toEqual([again.id, succeeded.id]);
  });
});
