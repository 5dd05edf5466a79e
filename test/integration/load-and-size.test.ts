import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBench, until, type Bench } from './helpers/bench.ts';
import { response, workflow } from './helpers/workflows.ts';

// The runtime under parallel keep-alive traffic and with large bodies: no cross-talk
// between calls, unique run ids, every run recorded, big bodies intact.

let bench: Bench;

beforeAll(async () => {
  bench = await startBench({
    files: {
      'echo/workflow.json': workflow(),
      'binary/workflow.json': workflow({ actions: { Response: response({ statusCode: 200, body: '@triggerBody()' }) } }),
    },
  });
}, 30_000);

afterAll(() => bench?.close());

describe('parallel calls on keep-alive connections', () => {
  it('100 calls over 8 connections each get their own answer and their own recorded run', async () => {
    const agent = new https.Agent({ keepAlive: true, maxSockets: 8 });
    try {
      const url = bench.url('echo');
      const replies = await Promise.all(
        Array.from({ length: 100 }, (_, n) => bench.call(url, { agent, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ n }) })),
      );
      replies.forEach((reply, n) => {
        expect(reply.status).toBe(200);
        expect(reply.json()).toEqual({ n });
      });
      const ids = replies.map((reply) => reply.headers['x-ms-workflow-run-id'] as string);
      expect(new Set(ids).size).toBe(100);
      const recorded = await until(() => {
        const count = bench.wb.history.count({ workflow: 'echo', status: 'Succeeded' });
        return count >= 100 && count;
      }, bench.wb.events, 'runs:changed', 'all 100 runs in the history');
      expect(recorded).toBe(100);
      for (const [n, id] of ids.entries()) expect((bench.wb.history.get(id)!.triggerOutputs as { body: unknown }).body).toEqual({ n });
    } finally {
      agent.destroy();
    }
  });
});

describe('large bodies', () => {
  it('a 5 MB JSON body comes back intact; the history keeps its size and the first MiB', async () => {
    const payload = JSON.stringify({ items: Array.from({ length: 50_000 }, (_, i) => ({ i, text: 'x'.repeat(80) })) });
    expect(payload.length).toBeGreaterThan(4_500_000);
    const { reply, run } = await bench.callAndRun(bench.url('echo'), { headers: { 'Content-Type': 'application/json' }, body: payload });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe(payload);
    const stored = bench.stored(run.id);
    expect(stored.request.body).toMatchObject({ size: Buffer.byteLength(payload), truncated: true });
    expect(stored.request.body.text!.length).toBe(1024 * 1024);
    expect(stored.response?.body).toMatchObject({ size: Buffer.byteLength(payload), truncated: true });
  });

  it('a large non-ASCII text body cut at the capture limit is still kept as text, cut at a character boundary', async () => {
    const payload = JSON.stringify({ note: '€'.repeat(400_000) }); // 3 bytes each: the 1 MiB cut falls inside a character
    const { reply, run } = await bench.callAndRun(bench.url('echo'), { headers: { 'Content-Type': 'application/json' }, body: payload });
    expect(reply.status).toBe(200);
    const captured = bench.stored(run.id).request.body;
    expect(captured).toMatchObject({ size: Buffer.byteLength(payload), truncated: true });
    expect(captured.base64).toBeUndefined();
    expect(payload.startsWith(captured.text!)).toBe(true);
    expect(Buffer.byteLength(captured.text!)).toBeGreaterThan(1024 * 1024 - 4);
  });

  it('binary bytes pass through as $content and come back byte for byte with their type', async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256));
    const { reply, run } = await bench.callAndRun(bench.url('binary'), { headers: { 'Content-Type': 'image/png' }, body: bytes });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('image/png');
    expect(reply.body.equals(bytes)).toBe(true);
    expect(bench.stored(run.id).request.body).toMatchObject({ size: 4096, base64: bytes.toString('base64') });
  });
});
