import { describe, expect, it } from 'vitest';
import { respond, runDefinition } from './run-definition.ts';

describe('stand-ins for actions', () => {
  it('a static result wins over the mock file; the mock file supplies any non-container action by name (any case)', async () => {
    const outcome = await runDefinition(
      {
        Call: { type: 'Http', inputs: { method: 'GET', uri: 'https://unreachable.invalid/' }, runtimeConfiguration: { staticResult: { name: 'Call0', staticResultOptions: 'Enabled' } } },
        Lookup: { type: 'ApiConnection', inputs: {}, runAfter: { Call: ['Succeeded'] } },
        Answer: respond({ call: "@outputs('Call')?['statusCode']", lookup: "@body('Lookup')" }, { Lookup: ['Succeeded'] }),
      },
      {
        staticResults: { Call0: { status: 'Succeeded', outputs: { statusCode: 299 } } },
        services: { mockFor: (name) => ({ call: { status: 'Failed' }, lookup: { outputs: { body: 'from the mock file' } } })[name.toLowerCase()] },
      },
    );
    expect(outcome.status).toBe('Succeeded');
    expect(JSON.parse(outcome.sent!.body.toString())).toEqual({ call: 299, lookup: 'from the mock file' });
    expect(outcome.actions.map((a) => a.mocked)).toEqual(['staticResult', 'mockFile', undefined]);
  });

  it('a bad entry fails the action saying what to fix; a Response and containers are never mocked', async () => {
    const outcome = await runDefinition(
      {
        Odd: { type: 'Compose', inputs: 1 },
        Missing: { type: 'Compose', inputs: 2, runtimeConfiguration: { staticResult: { name: 'Nope', staticResultOptions: 'Enabled' } } },
        Scope: { type: 'Scope', actions: { Inner: { type: 'Compose', inputs: 'real' } } },
        Answer: respond("@outputs('Inner')", { Scope: ['Succeeded'] }),
      },
      { services: { mockFor: (name) => ({ odd: { status: 'Maybe' }, scope: { status: 'Failed' }, answer: { status: 'Failed' } })[name.toLowerCase()] } },
    );
    const byName = (name: string) => outcome.actions.find((a) => a.name === name)!;
    expect(byName('Odd').error).toEqual({ code: 'InvalidStandIn', message: expect.stringContaining('status "Maybe"') });
    expect(byName('Missing').error?.code).toBe('StaticResultNotFound');
    expect(byName('Scope').status).toBe('Succeeded');
    expect(outcome.sent?.body.toString()).toBe('real');
  });

  it('a connector action with no stand-in fails, naming the mock file to add', async () => {
    const outcome = await runDefinition({ Send: { type: 'ServiceProvider', inputs: {} } });
    expect(outcome.actions[0]!.error).toMatchObject({ code: 'ConnectorNotAvailableOffline', message: expect.stringContaining('wf/mocks.json') });
  });
});
