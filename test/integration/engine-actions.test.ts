import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionRunsAt, loopIterations } from '../../src-shared/run-iterations.ts';
import { startBench, type Bench } from './helpers/bench.ts';
import { compose, response, workflow } from './helpers/workflows.ts';

// Each built-in action in a small workflow, called over HTTPS; the run record is checked
// as the console's run view reads it (stored in the history, loop iterations included).

type Json = Record<string, unknown>;
const variable = (name: string, type: string, value?: unknown): Json => ({ type: 'InitializeVariable', inputs: { variables: [value === undefined ? { name, type } : { name, type, value }] }, runAfter: {} });
const after = (action: Json, previous: string, statuses = ['Succeeded']): Json => ({ ...action, runAfter: { [previous]: statuses } });

let bench: Bench;

beforeAll(async () => {
  bench = await startBench({
    files: {
      'variables/workflow.json': workflow({
        actions: {
          Count: variable('count', 'Integer', 5),
          Text: after(variable('text', 'String', 'a'), 'Count'),
          List: after(variable('list', 'Array', []), 'Text'),
          Ratio: after(variable('ratio', 'Float', 0.5), 'List'),
          Up: after({ type: 'IncrementVariable', inputs: { name: 'count', value: 3 } }, 'Ratio'),
          Down: after({ type: 'DecrementVariable', inputs: { name: 'count' } }, 'Up'),
          More: after({ type: 'AppendToStringVariable', inputs: { name: 'text', value: "@{variables('count')}b" } }, 'Down'),
          Push: after({ type: 'AppendToArrayVariable', inputs: { name: 'list', value: { n: "@variables('count')" } } }, 'More'),
          Half: after({ type: 'IncrementVariable', inputs: { name: 'ratio', value: 0.25 } }, 'Push'),
          Replace: after({ type: 'SetVariable', inputs: { name: 'text', value: "@concat(variables('text'), '!')" } }, 'Half'),
          Answer: response({ statusCode: 200, body: { count: "@variables('count')", text: "@variables('text')", list: "@variables('list')", ratio: "@variables('ratio')" } }, { Replace: ['Succeeded'] }),
        },
      }),
      'foreach/workflow.json': workflow({
        actions: {
          Seen: variable('seen', 'Array'),
          Each: after(
            {
              type: 'Foreach',
              foreach: "@triggerBody()?['orders']",
              runtimeConfiguration: { concurrency: { repetitions: 3 } },
              actions: {
                Price: compose("@mul(items('Each')?['qty'], 10)"),
                Check: {
                  type: 'If',
                  expression: { and: [{ greater: ["@outputs('Price')", 25] }] },
                  actions: { Big: { type: 'AppendToArrayVariable', inputs: { name: 'seen', value: "@items('Each')?['id']" } } },
                  runAfter: { Price: ['Succeeded'] },
                },
              },
            },
            'Seen',
          ),
          Answer: response({ statusCode: 200, body: "@length(variables('seen'))" }, { Each: ['Succeeded'] }),
        },
      }),
      'sequential/workflow.json': workflow({
        actions: {
          Log: variable('log', 'String', ''),
          Each: after({ type: 'Foreach', foreach: '@range(0, 5)', operationOptions: 'Sequential', actions: { Add: { type: 'AppendToStringVariable', inputs: { name: 'log', value: '@{item()}' } } } }, 'Log'),
          Answer: response({ statusCode: 200, body: "@variables('log')" }, { Each: ['Succeeded'] }),
        },
      }),
      'until/workflow.json': workflow({
        actions: {
          N: variable('n', 'Integer', 1),
          Double: after({ type: 'Until', expression: "@greaterOrEquals(variables('n'), triggerBody()?['atLeast'])", limit: { count: 10, timeout: 'PT1M' }, actions: { Times: { type: 'SetVariable', inputs: { name: 'n', value: "@mul(variables('n'), 2)" } } } }, 'N'),
          Answer: response({ statusCode: 200, body: { n: "@variables('n')", loops: "@length(result('Double'))" } }, { Double: ['Succeeded'] }),
        },
      }),
      'data/workflow.json': workflow({
        actions: {
          Parse: { type: 'ParseJson', inputs: { content: '@triggerBody()', schema: { type: 'object', properties: { people: { type: 'array' } }, required: ['people'] } }, runAfter: {} },
          Adults: after({ type: 'Query', inputs: { from: "@body('Parse')?['people']", where: "@greaterOrEquals(item()?['age'], 18)" } }, 'Parse'),
          Names: after({ type: 'Select', inputs: { from: "@body('Adults')", select: { who: "@toUpper(item()?['name'])" } } }, 'Adults'),
          Joined: after({ type: 'Join', inputs: { from: "@body('Parse')?['tags']", joinWith: ' | ' } }, 'Names'),
          Csv: after({ type: 'Table', inputs: { from: "@body('Adults')", format: 'CSV' } }, 'Joined'),
          Html: after({ type: 'Table', inputs: { from: "@body('Adults')", format: 'HTML', columns: [{ header: 'Name', value: "@item()?['name']" }] } }, 'Csv'),
          Answer: response({ statusCode: 200, body: { names: "@body('Names')", joined: "@body('Joined')", csv: "@body('Csv')", html: "@body('Html')" } }, { Html: ['Succeeded'] }),
          Invalid: response({ statusCode: 400, body: "@actions('Parse')?['error']" }, { Parse: ['Failed'] }),
        },
      }),
      'switch/workflow.json': workflow({
        actions: {
          Route: {
            type: 'Switch',
            expression: "@triggerBody()?['kind']",
            cases: { Gold: { case: 'gold', actions: { G: response({ statusCode: 200, body: 'gold lane' }) } }, Ten: { case: 10, actions: { T: response({ statusCode: 200, body: 'ten' }) } } },
            default: { actions: { D: response({ statusCode: 404, body: 'no lane' }) } },
            runAfter: {},
          },
        },
      }),
      'terminate/workflow.json': workflow({
        actions: {
          Stop: { type: 'Terminate', inputs: { runStatus: "@triggerBody()?['status']", runError: { code: 'Rejected', message: "@{triggerBody()?['why']}" } }, runAfter: {} },
          Never: response({ statusCode: 200, body: 'not reached' }, { Stop: ['Succeeded'] }),
        },
      }),
      'try-catch/workflow.json': workflow({
        actions: {
          Try: { type: 'Scope', actions: { Risky: compose("@div(10, triggerBody()?['by'])") }, runAfter: {} },
          Ok: response({ statusCode: 200, body: "@outputs('Risky')" }, { Try: ['Succeeded'] }),
          Catch: response({ statusCode: 500, body: { failed: "@first(result('Try'))?['name']", code: "@first(result('Try'))?['error']?['code']" } }, { Try: ['Failed', 'TimedOut'] }),
        },
      }),
    },
  });
  const errors = bench.wb.workspaceView().workflows.flatMap((w) => w.problems.filter((p) => p.severity === 'error').map((p) => `${w.name}: ${p.message}`));
  expect(errors).toEqual([]);
}, 30_000);

afterAll(() => bench?.close());

const post = (body: unknown) => ({ headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('built-in actions over HTTPS', () => {
  it('variables: initialize each type, increment, decrement, append to string and array, set', async () => {
    const { reply, run } = await bench.callAndRun(bench.url('variables'), post({}));
    expect(reply.json()).toEqual({ count: 7, text: 'a7b!', list: [{ n: 7 }], ratio: 0.75 });
    expect(run.actions.find((a) => a.name === 'Up')?.outputs).toEqual({ body: { name: 'count', value: 8 } });
  });

  it('Foreach: 3 at a time, items() per iteration, an If inside; the history keeps one record per iteration', async () => {
    const orders = [1, 2, 3, 4, 5].map((qty, i) => ({ id: `o${i}`, qty }));
    const { reply, run } = await bench.callAndRun(bench.url('foreach'), post({ orders }));
    expect(reply.text).toBe('3');
    const stored = bench.stored(run.id);
    expect(stored.actions.find((a) => a.name === 'Each')?.iterationCount).toBe(5);
    expect(stored.actions.filter((a) => a.name === 'Price').map((a) => a.outputs).sort()).toEqual([10, 20, 30, 40, 50]);
    // Iteration 1 (qty 2) took the else branch: Big is Skipped there, Succeeded in iteration 4.
    expect(actionRunsAt(stored.actions, { Each: 1 }).find((a) => a.name === 'Big')?.status).toBe('Skipped');
    expect(actionRunsAt(stored.actions, { Each: 4 }).find((a) => a.name === 'Big')?.status).toBe('Succeeded');
    expect(loopIterations(stored.actions, 'Each', {}).map((i) => i.index)).toEqual([0, 1, 2, 3, 4]);
  });

  it('Foreach with Sequential runs the items in order', async () => {
    expect((await bench.call(bench.url('sequential'), post({}))).text).toBe('01234');
  });

  it('Until: runs its body, then checks; result() lists each iteration', async () => {
    const { reply, run } = await bench.callAndRun(bench.url('until'), post({ atLeast: 20 }));
    expect(reply.json()).toEqual({ n: 32, loops: 5 });
    expect(run.actions.find((a) => a.name === 'Double')?.iterationCount).toBe(5);
    expect(run.actions.filter((a) => a.name === 'Times').map((a) => a.iteration?.[0]?.index)).toEqual([0, 1, 2, 3, 4]);
  });

  it('ParseJson, Query, Select, Join, Table (CSV and HTML)', async () => {
    const people = [{ name: 'Ada', age: 36 }, { name: 'Tim', age: 9 }, { name: 'Grace, R', age: 45 }];
    const { reply } = await bench.callAndRun(bench.url('data'), post({ people, tags: ['a', 'b', 3] }));
    expect(reply.json()).toEqual({
      names: [{ who: 'ADA' }, { who: 'GRACE, R' }],
      joined: 'a | b | 3',
      csv: 'name,age\r\nAda,36\r\n"Grace, R",45',
      html: '<table><thead><tr><th>Name</th></tr></thead><tbody><tr><td>Ada</td></tr><tr><td>Grace, R</td></tr></tbody></table>',
    });
  });

  it('ParseJson fails with ValidationFailed when the content does not match its schema', async () => {
    const { reply } = await bench.callAndRun(bench.url('data'), post({ nobody: true }));
    expect(reply.status).toBe(400);
    expect(reply.json()).toMatchObject({ code: 'ValidationFailed' });
    expect((reply.json() as { message: string }).message).toContain('missing from object: people');
  });

  it('Switch: a string case, a number case, and default', async () => {
    expect((await bench.call(bench.url('switch'), post({ kind: 'gold' }))).text).toBe('gold lane');
    expect((await bench.call(bench.url('switch'), post({ kind: 10 }))).text).toBe('ten');
    const other = await bench.callAndRun(bench.url('switch'), post({ kind: 'lead' }));
    expect(other.reply.status).toBe(404);
    expect(other.run.actions.filter((a) => a.status === 'Skipped').map((a) => a.name).sort()).toEqual(['G', 'T']);
  });

  it('Terminate ends the run as Failed (with its code and message), Cancelled or Succeeded; nothing after it runs', async () => {
    const failed = await bench.callAndRun(bench.url('terminate'), post({ status: 'Failed', why: 'out of stock' }));
    expect(failed.reply.status).toBe(502);
    expect(failed.run.status).toBe('Failed');
    expect(failed.run.error).toEqual({ code: 'Rejected', message: 'out of stock' });
    expect(failed.run.actions.map((a) => a.name)).toEqual(['Stop']);
    expect((await bench.callAndRun(bench.url('terminate'), post({ status: 'Cancelled' }))).run.status).toBe('Cancelled');
    expect((await bench.callAndRun(bench.url('terminate'), post({ status: 'Succeeded' }))).run.status).toBe('Succeeded');
  });

  it('try/catch with Scope: a failure inside Try runs Catch, which reads result()', async () => {
    expect((await bench.call(bench.url('try-catch'), post({ by: 2 }))).text).toBe('5');
    const { reply, run } = await bench.callAndRun(bench.url('try-catch'), post({ by: 0 }));
    expect(reply.status).toBe(500);
    expect(reply.json()).toEqual({ failed: 'Risky', code: 'InvalidTemplate' });
    expect(run.status).toBe('Succeeded');
  });
});
