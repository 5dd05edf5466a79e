import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_FILE_NAME } from '../../src-main/history/history.ts';
import { DatabaseSync } from '../../src-main/history/sqlite.ts';
import { isTruncatedValue } from '../../src-shared/record-values.ts';
import { startBench, type Bench } from './helpers/bench.ts';
import { compose, response, workflow } from './helpers/workflows.ts';

// A 5 MB body gave a 6 MB record: the trigger body bypassed the 1 MiB cap, and each body
// was stored five times (request, trigger outputs, Response inputs and outputs, response).

let bench: Bench;

beforeAll(async () => {
  bench = await startBench({
    files: {
      'echo/workflow.json': workflow(),
      'copies/workflow.json': workflow({ actions: { Copy: compose({ wrapped: '@triggerBody()', text: '@{string(triggerBody())}' }), Response: response({ statusCode: 200, body: "@outputs('Copy')" }, { Copy: ['Succeeded'] }) } }),
    },
  });
}, 30_000);

afterAll(() => bench?.close());

/** The record's JSON exactly as the history file holds it. */
function storedJson(id: string): string {
  bench.wb.history.flush();
  const db = new DatabaseSync(join(bench.dataDir, HISTORY_FILE_NAME), { readOnly: true });
  try {
    return (db.prepare('SELECT d.record FROM runs r JOIN run_data d ON d.seq = r.seq WHERE r.id = ?').get(id) as { record: string }).record;
  } finally {
    db.close();
  }
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

describe('what a run record holds', () => {
  it('a 5 MB echoed body gives a record of about the 1 MiB cap, with the trigger body marked truncated', async () => {
    const payload = JSON.stringify({ items: Array.from({ length: 50_000 }, (_, i) => ({ i, text: 'x'.repeat(80) })) });
    const { reply, run } = await bench.callAndRun(bench.url('echo'), { headers: JSON_HEADERS, body: payload });
    expect(reply.text).toBe(payload);
    const json = storedJson(run.id);
    expect(json.length).toBeLessThan(1.2 * 1024 * 1024);
    const stored = bench.stored(run.id);
    const body = (stored.triggerOutputs as { body: unknown }).body;
    expect(isTruncatedValue(body)).toBe(true);
    expect(body).toMatchObject({ size: payload.length });
    expect(stored.response!.body).toMatchObject({ size: payload.length, truncated: true });
  });

  it('a small body is stored once, and read back whole in every place it appeared', async () => {
    const marker = `marker-${'m'.repeat(2000)}`;
    const payload = JSON.stringify({ marker });
    const { run } = await bench.callAndRun(bench.url('echo'), { headers: JSON_HEADERS, body: payload });
    const json = storedJson(run.id);
    expect(json.split(marker).length - 1).toBe(1);
    const stored = bench.stored(run.id);
    expect((stored.triggerOutputs as { body: unknown }).body).toEqual({ marker });
    const responseAction = stored.actions.find((a) => a.name === 'Response')!;
    expect((responseAction.inputs as { body: unknown }).body).toEqual({ marker });
    expect(stored.response!.body.text).toBe(payload);
  });

  it('an action output larger than the cap is cut with the truncated marker', async () => {
    await bench.wb.updateSettings({ limits: { recordValueBytes: 64 * 1024 } });
    try {
      const payload = JSON.stringify({ rows: Array.from({ length: 5_000 }, (_, i) => ({ i, text: 'y'.repeat(40) })) });
      const { reply, run } = await bench.callAndRun(bench.url('copies'), { headers: JSON_HEADERS, body: payload });
      expect(reply.status).toBe(200);
      const copy = bench.stored(run.id).actions.find((a) => a.name === 'Copy')!;
      expect(isTruncatedValue(copy.outputs)).toBe(true);
      expect((copy.outputs as { text: string }).text.length).toBeLessThanOrEqual(64 * 1024);
      expect(storedJson(run.id).length).toBeLessThan(6 * 64 * 1024);
    } finally {
      await bench.wb.updateSettings({ limits: { recordValueBytes: 1024 * 1024 } });
    }
  });
});
