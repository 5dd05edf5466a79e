import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../src-shared/json-depth.ts';
import { startBench, type Bench } from './helpers/bench.ts';
import { workflow } from './helpers/workflows.ts';

// A 9 KB body of nested arrays used to crash the process from the history writer.

let bench: Bench;

beforeAll(async () => {
  bench = await startBench({
    files: {
      'echo/workflow.json': workflow(),
      'refusing/workflow.json': workflow({ conditions: [{ expression: "@equals(triggerBody(), 'never')" }] }),
    },
  });
}, 30_000);

afterAll(() => bench?.close());

const JSON_HEADERS = { 'Content-Type': 'application/json' };

describe('deeply nested JSON bodies', () => {
  it('a body nested 4,500 deep gets a clear 400, is recorded as Rejected, and the listener keeps serving', async () => {
    const body = '['.repeat(4500) + ']'.repeat(4500);
    const { reply, run } = await bench.callAndRun(bench.url('echo'), { headers: JSON_HEADERS, body });
    expect(reply.status).toBe(400);
    expect(reply.json()).toMatchObject({ error: { code: 'InvalidRequestContent' } });
    expect((reply.json() as { error: { message: string } }).error.message).toContain(`at most ${MAX_JSON_DEPTH} levels`);
    expect(bench.stored(run.id)).toMatchObject({ status: 'Rejected', error: { code: 'InvalidRequestContent' } });
    const next = await bench.call(bench.url('echo'), { headers: JSON_HEADERS, body: '{"ok":true}' });
    expect(next.status).toBe(200);
    expect(next.json()).toEqual({ ok: true });
  });

  it('the limit itself is accepted; one level more is not', async () => {
    const atLimit = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    expect((await bench.call(bench.url('echo'), { headers: JSON_HEADERS, body: atLimit })).status).toBe(200);
    const over = `[${atLimit}]`;
    expect((await bench.call(bench.url('echo'), { headers: JSON_HEADERS, body: over })).status).toBe(400);
    // Brackets inside strings do not count.
    const inString = JSON.stringify({ text: '['.repeat(5000) });
    expect((await bench.call(bench.url('echo'), { headers: JSON_HEADERS, body: inString })).status).toBe(200);
  });

  it('a call that a trigger condition refuses with a deep body is answered and recorded too', async () => {
    const body = '{"a":'.repeat(4500) + '1' + '}'.repeat(4500);
    const { reply, run } = await bench.callAndRun(bench.url('refusing'), { headers: JSON_HEADERS, body });
    expect(reply.status).toBe(400);
    expect(bench.stored(run.id).status).toBe('Rejected');
    expect((await bench.call(bench.url('echo'), { headers: JSON_HEADERS, body: '[1]' })).status).toBe(200);
  });
});
