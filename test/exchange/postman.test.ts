import { createRequire } from 'node:module';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SavedRequest } from '../../src-shared/collections.ts';
import { importPostmanCollection } from '../../src-shared/exchange/postman.ts';
import type { RunRecord } from '../../src-shared/runs.ts';
import { collectionStore } from '../../src-main/collections/collection-store.ts';
import { environmentStore } from '../../src-main/collections/environment-store.ts';
import { importFiles } from '../../src-main/workspace/import-files.ts';
import { runCli } from '../cli/cli-helpers.ts';
import { startBench, until, type Bench } from '../integration/helpers/bench.ts';
import { aadPolicy, response, workflow } from '../integration/helpers/workflows.ts';

/** newman, the Postman collection runner, used as a library (no type declarations shipped). */
interface NewmanSummary {
  run: { failures: { error: { message: string } }[]; executions: { response?: { code: number }; requestError?: Error }[] };
}
const newman = createRequire(import.meta.url)('newman') as { run(options: Record<string, unknown>, done: (error: Error | null, summary: NewmanSummary) => void): void };
const runNewman = (options: Record<string, unknown>) => new Promise<NewmanSummary>((resolve, reject) => newman.run({ reporters: [], ...options }, (error, summary) => (error ? reject(error) : resolve(summary))));

const AUDIENCE = 'api://postman-export';

const REQUESTS: SavedRequest[] = [
  {
    version: 1,
    name: 'Create order',
    method: 'POST',
    url: 'https://127.0.0.1:7071/api/orders/triggers/manual/invoke/orders/{{orderId}}',
    target: { workflow: 'orders', trigger: 'manual', relativePath: 'orders/{{orderId}}', query: [{ name: 'priority', value: 'high' }] },
    headers: [{ name: 'Content-Type', value: 'application/json' }, { name: 'X-Debug', value: 'off', enabled: false }],
    body: { mode: 'json', text: '{ "qty": {{qty}} }' },
    auth: { type: 'sas' },
  },
  {
    version: 1,
    name: 'Secured call',
    method: 'POST',
    url: 'https://127.0.0.1:7071/api/secured/triggers/manual/invoke',
    target: { workflow: 'secured', trigger: 'manual' },
    headers: [{ name: 'x-caller', value: 'newman' }],
    body: { mode: 'text', text: 'hello', contentType: 'text/plain' },
    auth: { type: 'bearer', token: '{{token}}' },
  },
];

let bench: Bench;
let dataDir: string;
let runs: RunRecord[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tb-postman-data-'));
  bench = await startBench({
    dataDir,
    files: {
      'orders/workflow.json': workflow({ inputs: { method: 'POST', relativePath: '/orders/{id}' }, actions: { Response: response({ statusCode: 201, body: { id: "@triggerOutputs()['relativePathParameters']['id']", qty: "@triggerBody()?['qty']" } }) } }),
      'secured/workflow.json': workflow({ actions: { Response: response({ statusCode: 200, body: 'in' }) } }),
    },
  });
  await bench.write('secured/access-control.json', aadPolicy(bench.wb.issuer.issuer, AUDIENCE));
  await bench.wb.openWorkspace(bench.root);
  bench.wb.events.on('run', (run) => runs.push(run));
  const store = collectionStore(bench.root);
  for (const request of REQUESTS) await store.saveRequest('smoke', request);
  await environmentStore(bench.root, dataDir).save({ version: 1, name: 'local', variables: [{ name: 'orderId', value: '7' }, { name: 'qty', value: '2' }, { name: 'apiSecret', value: 'hush', secret: true }] });
  // What `triggerbench serve` writes, so the export's base URL is this listener's.
  await writeFile(join(dataDir, 'listener.json'), JSON.stringify({ pid: process.pid, baseUrl: bench.wb.info('web').listener.baseUrl }));
}, 30_000);

afterAll(async () => {
  await bench?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function exportCollection(...extra: string[]): Promise<Record<string, any>> {
  const result = await runCli(['export', 'collection', bench.root, 'smoke', '--format', 'postman', '--environment', 'local', '--data-dir', dataDir, ...extra]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Record<string, any>;
}

describe('Postman Collection v2.1 export', () => {
  it('maps SAS to query parameters, Bearer to bearer auth and variables to collection variables, without secrets', async () => {
    const collection = await exportCollection();
    expect(collection.info.schema).toBe('https://schema.getpostman.com/json/collection/v2.1.0/collection.json');
    const [order, secured] = collection.item;
    expect(order.request.url.query.map((q: { key: string }) => q.key)).toEqual(['api-version', 'sp', 'sv', 'sig', 'priority']);
    expect(order.request.url.query.find((q: { key: string }) => q.key === 'sig').value).toBe('{{sig_orders}}');
    expect(secured.request.auth).toEqual({ type: 'bearer', bearer: [{ key: 'token', value: '{{token}}', type: 'string' }] });
    const variables = Object.fromEntries(collection.variable.map((v: { key: string; value: string }) => [v.key, v.value]));
    expect(variables).toMatchObject({ orderId: '7', qty: '2', sig_orders: '', apiSecret: '' });
    expect(JSON.stringify(collection)).not.toContain('hush');
  });

  it('runs green in newman against the live listener', async () => {
    const collection = await exportCollection('--include-secrets');
    const token = (await bench.wb.mintToken({ aud: AUDIENCE })).token;
    runs = [];
    const summary = await runNewman({ collection, envVar: [{ key: 'token', value: token }], sslExtraCaCerts: bench.wb.tls.caCertPath });
    expect(summary.run.failures.map((f) => f.error.message)).toEqual([]);
    expect(summary.run.executions.map((e) => e.response?.code)).toEqual([201, 200]);
    const recorded = await until(() => (runs.length >= 2 ? runs : undefined), bench.wb.events, 'run', 'the two runs newman made');
    const order = recorded.find((run) => run.workflow === 'orders')!;
    expect(order.request.url).toMatch(/\/invoke\/orders\/7\?/);
    expect(order.response!.status).toBe(201);
    expect(JSON.parse(order.response!.body.text!)).toEqual({ id: '7', qty: 2 });
    expect(recorded.find((run) => run.workflow === 'secured')!.auth!.scheme).toBe('Bearer');
  }, 30_000);

  it('imports back into the same saved requests', async () => {
    const collection = await exportCollection();
    const imported = importPostmanCollection(collection, 'smoke.postman_collection.json');
    expect(imported.problems).toEqual([]);
    const strip = ({ url: _url, ...rest }: SavedRequest) => rest;
    expect(imported.collection.requests.map((r) => strip(r.request))).toEqual(REQUESTS.map(strip));
    expect(imported.environment!.variables).toEqual(expect.arrayContaining([{ name: 'orderId', value: '7' }, { name: 'sig_orders', secret: true }]));
  });

  it('imports a Postman file through triggerbench import, reporting what it cannot carry', async () => {
    const collection = await exportCollection();
    collection.item.push({ name: 'Upload', request: { method: 'POST', url: 'https://example.test/upload', auth: { type: 'basic' }, body: { mode: 'graphql', graphql: {} } } });
    const file = join(dataDir, 'smoke.postman_collection.json');
    await writeFile(file, JSON.stringify(collection));
    const report = await importFiles(bench.root, [file], { dataDir });
    const result = report.files[0]!;
    expect(result.kind).toBe('postman');
    expect(result.imported.filter((i) => i.type === 'request')).toHaveLength(3);
    expect(result.problems.map((p) => p.code).sort()).toEqual(['UnsupportedPostmanAuth', 'UnsupportedPostmanBody']);
    // The collection is named after the Postman collection: the requests join 'smoke' under new file names.
    const listed = await collectionStore(bench.root).list();
    expect(listed.collections.find((c) => c.name === 'smoke')!.requests).toHaveLength(REQUESTS.length + 3);
  });
});
