import { describe, expect, it } from 'vitest';
import { actionRunsAt } from '../../src-shared/run-iterations.ts';
import { respond, runDefinition } from './run-definition.ts';

const sent = (outcome: { sent?: { body: Buffer } }): unknown => JSON.parse(outcome.sent!.body.toString());

describe('loops and variables', () => {
  it('Foreach runs once per item, concurrently by default, and IncrementVariable never loses an update', async () => {
    const outcome = await runDefinition({
      Init: { type: 'InitializeVariable', inputs: { variables: [{ name: 'total', type: 'integer', value: 0 }, { name: 'seen', type: 'array' }] } },
      Loop: {
        type: 'Foreach',
        foreach: '@triggerBody()',
        runAfter: { Init: ['Succeeded'] },
        actions: {
          Double: { type: 'Compose', inputs: '@mul(item(), 2)' },
          Add: { type: 'IncrementVariable', inputs: { name: 'total', value: '@outputs(\'Double\')' }, runAfter: { Double: ['Succeeded'] } },
          Remember: { type: 'AppendToArrayVariable', inputs: { name: 'seen', value: '@iterationIndexes(\'Loop\')' }, runAfter: { Add: ['Succeeded'] } },
        },
      },
      Answer: respond({ total: "@variables('total')", count: "@length(variables('seen'))" }, { Loop: ['Succeeded'] }),
    }, { body: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
    expect(outcome.status).toBe('Succeeded');
    expect(sent(outcome)).toEqual({ total: 110, count: 10 });
    const loop = outcome.actions.find((a) => a.name === 'Loop')!;
    expect(loop.iterationCount).toBe(10);
    const doubles = outcome.actions.filter((a) => a.name === 'Double');
    expect(doubles).toHaveLength(10);
    expect(actionRunsAt(outcome.actions, { Loop: 3 }).find((a) => a.name === 'Double')?.outputs).toBe(8);
  });

  it('Until repeats until its condition holds, stops at limit.count, and fails there with FailWhenLimitsReached', async () => {
    const outcome = await runDefinition({
      Init: { type: 'InitializeVariable', inputs: { variables: [{ name: 'n', type: 'integer', value: 0 }] } },
      Count: { type: 'Until', expression: "@equals(variables('n'), 3)", limit: { count: 10, timeout: 'PT1M' }, runAfter: { Init: ['Succeeded'] }, actions: { Step: { type: 'IncrementVariable', inputs: { name: 'n' } } } },
      Capped: { type: 'Until', expression: '@false', limit: { count: 4 }, runAfter: { Count: ['Succeeded'] }, actions: { Step2: { type: 'IncrementVariable', inputs: { name: 'n', value: 10 } } } },
      Strict: { type: 'Until', expression: '@false', limit: { count: 2 }, operationOptions: 'FailWhenLimitsReached', runAfter: { Capped: ['Succeeded'] }, actions: { Step3: { type: 'Compose', inputs: 1 } } },
      Answer: respond("@variables('n')", { Strict: ['Failed'] }),
    });
    expect(outcome.status).toBe('Succeeded');
    expect(sent(outcome)).toBe(43);
    expect(outcome.actions.find((a) => a.name === 'Count')!.iterationCount).toBe(3);
    expect(outcome.actions.find((a) => a.name === 'Capped')!.iterationCount).toBe(4);
    // With FailWhenLimitsReached, reaching the count fails the loop.
    expect(outcome.actions.find((a) => a.name === 'Strict')).toMatchObject({ status: 'Failed', iterationCount: 2, error: { code: 'UntilLimitsReached' } });
  });

  it('variable rules: a wrong type fails the action with a clear message', async () => {
    const outcome = await runDefinition({
      Init: { type: 'InitializeVariable', inputs: { variables: [{ name: 'n', type: 'Integer', value: 1 }] } },
      Bad: { type: 'SetVariable', inputs: { name: 'n', value: 'abc' }, runAfter: { Init: ['Succeeded'] } },
      Missing: { type: 'IncrementVariable', inputs: { name: 'nope' }, runAfter: { Init: ['Succeeded'] } },
      Twice: { type: 'InitializeVariable', inputs: { variables: [{ name: 'N', type: 'String' }] }, runAfter: { Init: ['Succeeded'] } },
    });
    expect(outcome.status).toBe('Failed');
    const error = (name: string) => outcome.actions.find((a) => a.name === name)!.error;
    expect(error('Bad')).toMatchObject({ code: 'InvalidVariableValue' });
    expect(error('Bad')!.message).toContain("only supports values of type 'Integer'");
    expect(error('Missing')).toMatchObject({ code: 'InvalidVariable' });
    expect(error('Twice')).toMatchObject({ code: 'VariableAlreadyInitialized' });
  });

  it('try/catch: a failed Scope runs the catch, which reads result() and the run succeeds', async () => {
    const outcome = await runDefinition({
      Try: { type: 'Scope', actions: { Boom: { type: 'Compose', inputs: "@div(1, 0)" }, After: { type: 'Compose', inputs: 'x', runAfter: { Boom: ['Succeeded'] } } } },
      Catch: { type: 'Compose', inputs: "@first(body('Filter'))", runAfter: { Filter: ['Succeeded'] } },
      Filter: { type: 'Query', inputs: { from: "@result('Try')", where: "@equals(item()?['status'], 'Failed')" }, runAfter: { Try: ['Failed', 'Skipped', 'TimedOut'] } },
      Answer: respond({ failed: "@outputs('Catch')?['name']", code: "@outputs('Catch')?['error']?['code']", results: "@length(result('Try'))" }, { Catch: ['Succeeded'] }),
    });
    expect(outcome.actions.find((a) => a.name === 'Try')!.status).toBe('Failed');
    expect(outcome.status).toBe('Succeeded');
    expect(sent(outcome)).toEqual({ failed: 'Boom', code: 'InvalidTemplate', results: 2 });
  });

  it('an action waiting for a Skipped one runs when it accepts Skipped, whatever the order of the file', async () => {
    const outcome = await runDefinition({
      Last: { type: 'Compose', inputs: 'ran', runAfter: { Middle: ['Skipped'] } },
      Middle: { type: 'Compose', inputs: 'never', runAfter: { First: ['Failed'] } },
      First: { type: 'Compose', inputs: 'ok' },
      Answer: respond("@outputs('Last')", { Last: ['Succeeded'] }),
    });
    expect(outcome.actions.map((a) => `${a.name}:${a.status}`)).toEqual(['First:Succeeded', 'Middle:Skipped', 'Last:Succeeded', 'Answer:Succeeded']);
    expect(outcome.sent?.body.toString()).toBe('ran');
  });

  it('Foreach concurrency: never more iterations at once than repetitions allows', async () => {
    let inFlight = 0;
    let most = 0;
    // Each iteration waits on a Wait of 0 s between two Composes whose expressions count
    // the iterations in flight (getters on the trigger body).
    const outcome = await runDefinition(
      {
        Loop: {
          type: 'Foreach',
          foreach: '@range(0, 12)',
          runtimeConfiguration: { concurrency: { repetitions: 3 } },
          actions: {
            Enter: { type: 'Compose', inputs: "@triggerBody()?['enter']" },
            Pause: { type: 'Wait', inputs: { interval: { count: 0, unit: 'Second' } }, runAfter: { Enter: ['Succeeded'] } },
            Leave: { type: 'Compose', inputs: "@triggerBody()?['leave']", runAfter: { Pause: ['Succeeded'] } },
          },
        },
      },
      {
        body: {
          get enter() {
            inFlight++;
            most = Math.max(most, inFlight);
            return inFlight;
          },
          get leave() {
            inFlight--;
            return inFlight;
          },
        },
      },
    );
    expect(outcome.status).toBe('Succeeded');
    expect(outcome.actions.find((a) => a.name === 'Loop')?.iterationCount).toBe(12);
    expect(most).toBe(3);
  });

  it('Terminate cancels an action still running in another branch, and nothing else starts', async () => {
    const outcome = await runDefinition({
      Long: { type: 'Wait', inputs: { interval: { count: 1, unit: 'Hour' } } },
      After_long: { type: 'Compose', inputs: 'never', runAfter: { Long: ['Succeeded', 'Failed', 'Skipped', 'TimedOut'] } },
      Stop: { type: 'Terminate', inputs: { runStatus: 'Cancelled' } },
    });
    expect(outcome.status).toBe('Cancelled');
    expect(outcome.actions.map((a) => `${a.name}:${a.status}`)).toEqual(['Long:Cancelled', 'Stop:Succeeded']);
  });

  it('limit.timeout ends a long action as TimedOut, which runAfter can catch', async () => {
    const outcome = await runDefinition({
      Long: { type: 'Wait', inputs: { interval: { count: 1, unit: 'Hour' } }, limit: { timeout: 'PT0.05S' } },
      Caught: { type: 'Compose', inputs: "@actions('Long')?['error']?['code']", runAfter: { Long: ['TimedOut'] } },
    });
    expect(outcome.status).toBe('Succeeded');
    expect(outcome.actions.find((a) => a.name === 'Caught')?.outputs).toBe('ActionTimedOut');
  });

  it('inline JavaScript reads workflowContext and returns outputs.body; a throw or an endless loop fails the action clearly', async () => {
    const outcome = await runDefinition(
      {
        Prices: { type: 'Compose', inputs: [3, 4] },
        Sum: { type: 'JavaScriptCode', inputs: { code: "const p = workflowContext.actions.Prices.outputs;\nreturn { total: p[0] + p[1], who: workflowContext.trigger.outputs.body.name, run: workflowContext.workflow.run.name };" }, runAfter: { Prices: ['Succeeded'] } },
        Throws: { type: 'JavaScriptCode', inputs: { code: "throw new Error('no stock');" } },
        Spins: { type: 'JavaScriptCode', inputs: { code: 'while (true) {}' } },
      },
      { body: { name: 'Ada' } },
    );
    const byName = (name: string) => outcome.actions.find((a) => a.name === name)!;
    expect(byName('Sum').outputs).toEqual({ body: { total: 7, who: 'Ada', run: '08584000000000000000000000000CU00' } });
    expect(byName('Throws').error).toEqual({ code: 'InlineCodeScriptFailed', message: "The inline code of 'Throws' failed: no stock" });
    expect(byName('Spins').error?.message).toContain('timed out');
  }, 20_000);

  it('Until stops at limit.timeout (and succeeds), counted on the run clock', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    // Every reading of the clock moves it a minute on: the loop's timeout of 5 minutes ends it early.
    const outcome = await runDefinition(
      { Spin: { type: 'Until', expression: '@false', limit: { count: 1000, timeout: 'PT5M' }, actions: { Tick: { type: 'Compose', inputs: 1 } } } },
      { now: () => new Date((clock += 60_000)) },
    );
    const spin = outcome.actions.find((a) => a.name === 'Spin')!;
    expect(spin.status).toBe('Succeeded');
    expect(spin.iterationCount).toBeGreaterThan(0);
    expect(spin.iterationCount).toBeLessThan(5);
  });

  it('nested Foreach: items() names either loop, item() is the inner one, records carry both indexes', async () => {
    const outcome = await runDefinition(
      {
        Pairs: { type: 'InitializeVariable', inputs: { variables: [{ name: 'pairs', type: 'array' }] } },
        Outer: {
          type: 'Foreach',
          foreach: "@triggerBody()?['letters']",
          operationOptions: 'Sequential',
          runAfter: { Pairs: ['Succeeded'] },
          actions: {
            Inner: {
              type: 'Foreach',
              foreach: "@triggerBody()?['numbers']",
              operationOptions: 'Sequential',
              actions: { Pair: { type: 'AppendToArrayVariable', inputs: { name: 'pairs', value: "@concat(items('Outer'), string(item()), '@', string(iterationIndexes('Outer')), string(iterationIndexes('Inner')))" } } },
            },
          },
        },
        Answer: respond("@variables('pairs')", { Outer: ['Succeeded'] }),
      },
      { body: { letters: ['a', 'b'], numbers: [1, 2] } },
    );
    expect(JSON.parse(outcome.sent!.body.toString())).toEqual(['a1@00', 'a2@01', 'b1@10', 'b2@11']);
    expect(outcome.actions.filter((a) => a.name === 'Pair').map((a) => a.iteration)).toEqual([
      [{ loop: 'Outer', index: 0 }, { loop: 'Inner', index: 0 }],
      [{ loop: 'Outer', index: 0 }, { loop: 'Inner', index: 1 }],
      [{ loop: 'Outer', index: 1 }, { loop: 'Inner', index: 0 }],
      [{ loop: 'Outer', index: 1 }, { loop: 'Inner', index: 1 }],
    ]);
  });
});
