import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src-shared/runs.ts';
import { startBench, type Bench } from './helpers/bench.ts';
import { readRealWorkflow, REAL_WORKFLOWS_PRESENT, REAL_WORKFLOWS_SKIP_REASON } from '../helpers/real-workflows.ts';

// The public workflows of ../shared/fixtures/real-workflows that need the engine's
// actions (variables, loops, Query/Select, ParseJson, Terminate, Http, Workflow,
// connectors), each run end to end over HTTPS. Their Http actions call a loopback stub
// standing in for the services they name (the URLs come from parameters.json and
// local.settings.json, as in their own projects); connector actions and the one
// 30-second Wait are stood in for by each workflow's mocks.json. The six that
// need none of this are in real-fixtures.test.ts.

type Json = Record<string, unknown>;

/** A bare definition or an ARM workflow's definition as a Standard workflow.json. */
const standard = (definition: unknown): Json => ({ definition, kind: 'Stateful' });

/**
 * The workflows of an ARM template by name, the way deploying it resolves them: the
 * name parameter `XLogicAppName` gives workflow `X`, and a `resourceId(...)` naming another
 * workflow of the template becomes that workflow's id. Later resources (the nested
 * deployments) replace earlier ones of the same name, as redeploying does.
 */
function armWorkflows(file: string): Map<string, Json> {
  const template = JSON.parse(readRealWorkflow(file)) as { resources: Json[] };
  const byName = new Map<string, Json>();
  const visit = (resources: Json[]): void => {
    for (const resource of resources) {
      const properties = resource.properties as Json | undefined;
      if (resource.type === 'Microsoft.Logic/workflows') {
        const name = /parameters\('(\w+?)LogicAppName'\)/.exec(String(resource.name))![1]!;
        const text = JSON.stringify(properties!.definition).replace(
          /\[resourceId\('Microsoft\.Logic\/workflows',\s*parameters\('(\w+?)LogicAppName'\)\)\]/g,
          '/subscriptions/local/resourceGroups/local/providers/Microsoft.Logic/workflows/$1',
        );
        byName.set(name, standard(JSON.parse(text)));
      }
      const nested = (properties?.template as { resources?: Json[] } | undefined)?.resources;
      if (nested) visit(nested);
    }
  };
  visit(template.resources);
  return byName;
}

interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const seen: Seen[] = [];
let stub: Server;
let stubUrl: string;
let bench: Bench;

const CUSTOMER = { id: 54624, title: 'Mr', firstName: 'Peter', lastName: 'Smith', dateOfBirth: '1970-04-25', languageCode: 'en-GB', address: { line1: '8 High Street', line2: null, line3: null, town: 'Luton', county: 'Bedfordshire', postcode: 'LT12 6TY', countryCode: 'UK', countryName: 'United Kingdom' } };

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** The services the workflows call, on one loopback server. */
function serve(req: IncomingMessage, res: ServerResponse, body: string): void {
  const path = new URL(req.url!, 'http://x').pathname;
  if (req.method === 'GET' && path.startsWith('/one/customers/')) {
    if (path.endsWith('/54624')) return json(res, 200, CUSTOMER);
    return json(res, 404, { error: 'no such customer' });
  }
  if (req.method === 'PUT' && path.startsWith('/two/membership/customers/')) return json(res, path.endsWith('/54624') ? 200 : 500, { updated: true });
  if (path === '/one/service') return json(res, 200, { echoed: JSON.parse(body || 'null') }, { oneHeader: 'one', twoHeader: 'two', threeHeader: 'three' });
  if (path === '/one/doSomethingInsideUntilLoop') return json(res, 200, { until: JSON.parse(body).iterationNumber });
  if (path === '/two/doSomethingInsideForEachLoop') return json(res, 200, { foreach: JSON.parse(body) });
  if (path.startsWith('/retail/')) return json(res, 200, { skus: [{ sku: 'SKU-1' }, { sku: 'SKU-2' }] });
  if (path === '/tool') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    return void res.end(`tool got ${req.method} ${body}`);
  }
  res.writeHead(404);
  res.end();
}

beforeAll(async () => {
  if (!REAL_WORKFLOWS_PRESENT) return;
  stub = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      seen.push({ method: req.method!, path: req.url!, headers: req.headers, body });
      serve(req, res, body);
    });
  });
  // The fluent workflow sends "Expect: application/json"; a plain service ignores it.
  stub.on('checkExpectation', (req, res) => stub.emit('request', req, res));
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  const read = readRealWorkflow;
  const definition = (file: string) => standard(JSON.parse(read(file)));
  const jobs = armWorkflows('Azure__azure-quickstart-templates__logicapps-jobscheduler.json');
  const recurrence = armWorkflows('Azure__logicapps__recurrence-jobs-schedules-arm.json');
  bench = await startBench({
    files: {
      'parameters.json': {
        'ServiceOne-Url': { type: 'String', value: `${stubUrl}/one` },
        'ServiceTwo-Url': { type: 'String', value: `${stubUrl}/two` },
        'ServiceOne-Authentication-APIKey': { type: 'String', value: 'one-key' },
        'ServiceTwo-Authentication-APIKey': { type: 'String', value: 'two-key' },
        'ServiceOne-Authentication-WebHook-APIKey': { type: 'String', value: 'webhook-key' },
        'Method_#workflowname#': { type: 'String', value: 'POST' },
      },
      'local.settings.json': { IsEncrypted: false, Values: { 'ServiceTwo-DefaultAddressType': 'business', 'Enricher.RetailApiUrl': `${stubUrl}/retail/`, 'Enricher.MaxMappingValidUntil': '7', 'Enricher.Cosmos.DefaultTtl': '86400' } },
      'http-workflow/workflow.json': read('LogicAppUnit__TestingFramework__http-workflow.json'),
      'http-async-workflow/workflow.json': read('LogicAppUnit__TestingFramework__http-async-workflow.json'),
      'fluent-workflow/workflow.json': read('LogicAppUnit__TestingFramework__fluent-workflow.json'),
      'loop-workflow/workflow.json': read('LogicAppUnit__TestingFramework__loop-workflow.json'),
      'stateless-workflow/workflow.json': read('LogicAppUnit__TestingFramework__stateless-workflow.json'),
      'stateless-workflow/mocks.json': { actions: { Upload_Blob: { status: 'Succeeded', outputs: { body: { properties: { blobName: 'b' } } } } } },
      'get-special-vehicles/workflow.json': read('Azure__logicapps-labs__get-special-vehicles.json'),
      'get-work-order/workflow.json': read('Azure__logicapps-labs__get-work-order.json'),
      'purchase-order/workflow.json': read('Azure__logicapps-migration-agent__purchase-order.json'),
      'asynchronous-response/workflow.json': read('Azure__logicapps-migration-agent__asynchronous-response.json'),
      'asynchronous-response/mocks.json': { actions: { Delay: { status: 'Succeeded' } } },
      'burst-enricher/workflow.json': read('Azure__logicapps__burst-enricher.json'),
      'tool-call-uri-http/workflow.json': definition('Azure__LogicAppsTemplates__tool-call-uri-http.json'),
      'try-catch/workflow.json': definition('Azure__LogicAppsTemplates__try-catch.json'),
      'try-catch-failing/workflow.json': definition('Azure__LogicAppsTemplates__try-catch.json'),
      'try-catch-failing/mocks.json': { actions: { Business_Logic: { status: 'Failed', error: { code: 'OrderRejected', message: 'the order was rejected' } } } },
      'CreateTimerJob/workflow.json': jobs.get('CreateTimerJob')!,
      'TimerJob/workflow.json': jobs.get('TimerJob')!,
      'TimerJob/mocks.json': { actions: { HTTP: { status: 'Succeeded', outputs: { statusCode: 200, body: { value: 'a joke, offline' } } } } },
      'CreateRecurrenceJob/workflow.json': recurrence.get('CreateRecurrenceJob')!,
      'ExecuteRecurrenceJob/workflow.json': recurrence.get('ExecuteRecurrenceJob')!,
      // The job waits until its next day and reschedules itself for ever: the wait and the
      // reschedule call are mocked here, and RescheduleRecurrenceJob is called on its own.
      'ExecuteRecurrenceJob/mocks.json': {
        actions: {
          Delay_until_nextExecutionTime: { status: 'Succeeded' },
          Send_message: { status: 'Succeeded', outputs: { statusCode: 201 } },
          RescheduleRecurrenceJob: { status: 'Succeeded', outputs: { statusCode: 200, body: 'rescheduled (mock)' } },
        },
      },
      'RescheduleRecurrenceJob/workflow.json': recurrence.get('RescheduleRecurrenceJob')!,
    },
  });
}, 30_000);

afterAll(async () => {
  await bench?.close();
  if (stub) await new Promise((resolve) => stub.close(resolve));
});

const post = (body: unknown, headers: Record<string, string> = {}) => ({ headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
const action = (run: RunRecord, name: string) => run.actions.find((a) => a.name === name);

describe(`real workflows on the engine${REAL_WORKFLOWS_SKIP_REASON}`, () => {
  it.skipIf(!REAL_WORKFLOWS_PRESENT)('every one loads without errors', () => {
    const errors = bench.wb.workspaceView().workflows.flatMap((w) => w.problems.filter((p) => p.severity === 'error').map((p) => `${w.name}: ${p.code} ${p.message}`));
    expect(errors).toEqual([]);
  });

  it.skipIf(!REAL_WORKFLOWS_PRESENT)('LogicAppUnit http-workflow: API key check, GET then PUT, ParseJson; 200, 401, and the GET status passed on', async () => {
    const url = bench.url('http-workflow');
    const ok = await bench.callAndRun(url, post({ id: 'evt-1', customerId: 54624, timestamp: '2022-08-27T08:45:00Z' }, { 'x-api-key': 'webhook-key' }));
    expect(ok.reply.status).toBe(200);
    expect(ok.reply.text).toBe('Webhook processed successfully');
    const put = seen.find((s) => s.method === 'PUT')!;
    expect(put.headers['x-api-key']).toBe('ApiKey two-key');
    expect(JSON.parse(put.body)).toMatchObject({ name: 'Peter Smith', addresses: [{ addressType: 'business', town: 'Luton', postalCode: 'LT12 6TY' }], header: { correlationId: 'evt-1' } });
    expect(action(ok.run, 'Parse_Customer')?.outputs).toMatchObject({ body: { firstName: 'Peter' } });
    expect((await bench.call(url, post({ customerId: 54624 }, { 'x-api-key': 'wrong' }))).status).toBe(401);
    const missing = await bench.call(url, post({ customerId: 1 }, { 'x-api-key': 'webhook-key' }));
    expect(missing.status).toBe(404);
    expect(missing.text).toBe('Unable to get customer details: {"error":"no such customer"}');
  });

  it.skipIf(!REAL_WORKFLOWS_PRESENT)('LogicAppUnit http-async-workflow: asynchronous Responses answer 202 + Location, polled to the result', async () => {
    const first = await bench.call(bench.url('http-async-workflow'), post({ customerId: 54624 }));
    expect(first.status).toBe(202);
    const location = String(first.headers.location);
    let polled = await bench.call(location, { method: 'GET' });
    while (polled.status === 202) polled = await bench.call(location, { method: 'GET' });
    expect(polled.status).toBe(200);
    expect(polled.text).toBe('Webhook processed successfully');
  });

  it.skipIf(!REAL_WORKFLOWS_PRESENT)('LogicAppUnit fluent-workflow: headers and queries go out; status, headers and body come back', async () => {
    const { reply } = await bench.callAndRun(bench.url('fluent-workflow'), post({ name: 'fluent' }));
    expect(reply.status).toBe(200);
    expect(reply.headers.oneheader).toBe('one');
    expect(reply.json()).toEqual({ echoed: { name: 'fluent' } });
    const call = seen.find((s) => s.path.startsWith('/one/service'))!;
    expect(new URL(call.path, 'http://x').searchParams.get('five')).toBe('55555');
    expect(call.headers.mycustomheader).toBe('MyValue');
  });

  it.skipIf(!REAL_WORKFLOWS_PRESENT)('LogicAppUnit loop-workflow: Until calls service one n times, the sequential Foreach calls service two per response', async () => {
    const { reply, run } = await bench.callAndRun(bench.url('loop-workflow'), post({ numberOfIterations: 3 }));
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({
      loopCounter: 3,
      serviceOneResponses: [{ until: 1 }, { until: 2 }, { until: 3 }],
      serviceTwoResponses: [{ foreach: { until: 1 } }, { foreach: { until: 2 } }, { foreach: { until: 3 } }],
    });
    expect(action(run, 'Until_Loop')?.iterationCount).toBe(3);
    expect(run.actions.filter((a) => a.name === 'Call_Service_Two').map((a) => a.iteration)).toEqual([0, 1, 2].map((index) => [{ loop: 'For_Each_Loop', index }]));
  });

  it.skipIf(!REAL_WORKFLOWS_PRESENT)('LogicAppUnit stateless-workflow: the blob upload (ServiceProvider) is mocked; success and failure Responses', async () => {
    const url = bench.url('stateless-workflow').replace('/invoke?', '/invoke/orders/order-1.json?');
    const { reply, run } = await bench.callAndRun(url, post({ any: 1 }));
    expect(reply.status).toBe(200);
    expect(reply.text).toBe("Blob 'order-1.json' has been uploaded to storage container 'orders'");
    expect(action(run, 'Upload_Blob')?.mocked).toBe('mockFile');
  });

  it.skipIf(!REAL_WORKFLOWS_PRESENT)('get-special-vehicles: ParseJson, Query on item(), a Response per branch', async () => {
    const url = bench.url('get-special-vehicles');
    expect((await bench.call(url, post({ make: 'ferrari' }))).json()).toEqual({ make: 'Ferrari', riskFactor: 2.5 });
    expect((await bench.call(url, post({ make: 'Skoda' }))).json()).toEqual({ make: 'Skoda', riskFactor: 1.0, category: 'Standard' });
  });

  it.skipIf(!REAL_WORKFLOWS_PRESENT)('get-work-order: Query over a variable; first() of no match answers an empty 200', async () => {
    const url = bench.url('get-work-order');
    expect((await bench.call(url, post({ trackingId: 'WO-12345' }))).json()).toMatchObject({ trackingId: 'WO-12345', failureType: 'schema_validation_error' });
    const none = await bench.call(url, post({ trackingId: 'nope' }));
    expect(none.status).toBe(200);
    expect(none.body.length).toBe(0);
  });

  it.skipIf(!REAL_WORKFLOWS_PRESENT)('purchase-order: Switch sets the amount; a small order answers 400 and Terminate ends the run Succeeded', async () => {
    const order = { OrderNumber: 7, Product: 'SKU105', Quantity: 2, Address: { City: 'Oslo' } };
    const small = await bench.callAndRun(bench.url('purchase-order'), post(order));
    expect(small.reply.status).toBe(400);
    expect(small.run.status).toBe('Succeeded');
    expect(action(small.run, 'OrderDenied')?.status).toBe('Succeeded');
    expect(action(small.run, 'Response')).toBeUndefined(); // never started after Terminate
    const big = await bench.callAndRun(bench.url('purchase-order'), post({ ...order, Quantity: 20 }));
    expect(big.reply.status).toBe(200);
    expect(action(big.run, 'ApprovedPO')?.outputs).toMatchObject({ POamount: 600, ApprovalStatus: 'Approve' });
    expect(action(big.run, 'High_Priority')?.status).toBe('Succeeded');
    const unknown = await bench.call(bench.url('purchase-order'), post({ ...order, Product: 'SKU999' }));
    expect(unknown.text).toBe('Product unavailable');
  });

  it.skipIf(!REAL_WORKFLOWS_PRESENT)('asynchronous-response: the 30 s Wait is mocked, the Asynchronous Response is polled', async () => {
    const first = await bench.call(bench.url('asynchronous-response'), { method: 'POST' });
    expect(first.status).toBe(202);
    let polled = await bench.call(String(first.headers.location), { method: 'GET' });
    while (polled.status === 202) polled = await bench.call(String(first.headers.location), { method: 'GET' });
    expect(polled.status).toBe(200);
  });

  it.skipIf(!REAL_WORKFLOWS_PRESENT)('burst-enricher: Http to the retail API, Switch on its status, Select, and inline JavaScript reading workflowContext', async () => {
    const price = { ean: '1234567890123', countries: ['NO'], sellerId: 'S1', versionId: 3, priceType: 'Regular', currency: 'NOK', currentPrice: 10.5 };
    const { reply, run } = await bench.callAndRun(bench.url('burst-enricher'), post({ dtcProvider: 'Tradebyte', prices: [price] }));
    expect(reply.status).toBe(200);
    const answer = reply.json<{ PriceAvailableEvents: { body: { contentData: string; contentType: string }[] }; PriceSkuNotFoundEvents: unknown }>();
    expect(answer.PriceSkuNotFoundEvents).toBeNull();
    expect(answer.PriceAvailableEvents.body).toHaveLength(2);
    expect(answer.PriceAvailableEvents.body[0]).toMatchObject({ contentType: 'application/json' });
    // contentData is a string in which '@' is not leading, so (as in Azure) it stays text.
    expect(Object.keys(JSON.parse(answer.PriceAvailableEvents.body[0]!.contentData) as object)).toContain('ean');
    expect(seen.some((s) => s.path === '/retail/1234567890123')).toBe(true);
    expect(action(run, 'Build_sku_array')?.outputs).toMatchObject({ body: [{ isDeleted: false, versionId: 3 }, { isDeleted: false, versionId: 3 }] });
    expect(action(run, 'Terminate')?.status).toBe('Skipped');
  });

  it.skipIf(!REAL_WORKFLOWS_PRESENT)('tool-call-uri-http: calls the URI from the body with the method from parameters.json', async () => {
    const { reply } = await bench.callAndRun(bench.url('tool-call-uri-http'), post({ HTTP_URI: `${stubUrl}/tool`, HTTP_request_content: 'ping' }));
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('tool got POST ping');
  });

  it.skipIf(!REAL_WORKFLOWS_PRESENT)('try-catch: a passing Try skips the Catch (202, Succeeded); a failing one runs it and Terminate fails the run with code 500', async () => {
    const passing = await bench.callAndRun(bench.url('try-catch'), { method: 'POST' });
    expect(passing.reply.status).toBe(202);
    expect(passing.run.status).toBe('Succeeded');
    expect(action(passing.run, 'Catch')?.status).toBe('Skipped');
    const failing = await bench.callAndRun(bench.url('try-catch-failing'), { method: 'POST' });
    expect(failing.run.status).toBe('Failed');
    expect(failing.run.error?.code).toBe('500');
    expect(failing.run.error?.message).toContain('One or more errors occurred while processing messages');
    expect(failing.run.error?.message).toContain('"action":"Business_Logic"');
    expect(action(failing.run, 'Format_Errors')?.outputs).toMatchObject({ body: [{ action: 'Business_Logic', errorResult: { status: 'Failed', error: { code: 'OrderRejected' } } }] });
  });

  it.skipIf(!REAL_WORKFLOWS_PRESENT)('jobscheduler: CreateTimerJob starts TimerJob (Workflow action), which runs its job and calls CreateTimerJob until the count is met', async () => {
    const body = { timerjobid: 'job-1', jobRecurrence: { count: 1, frequency: 'second', interval: 1 } };
    const { reply, run } = await bench.callAndRun(bench.url('CreateTimerJob'), post(body));
    expect(reply.status).toBe(201);
    expect(reply.text).toMatch(/^Next execution time will be at \d{4}-/);
    expect(action(run, 'TimerJob')?.outputs).toMatchObject({ statusCode: 200 });
    // The timer job ran its (mocked) job, then asked CreateTimerJob for the next run, which
    // answered that the count was met (409) and cancelled itself.
    const timer = await bench.runWhere((r) => r.workflow === 'TimerJob' && r.status !== 'Running' && r.clientTrackingId === 'job-1', 'the timer job run');
    expect(action(timer, 'HTTP')?.mocked).toBe('mockFile');
    expect(action(timer, 'CreateTimerJob')).toMatchObject({ status: 'Failed', outputs: { statusCode: 409 } });
    expect(timer.status).toBe('Succeeded');
    const last = await bench.runWhere((r) => r.workflow === 'CreateTimerJob' && r.status === 'Cancelled', 'the cancelled CreateTimerJob run');
    expect(action(last, 'Exceeded_Criteria_Response')?.status).toBe('Succeeded');
  });

  it.skipIf(!REAL_WORKFLOWS_PRESENT)('recurrence-jobs: CreateRecurrenceJob finds the next day with Until and starts ExecuteRecurrenceJob, whose Service Bus send is mocked', async () => {
    const body = { days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'], hours: 0, minutes: 0, inputTimeZone: 'UTC', startTime: '2020-01-01T00:00:00Z', sbmessage: { JobIdentifier: 'rec-1' }, 'dead-letter-props': {} };
    const { reply, run } = await bench.callAndRun(bench.url('CreateRecurrenceJob'), post(body));
    expect(reply.status).toBe(200);
    expect(action(run, 'ExecuteRecurrenceJob')).toMatchObject({ status: 'Succeeded', outputs: { statusCode: 202 } });
    const executed = await bench.runWhere((r) => r.workflow === 'ExecuteRecurrenceJob' && r.status !== 'Running', 'the execute run');
    expect(executed.status).toBe('Succeeded');
    expect(action(executed, 'Send_message')?.mocked).toBe('mockFile');
    const rescheduled = await bench.callAndRun(bench.url('RescheduleRecurrenceJob'), post({ ...body, lastExecutionTime: '2026-01-05T00:00:00Z' }));
    expect(rescheduled.reply.status).toBe(200);
    expect(rescheduled.reply.text).toBe('2026-01-06T00:00:00.0000000Z');
    expect(action(rescheduled.run, 'ExecuteRecurrenceJob')).toMatchObject({ status: 'Succeeded', outputs: { statusCode: 202 } });
  });
});
