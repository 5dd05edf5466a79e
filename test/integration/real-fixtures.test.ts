import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBench, type Bench } from './helpers/bench.ts';
import { withPath } from './helpers/https-client.ts';
import { readRealWorkflow, REAL_WORKFLOWS_PRESENT, REAL_WORKFLOWS_SKIP_REASON } from '../helpers/real-workflows.ts';

// The public workflows in ../shared/fixtures/real-workflows that use only Response,
// Compose and If, served from a workspace and called over HTTPS. Standard files are
// copied byte for byte; bare definitions and ARM templates are wrapped as
// { definition, kind }. The other fourteen (variables, loops, Http, Workflow,
// connectors) are in real-fixtures-engine.test.ts.

const read = readRealWorkflow;
const armDefinition = (file: string) => (JSON.parse(read(file)) as { resources: { properties: { definition: object } }[] }).resources[0]!.properties.definition;

let bench: Bench;

beforeAll(async () => {
  if (!REAL_WORKFLOWS_PRESENT) return; // the suite below skips itself and says why
  bench = await startBench({
    files: {
      'receive-request-send-response/workflow.json': { definition: JSON.parse(read('Azure__LogicAppsTemplates__receive-request-send-response.json')), kind: 'Stateful' },
      'simple-relative-path/workflow.json': read('ScoreUnder__IllogicApps__simple-relative-path.json'),
      'schema-validator/workflow.json': read('Azure__logicapps-labs__schema-validator.json'),
      'basic-template/workflow.json': { definition: armDefinition('MicrosoftDocs__mslearn-logic-apps-and-arm-templates__basic-template.json'), kind: 'Stateful' },
      'calculate-area/workflow.json': { definition: armDefinition('MicrosoftDocs__mslearn-logic-apps-and-arm-templates__calculate-area.json'), kind: 'Stateful' },
      'http-hello-world/workflow.json': read('JanneMattila__azure-logic-apps-demos__http-hello-world.json'),
    },
  });
  const problems = bench.wb.workspaceView().workflows.flatMap((w) => w.problems.filter((p) => p.severity === 'error'));
  expect(problems).toEqual([]);
}, 30_000);

afterAll(() => bench?.close());

describe.skipIf(!REAL_WORKFLOWS_PRESENT)('real workflows' + REAL_WORKFLOWS_SKIP_REASON, () => {
  it('receive-request-send-response (no trigger inputs): any method, 200 with no body', async () => {
    for (const method of ['POST', 'GET']) {
      const reply = await bench.call(bench.url('receive-request-send-response'), { method });
      expect(reply.status, method).toBe(200);
      expect(reply.body.length).toBe(0);
    }
  });

  it('ScoreUnder simple-relative-path: PUT boom/{bang}/pow/{whack} answers trigger(), tracked by x-correlation-id', async () => {
    const url = withPath(bench.url('simple-relative-path'), 'boom/1/pow/two');
    const { reply, run } = await bench.callAndRun(url, { method: 'PUT', headers: { 'Content-Type': 'application/json', 'x-correlation-id': 'corr-7' }, body: '{"k":"v"}' });
    expect(reply.status).toBe(200);
    const trigger = reply.json<{ name: string; outputs: { relativePathParameters: object; body: object }; clientTrackingId: string }>();
    expect(trigger.name).toBe('When_a_HTTP_request_is_received');
    expect(trigger.outputs.relativePathParameters).toEqual({ bang: '1', whack: 'two' });
    expect(trigger.outputs.body).toEqual({ k: 'v' });
    expect(trigger.clientTrackingId).toBe('corr-7');
    expect(reply.headers['x-ms-client-tracking-id']).toBe('corr-7');
    expect(run.clientTrackingId).toBe('corr-7');
    // Without the header, guid() supplies the tracking id.
    const plain = await bench.call(url, { method: 'PUT' });
    expect(plain.status).toBe(200);
    expect(plain.headers['x-ms-client-tracking-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // Its method is PUT only.
    expect((await bench.call(url, { method: 'POST' })).status).toBe(405);
  });

  it('schema-validator: Compose chain with json/coalesce/empty/equals/and/if gives the validity and the violations', async () => {
    const valid = JSON.stringify({ incidentId: 'INC1', priority: 2, customerId: 'C9', details: { description: 'broken' } });
    const good = await bench.call(bench.url('schema-validator'), { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ payload: valid, schemaPath: 'x' }) });
    expect(good.status).toBe(200);
    expect(good.json()).toEqual({ isValid: true, violations: [null, null, null, null, null] });
    const partial = JSON.stringify({ incidentId: '', details: {} });
    const bad = await bench.call(bench.url('schema-validator'), { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ payload: partial }) });
    expect(bad.json()).toEqual({
      isValid: false,
      violations: ['Missing required field: incidentId', 'Missing required field: priority', 'Missing required field: customerId', null, 'Missing required field: details.description'],
    });
  });

  it('mslearn basic-template: GET answers its text', async () => {
    const reply = await bench.call(bench.url('basic-template'), { method: 'GET' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/plain/);
    expect(reply.text).toBe('Hello Logic Apps Template!');
  });

  it('mslearn calculate-area: GET {width}/{height} multiplies them', async () => {
    const reply = await bench.call(withPath(bench.url('calculate-area'), '6/7'), { method: 'GET' });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('Response from calculate-area  Total area = 42');
  });

  it('JanneMattila http-hello-world: the If sends one Response per branch', async () => {
    const inside = await bench.call(bench.url('http-hello-world'), { headers: { 'Content-Type': 'application/json' }, body: '{"phone":"+358 1","address":{"country":"Finland"}}' });
    expect(inside.status).toBe(200);
    expect(inside.json()).toEqual({ phone: '+358 1' });
    const { reply, run } = await bench.callAndRun(bench.url('http-hello-world'), { headers: { 'Content-Type': 'application/json' }, body: '{"address":{"country":"Sweden"}}' });
    expect(reply.status).toBe(401);
    expect(reply.json()).toEqual({ error: "This record is not from 'Finland'." });
    expect(run.status).toBe('Succeeded');
  });
});
