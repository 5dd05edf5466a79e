import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBench, type Bench } from './helpers/bench.ts';
import { errorOf } from './helpers/https-client.ts';
import { wait, workflow } from './helpers/workflows.ts';

// 20,000 calls into a long Wait took the process from 133 MB to 2.1 GB, and ten 95 MB
// bodies to 8.8 GB: runs and body bytes in flight are bounded globally, beyond → 429.

let bench: Bench;

beforeAll(async () => {
  bench = await startBench({
    files: {
      // No Response: the caller gets 202 at once while the run holds its place in the Wait.
      'hold/workflow.json': workflow({ actions: { Hold: wait(120) } }),
      'quick/workflow.json': workflow(),
    },
  });
}, 30_000);

afterAll(() => bench?.close());

describe('global bounds on work in flight', () => {
  it('beyond maxRunsInFlight a call is 429 TooManyRunsInFlight with Retry-After, until places free up', async () => {
    await bench.wb.updateSettings({ limits: { maxRunsInFlight: 2 } });
    expect((await bench.call(bench.url('hold'), { body: 'a' })).status).toBe(202);
    expect((await bench.call(bench.url('hold'), { body: 'b' })).status).toBe(202);
    const refused = await bench.call(bench.url('quick'), { headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(refused.status).toBe(429);
    expect(errorOf(refused).code).toBe('TooManyRunsInFlight');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await bench.wb.updateSettings({ limits: { maxRunsInFlight: 1000 } });
    expect((await bench.call(bench.url('quick'), { headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(200);
  });

  it('beyond maxBufferedBodyBytes a call is 429 TooManyBytesInFlight, with or without Content-Length', async () => {
    await bench.wb.updateSettings({ limits: { maxBufferedBodyBytes: 1024 * 1024 } });
    const big = Buffer.alloc(700 * 1024, 'x');
    expect((await bench.call(bench.url('hold'), { headers: { 'Content-Type': 'text/plain' }, body: big })).status).toBe(202);
    const declared = await bench.call(bench.url('quick'), { headers: { 'Content-Type': 'text/plain' }, body: big });
    expect(declared.status).toBe(429);
    expect(errorOf(declared).code).toBe('TooManyBytesInFlight');
    expect(declared.headers['retry-after']).toBeDefined();
    const chunked = await bench.call(bench.url('quick'), { headers: { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' }, body: big });
    expect(chunked.status).toBe(429);
    expect(errorOf(chunked).code).toBe('TooManyBytesInFlight');
    // Small calls still fit beside the held body.
    expect((await bench.call(bench.url('quick'), { headers: { 'Content-Type': 'application/json' }, body: '{"small":true}' })).status).toBe(200);
  });
});
