import { describe, expect, it } from 'vitest';
import { startBench, until } from './helpers/bench.ts';
import { errorOf } from './helpers/https-client.ts';
import { response, wait, workflow } from './helpers/workflows.ts';

// Stopping Triggerbench while a caller waits for a Response: the caller gets a plain
// JSON 503 instead of a dropped connection, and the run is recorded as Cancelled.
describe('stopping with a caller waiting', () => {
  it('answers 503 ServiceStopping and records the run as Cancelled', async () => {
    const bench = await startBench({ files: { 'slow/workflow.json': workflow({ actions: { Wait: wait(30), Response: response({ statusCode: 200 }, { Wait: ['Succeeded'] }) } }) } });
    const pending = bench.call(bench.url('slow'), { method: 'POST' });
    // The history shows a run that goes on for over a second as Running.
    await until(() => bench.wb.history.list({ workflow: 'slow', status: 'Running' })[0], bench.wb.events, 'runs:changed', 'the run to show as Running');
    const runDone = bench.runWhere((run) => run.workflow === 'slow' && run.status !== 'Running', 'the cancelled run');
    await bench.wb.stop();
    const reply = await pending;
    expect(reply.status).toBe(503);
    expect(errorOf(reply).code).toBe('ServiceStopping');
    const run = await runDone;
    expect(run.status).toBe('Cancelled');
    expect(run.actions.find((a) => a.name === 'Wait')?.status).toBe('Cancelled');
    await bench.close();
  });
});
