/**
 * Run-history benchmark: `node bench/history.bench.ts [runs]` (default 100,000).
 * Prints figures only, never pass/fail: insert throughput, what record() costs the
 * caller, event-loop stalls caused by batch writes, and list()/count() latency at size.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { RunQuery, RunRecord, RunStatus } from '../src-shared/runs.ts';
import { finishIndexUpkeep, openRunHistory, type RunHistory } from '../src-main/history/history.ts';

const TOTAL = Number(process.argv[2] ?? 100_000);
const PER_TICK = 100; // runs recorded per event-loop turn: a busy listener
const WORKFLOWS = Array.from({ length: 10 }, (_, i) => `workflow-${i}`);
const STATUSES: RunStatus[] = ['Succeeded', 'Succeeded', 'Succeeded', 'Succeeded', 'Failed', 'Rejected', 'Running', 'TimedOut'];
const CUSTOMERS = ['Contoso', 'Fabrikam', 'Northwind', 'Tailspin', 'Woodgrove', 'Adatum', 'Litware', 'Proseware'];
const START = Date.parse('2025-01-01T00:00:00Z');

function makeRun(n: number): RunRecord {
  const id = `${String(8_584_000_000_000_000_000_000_000n + BigInt(n)).padStart(29, '0')}CU${String(n % 100).padStart(2, '0')}`;
  const workflow = WORKFLOWS[n % WORKFLOWS.length]!;
  const status = STATUSES[(n * 7) % STATUSES.length]!;
  const customer = CUSTOMERS[n % CUSTOMERS.length]!;
  const body = JSON.stringify({ orderId: `ORD-${n}`, customer, lines: [{ sku: `SKU-${n % 977}`, qty: (n % 5) + 1, price: 19.99 }], note: 'Deliver to the loading dock before noon' });
  const startTime = new Date(START + n * 1000).toISOString();
  return {
    id,
    workflow,
    trigger: 'manual',
    status,
    error: status === 'Failed' ? { code: 'ActionFailed', message: `Action Compose failed for order ORD-${n}` } : status === 'Rejected' ? { code: 'DirectApiAuthorizationRequired', message: 'The request must be authenticated' } : undefined,
    auth: { scheme: 'SAS', keyType: 'primary' },
    startTime,
    endTime: new Date(START + n * 1000 + 35).toISOString(),
    durationMs: 35,
    correlationId: `corr-${n}`,
    request: {
      method: 'POST',
      url: `/api/${workflow}/triggers/manual/invoke/orders/${n}?api-version=2022-05-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=***`,
      headers: { 'content-type': 'application/json', 'user-agent': 'bench/1.0', host: '127.0.0.1:7071' },
      body: { size: body.length, contentType: 'application/json', text: body },
      remoteAddress: '127.0.0.1',
      httpVersion: '1.1',
      tls: { protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-GCM-SHA256' },
    },
    triggerOutputs: { headers: { 'content-type': 'application/json' }, body: JSON.parse(body) },
    actions: [
      { name: 'Compose', type: 'Compose', status: status === 'Failed' ? 'Failed' : 'Succeeded', durationMs: 1, inputs: { orderId: `ORD-${n}` }, outputs: { orderId: `ORD-${n}` } },
      { name: 'Response', type: 'Response', status: 'Succeeded', durationMs: 1, inputs: { statusCode: 200 }, outputs: { statusCode: 200 } },
    ],
    response: { status: status === 'Rejected' ? 401 : 200, headers: { 'content-type': 'application/json' }, body: { size: 16, contentType: 'application/json', text: '{"received":true}' } },
    responseMs: 12,
  };
}

const nextCommit = (history: RunHistory) =>
  new Promise<void>((resolve) => {
    const off = history.onChange(() => {
      off();
      resolve();
    });
  });

/** CPU time of this thread only (the writer thread's work is not in it), in µs. */
function mainThreadCpuUs(): number {
  const usage = process.threadCpuUsage();
  return usage.user + usage.system;
}

/** CPU time of the other threads (the history writer; V8's helpers are a few %), in µs. */
function otherThreadsCpuUs(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system - mainThreadCpuUs();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function fmt(n: number, digits = 2): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Records `count` runs from `from`, PER_TICK per turn, waiting for each batch to commit. */
async function recordRuns(history: RunHistory, from: number, count: number): Promise<{ seconds: number; callerNs: number }> {
  let callerNs = 0;
  const started = performance.now();
  for (let n = from; n < from + count; n += PER_TICK) {
    const runs = Array.from({ length: Math.min(PER_TICK, from + count - n) }, (_, i) => makeRun(n + i));
    const committed = nextCommit(history);
    const t0 = process.hrtime.bigint();
    for (const run of runs) history.record(run);
    callerNs += Number(process.hrtime.bigint() - t0);
    await committed;
  }
  return { seconds: (performance.now() - started) / 1000, callerNs };
}

function timeQuery(label: string, history: RunHistory, query: RunQuery, repeats = 30): void {
  const list: number[] = [];
  const count: number[] = [];
  let rows = 0;
  let total = 0;
  for (let i = 0; i < repeats; i += 1) {
    let t0 = performance.now();
    rows = history.list(query).length;
    list.push(performance.now() - t0);
    t0 = performance.now();
    total = history.count(query);
    count.push(performance.now() - t0);
  }
  list.sort((a, b) => a - b);
  count.sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(34)} list median ${fmt(percentile(list, 50)).padStart(7)} ms  p95 ${fmt(percentile(list, 95)).padStart(7)} ms  (${rows} rows) | count median ${fmt(percentile(count, 50)).padStart(7)} ms  (${total} matches)`,
  );
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'triggerbench-history-bench-'));
  try {
    console.log(`Run history bench: ${TOTAL.toLocaleString('en-US')} runs, ${PER_TICK} recorded per event-loop turn, Node ${process.version}`);
    const history = openRunHistory(dataDir);

    const loopDelay = monitorEventLoopDelay({ resolution: 1 });
    loopDelay.enable();
    const cpuBefore = mainThreadCpuUs();
    const writerBefore = otherThreadsCpuUs();
    const fill = await recordRuns(history, 0, TOTAL);
    const mainCpuUs = mainThreadCpuUs() - cpuBefore;
    loopDelay.disable();
    const upkeepStarted = performance.now();
    finishIndexUpkeep(history);
    const upkeepMs = performance.now() - upkeepStarted;
    const writerCpuUs = otherThreadsCpuUs() - writerBefore;
    console.log(`\nInserts: ${fmt(TOTAL / fill.seconds, 0)} runs/s (${fmt(fill.seconds)} s for ${TOTAL.toLocaleString('en-US')}; includes building the records)`);
    console.log(`  wall time per run (writer thread: SQL, indexes, trigram index): ${fmt((fill.seconds * 1e6) / TOTAL)} µs`);
    console.log(`  main-thread CPU per run (build the record, record(), serialise, post): ${fmt(mainCpuUs / TOTAL)} µs`);
    console.log(`  writer-thread CPU per run (deferred index work done after the fill included, ${fmt(upkeepMs, 0)} ms): ${fmt(writerCpuUs / TOTAL)} µs`);
    console.log(`  event-loop delay while recording: p50 ${fmt(loopDelay.percentile(50) / 1e6)} ms, p99 ${fmt(loopDelay.percentile(99) / 1e6)} ms, max ${fmt(loopDelay.max / 1e6)} ms`);
    const size = statSync(history.file).size + (statSync(`${history.file}-wal`, { throwIfNoEntry: false })?.size ?? 0);
    console.log(`  file size: ${fmt(size / 1024 / 1024, 1)} MiB (${fmt(size / TOTAL, 0)} bytes/run)`);

    // Caller's side: record() vs a function that does nothing with the same records.
    const sample = Array.from({ length: 10_000 }, (_, i) => makeRun(TOTAL + 1_000_000 + i));
    let sink = 0;
    const noop = (run: RunRecord) => {
      sink += run.id.length;
    };
    for (const run of sample.slice(0, 1000)) noop(run); // warm up
    let t0 = process.hrtime.bigint();
    for (const run of sample) noop(run);
    const baselineNs = Number(process.hrtime.bigint() - t0) / sample.length;
    t0 = process.hrtime.bigint();
    for (const run of sample) history.record(run);
    const recordNs = Number(process.hrtime.bigint() - t0) / sample.length;
    history.flush();
    console.log(`\nCaller's side of record(): ${fmt(recordNs, 0)} ns/call vs ${fmt(baselineNs, 0)} ns/call doing nothing (ratio ${fmt(recordNs / baselineNs, 1)}x)`);
    console.log(`  during the fill above: ${fmt(fill.callerNs / TOTAL, 0)} ns/call; per 1 ms request that is ${fmt((fill.callerNs / TOTAL / 1e6) * 100, 3)} % of its time`);

    // At the retention cap, every batch also prunes the oldest runs.
    history.setRetention({ maxRuns: TOTAL });
    history.flush();
    finishIndexUpkeep(history);
    const capWriterBefore = otherThreadsCpuUs();
    const atCap = await recordRuns(history, TOTAL + 2_000_000, 10_000);
    finishIndexUpkeep(history);
    const capWriterUs = otherThreadsCpuUs() - capWriterBefore;
    console.log(`\nInserts at a ${TOTAL.toLocaleString('en-US')}-run retention cap (each batch prunes as many): ${fmt(10_000 / atCap.seconds, 0)} runs/s, writer-thread CPU ${fmt(capWriterUs / 10_000)} µs per run (index work included); rows now ${history.count().toLocaleString('en-US')}`);

    console.log(`\nQueries at ${history.count().toLocaleString('en-US')} runs (30 repeats each):`);
    timeQuery('no filter', history, {});
    timeQuery('workflow', history, { workflow: 'workflow-3' });
    timeQuery('status (rare: TimedOut)', history, { status: 'TimedOut' });
    timeQuery('workflow + status', history, { workflow: 'workflow-3', status: 'Rejected' });
    timeQuery('offset (half-way)', history, { offset: Math.floor(TOTAL / 2) });
    timeQuery('limit 1000', history, { limit: 1000 });
    timeQuery('text, rare ("ORD-54321")', history, { text: 'ORD-54321' });
    timeQuery('text, common ("Fabrikam")', history, { text: 'Fabrikam' });
    timeQuery('text, everywhere ("loading dock")', history, { text: 'loading dock' });
    timeQuery('text + workflow ("Fabrikam")', history, { text: 'Fabrikam', workflow: 'workflow-1' });
    timeQuery('text + status ("ActionFailed")', history, { text: 'ActionFailed', status: 'Failed' });
    timeQuery('short text ("77")', history, { text: '77' });

    const getTimes: number[] = [];
    for (let i = 0; i < 1000; i += 1) {
      const t = performance.now();
      history.get(makeRun(TOTAL - 1 - i).id);
      getTimes.push(performance.now() - t);
    }
    getTimes.sort((a, b) => a - b);
    console.log(`  get(id)                            median ${fmt(percentile(getTimes, 50), 3)} ms  p95 ${fmt(percentile(getTimes, 95), 3)} ms`);
    if (sink < 0) console.log(sink);
    history.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
