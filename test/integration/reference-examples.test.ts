import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBench, type Bench } from './helpers/bench.ts';
import { compose, response, workflow } from './helpers/workflows.ts';
import { REFERENCE_EXAMPLES, XML_PARAMETERS, type Example } from '../expression/reference-examples.ts';

// Every example of Microsoft's function reference through a real run: one workflow per
// category, a Compose per example, and a Response returning every Compose's output, called
// over HTTPS. The evaluator runs the same table in test/expression/reference-examples.test.ts.

const ALL_STATUSES = ['Succeeded', 'Failed', 'Skipped', 'TimedOut'];
const parameters = Object.fromEntries(Object.entries({ ...XML_PARAMETERS, fullName: 'Sophia Owen' }).map(([k, v]) => [k, { type: 'String', defaultValue: v }]));

function categoryWorkflow(examples: Example[]): object {
  const actions: Record<string, Record<string, unknown>> = {};
  const body: Record<string, string> = {};
  examples.forEach((example, i) => {
    actions[`E${i}`] = compose(`@${example.expr}`);
    body[`E${i}`] = `@outputs('E${i}')`;
  });
  actions.Response = response({ statusCode: 200, body }, Object.fromEntries(examples.map((_, i) => [`E${i}`, ALL_STATUSES])));
  return workflow({ actions, parameters });
}

/** The reference's workflow-function examples, in a workflow that has what they read. */
const WORKFLOW_FUNCTIONS = workflow({
  parameters: { fullName: { type: 'String', defaultValue: 'Sophia Owen' } },
  actions: {
    Get_user: compose({ statusCode: 200, body: { FullName: 'Contoso Corporation', Id: 283541717, status: 'Succeeded' } }),
    Send_an_email: compose({ body: { $formdata: [{ key: 'Subject', value: 'Hello world' }] } }),
    Init_numItems: { type: 'InitializeVariable', inputs: { variables: [{ name: 'numItems', type: 'Integer', value: 20 }] }, runAfter: {} },
    Init_counter: { type: 'InitializeVariable', inputs: { variables: [{ name: 'myCounter', type: 'Integer', value: 0 }] }, runAfter: {} },
    Init_indexes: { type: 'InitializeVariable', inputs: { variables: [{ name: 'indexes', type: 'Array', value: [] }] }, runAfter: {} },
    Init_bodies: { type: 'InitializeVariable', inputs: { variables: [{ name: 'bodies', type: 'Array', value: [] }] }, runAfter: {} },
    For_each: {
      type: 'Foreach',
      foreach: "@json('[{\"body\": \"first\"}, {\"body\": \"second\"}]')",
      operationOptions: 'Sequential',
      actions: {
        Collect: { type: 'AppendToArrayVariable', inputs: { name: 'bodies', value: "@concat(item().body, '/', items('For_each').body)" }, runAfter: {} },
      },
      runAfter: { Init_bodies: ['Succeeded'] },
    },
    Until_Max_Increment: {
      type: 'Until',
      expression: "@equals(variables('myCounter'), 5)",
      limit: { count: 60, timeout: 'PT1H' },
      actions: {
        Increment_variable: { type: 'IncrementVariable', inputs: { name: 'myCounter', value: 1 }, runAfter: {} },
        Record_index: { type: 'AppendToArrayVariable', inputs: { name: 'indexes', value: "@iterationIndexes('Until_Max_Increment')" }, runAfter: { Increment_variable: ['Succeeded'] } },
      },
      runAfter: { Init_counter: ['Succeeded'], Init_indexes: ['Succeeded'] },
    },
    Response: response(
      {
        statusCode: 200,
        body: {
          status: "@actions('Get_user').outputs.body.status",
          body: "@body('Get_user')",
          outputs: "@outputs('Get_user')",
          subjects: "@formDataMultiValues('Send_an_email', 'Subject')",
          subject: "@formDataValue('Send_an_email', 'Subject')",
          feedUrls: "@triggerFormDataMultiValues('feedUrl')",
          feedUrl: "@triggerFormDataValue('feedUrl')",
          fullName: "@parameters('fullName')",
          numItems: "@variables('numItems')",
          bodies: "@variables('bodies')",
          indexes: "@variables('indexes')",
          resultName: "@first(result('For_each'))?['name']",
          runName: '@workflow().run.name',
          callbackUrl: '@listCallbackUrl()',
        },
      },
      { Get_user: ['Succeeded'], Send_an_email: ['Succeeded'], Init_numItems: ['Succeeded'], For_each: ['Succeeded'], Until_Max_Increment: ['Succeeded'] },
    ),
  },
});

let bench: Bench;

beforeAll(async () => {
  const files: Record<string, object> = {
    'workflow-functions/workflow.json': WORKFLOW_FUNCTIONS,
    'expression-error/workflow.json': workflow({
      actions: {
        Cut: compose("@substring('hello', 2, 10)"),
        Response: response({ statusCode: 200, body: "@outputs('Cut')" }, { Cut: ['Succeeded'] }),
        Failure: response({ statusCode: 500, body: "@actions('Cut')?['error']" }, { Cut: ['Failed'] }),
      },
    }),
    'xml-response/workflow.json': workflow({ actions: { Response: response({ statusCode: 200, body: "@xml(json('{\"order\": {\"@id\": \"7\", \"item\": [\"a\", \"b\"]}}'))" }) } }),
  };
  for (const [category, examples] of Object.entries(REFERENCE_EXAMPLES)) files[`examples-${category}/workflow.json`] = categoryWorkflow(examples);
  bench = await startBench({ files });
});

afterAll(async () => {
  await bench?.close();
});

for (const [category, examples] of Object.entries(REFERENCE_EXAMPLES)) {
  describe(`${category} functions through a workflow run`, () => {
    let outputs: Record<string, unknown>;
    let failures: string[];

    beforeAll(async () => {
      const { reply, run } = await bench.callAndRun(bench.url(`examples-${category}`), { body: '{}', headers: { 'Content-Type': 'application/json' } });
      expect(reply.status).toBe(200);
      outputs = reply.json<Record<string, unknown>>();
      failures = (run.actions ?? []).filter((a) => a.status !== 'Succeeded').map((a) => `${a.name}: ${a.error?.message ?? a.status}`);
    });

    it.each(examples.map((e, i) => [e.expr, e, i] as const))('%s', (_expr, example, i) => {
      expect(failures.filter((f) => f.startsWith(`E${i}:`))).toEqual([]);
      const value = outputs[`E${i}`];
      if (example.oneOf) expect(example.oneOf).toContainEqual(value);
      else if (example.clock || example.result === undefined) expect(String(value)).toMatch(example.pattern!);
      else expect(value).toEqual(example.result);
    });
  });
}

describe('workflow functions through a workflow run', () => {
  it('reads actions, form data, parameters, variables, loops, the run and its own callback URL', async () => {
    const { reply, run } = await bench.callAndRun(bench.url('workflow-functions'), {
      body: 'feedUrl=https%3A%2F%2Ffeeds.a.dj.com%2Frss%2FRSSMarketsMain.xml',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(run.actions?.filter((a) => a.status !== 'Succeeded').map((a) => `${a.name}: ${a.error?.message}`)).toEqual([]);
    expect(reply.status).toBe(200);
    const body = reply.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      status: 'Succeeded',
      body: { FullName: 'Contoso Corporation', Id: 283541717, status: 'Succeeded' },
      outputs: { statusCode: 200, body: { FullName: 'Contoso Corporation' } },
      subjects: ['Hello world'],
      subject: 'Hello world',
      feedUrls: ['https://feeds.a.dj.com/rss/RSSMarketsMain.xml'],
      feedUrl: 'https://feeds.a.dj.com/rss/RSSMarketsMain.xml',
      fullName: 'Sophia Owen',
      numItems: 20,
      bodies: ['first/first', 'second/second'],
      indexes: [0, 1, 2, 3, 4],
      resultName: 'Collect',
      runName: reply.headers['x-ms-workflow-run-id'],
    });
    // listCallbackUrl() is this workflow's real signed URL: calling it starts another run.
    expect(body.callbackUrl).toBe(bench.url('workflow-functions'));
    const again = await bench.call(String(body.callbackUrl), { body: 'feedUrl=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(again.status).toBe(200);
  });
});

describe('function errors and binary results through a workflow run', () => {
  it("an argument out of range fails the action with Azure's InvalidTemplate and says how to fix it", async () => {
    const { reply, run } = await bench.callAndRun(bench.url('expression-error'), { body: '{}', headers: { 'Content-Type': 'application/json' } });
    const cut = run.actions?.find((a) => a.name === 'Cut');
    expect(cut?.status).toBe('Failed');
    expect(cut?.error?.code).toBe('InvalidTemplate');
    expect(cut?.error?.message).toContain("Unable to process template language expressions in action 'Cut' inputs");
    expect(cut?.error?.message).toContain('must not exceed the length of the string (5); use slice()');
    expect(reply.status).toBe(500);
    expect(reply.json()).toMatchObject({ code: 'InvalidTemplate' });
  });

  it('xml() of an object answers as XML with its content type', async () => {
    const reply = await bench.call(bench.url('xml-response'), { body: '{}', headers: { 'Content-Type': 'application/json' } });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/xml;charset=utf-8');
    expect(reply.text).toBe('<order id="7"><item>a</item><item>b</item></order>');
  });
});
