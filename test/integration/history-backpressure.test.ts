import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_QUEUED_RUNS } from '../../src-main/history/history.ts';
import type { RunRecord } from '../../src-shared/runs.ts';
import { startBench, type Bench } from './helpers/bench.ts';
import { response, workflow } from './helpers/workflows.ts';

// When the run history falls far behind, a new call waits for it before it runs, and is
// then answered and recorded as usual (docs/history.md, "Back-pressure").

let bench: Bench;

beforeAll(async () => {
  bench = await startBench({ files: { 'echo/workflow.json': workflow({ inputs: { method: 'POST' }, actions: { Response: response({ statusCode: 200, body: '@triggerBody()' }) } }) } });
}, 30_000);

afterAll(async () => {
  await bench?.close();
});

function queuedRun(n: number): RunRecord {
  return { id: `backlog-${n}`, workflow: 'echo', trigger: 'manual', status: 'Succeeded', startTime: new Date(Date.UTC(2025, 0, 1) + n).toISOString(), correlationId: `c-${n}`, request: { method: 'POST', url: '/api/echo', headers: {}, body: { size: 0 }, remoteAddress: '127.0.0.1', httpVersion: '1.1' }, actions: [] };
}

describe('back-pressure from the run history', () => {
  it('holds a call while the history is behind, then answers and records it', { timeout: 60_000 }, async () => {
    const history = bench.wb.history;
    // Four times the runs the history keeps queued, recorded in one turn: none is written
    // yet, and the writer needs many batches (far longer than one call) to catch up.
    const backlog = 4 * MAX_QUEUED_RUNS;
    for (let n = 0; n < backlog; n++) history.record(queuedRun(n));
    const room = history.room();
    expect(room).toBeInstanceOf(Promise);
    let caughtUp = false;
    void room!.then(() => (caughtUp = true));

    const { reply, run } = await bench.callAndRun(bench.url('echo'), { headers: { 'Content-Type': 'application/json' }, body: '{"n":1}' });
    // Answered only once the history had room again, and recorded like any call.
    expect(caughtUp).toBe(true);
    expect(reply.status).toBe(200);
    expect(run.status).toBe('Succeeded');
    expect(bench.stored(run.id).request.body.text).toBe('{"n":1}');
    expect(history.count({ workflow: 'echo' })).toBe(backlog + 1);
  });
});
