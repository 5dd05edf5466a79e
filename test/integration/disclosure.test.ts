import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBench, type Bench } from './helpers/bench.ts';
import { errorOf, withoutSas } from './helpers/https-client.ts';
import { response, workflow } from './helpers/workflows.ts';

// A caller without credentials learns no more than Azure would tell it: not the trigger's
// name, not the workflow's problems (which quote expressions), not whether it is disabled.

let bench: Bench;

const SECRET_EXPRESSION = "@concat(appsetting('InternalSecretSetting'), triggerBody()";

beforeAll(async () => {
  bench = await startBench({
    files: {
      'hidden/workflow.json': workflow({ triggerName: 'When_a_HTTP_request_is_received' }),
      'broken/workflow.json': workflow({ actions: { Response: response({ statusCode: 200, body: SECRET_EXPRESSION }) } }),
      'off/workflow.json': workflow(),
      'local.settings.json': { IsEncrypted: false, Values: { 'Workflows.off.FlowState': 'Disabled' } },
    },
  });
}, 30_000);

afterAll(() => bench?.close());

describe('before authentication', () => {
  it('a wrong trigger name is 404 without naming the real trigger; the history keeps the full reason', async () => {
    const url = bench.url('hidden').replace('/triggers/When_a_HTTP_request_is_received/', '/triggers/manual/');
    const { reply, run } = await bench.callAndRun(url, { body: 'x' });
    expect(reply.status).toBe(404);
    expect(errorOf(reply).code).toBe('WorkflowTriggerNotFound');
    expect(reply.text).not.toContain('When_a_HTTP_request_is_received');
    expect(bench.stored(run.id).error!.message).toContain('When_a_HTTP_request_is_received');
  });

  it('a workflow with problems says only that it cannot be called; with a valid signature it says why', async () => {
    const anonymous = await bench.call(withoutSas(bench.url('broken')), { body: 'x' });
    expect(anonymous.status).toBe(400);
    expect(errorOf(anonymous).code).toBe('WorkflowNotCallable');
    expect(anonymous.text).not.toContain('InternalSecretSetting');
    expect(anonymous.text).not.toContain('workflow.json');
    const signed = await bench.call(bench.url('broken'), { body: 'x' });
    expect(errorOf(signed).code).toBe('WorkflowNotCallable');
    expect(errorOf(signed).message).toContain('First problem');
  });

  it('a disabled workflow is not revealed to an unauthenticated caller', async () => {
    const anonymous = await bench.call(withoutSas(bench.url('off')), { body: 'x' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).not.toMatch(/disabled/i);
    const signed = await bench.call(bench.url('off'), { body: 'x' });
    expect(errorOf(signed).code).toBe('WorkflowTriggerIsNotEnabled');
  });
});
