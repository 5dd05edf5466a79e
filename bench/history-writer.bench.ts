/**
 * The history writer's CPU per run at the retention cap, with the record the
 * Request->Response benchmark stores: `node bench/history-writer.bench.ts [cap] [batch]`
 * (defaults 30,000 runs and batches of 350, the size the group commit reaches at ~7,000
 * calls/s). Runs the writer thread's own statements (createHistoryWriter, applyRetention)
 * on this thread, so process.threadCpuUsage() is the writer's CPU: fill to the cap, then
 * as many runs again, each batch pruning as many as it adds, deferred index work included.
 * Prints figures only (docs/benchmarks.md, "Second round").
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { RunRecord } from '../src-shared/runs.ts';
import { openHistoryDatabase } from '../src-main/history/history-schema.ts';
import { createHistoryWriter } from '../src-main/history/history-write.ts';
import { applyRetention } from '../src-main/history/history-retention.ts';
import { toStoredRun, type StoredRun } from '../src-main/history/history-stored.ts';
import { ACCOUNT_PAYLOAD, BENCH_WORKFLOW } from './request-response/workspace.ts';

const CAP = Number(process.argv[2] ?? 30_000);
const BATCH = Number(process.argv[3] ?? 350);
const START = Date.now();

/** A run as the runtime records the benchmark's call: the brief's payload echoed by a Response, with its x-ms-* headers. */
function benchRun(n: number): RunRecord {
  const id = `08584${String(n).padStart(24, '0')}CU${String(n % 100).padStart(2, '0')}`;
  const correlationId = randomUUID();
  const text = JSON.stringify(ACCOUNT_PAYLOAD);
  const body = JSON.parse(text) as unknown;
  const at = (ms: number) => new Date(START + n + ms).toISOString();
  const headers = { 'content-type': 'application/json', 'content-length': String(text.length), Host: '127.0.0.1:38265', Connection: 'keep-alive' };
  return {
    id,
    workflow: BENCH_WORKFLOW,
    trigger: 'manual',
    status: 'Succeeded',
    startTime: at(0),
    endTime: at(3),
    durationMs: 3,
    correlationId,
    clientTrackingId: id,
    auth: { scheme: 'SAS', keyType: 'primary' },
    request: {
      method: 'POST',
      url: `/api/${BENCH_WORKFLOW}/triggers/manual/invoke?api-version=2022-05-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=***`,
      headers,
      body: { size: text.length, contentType: 'application/json', text },
      remoteAddress: '127.0.0.1',
      httpVersion: '1.1',
      tls: { protocol: 'TLSv1.2', cipher: 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384' },
    },
    triggerOutputs: { headers, queries: { 'api-version': '2022-05-01' }, relativePathParameters: {}, body },
    actions: [
      {
        name: 'Response',
        type: 'Response',
        status: 'Succeeded',
        startTime: at(1),
        endTime: at(3),
        durationMs: 2,
        inputs: { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body },
        outputs: { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body },
      },
    ],
    response: {
      status: 200,
      headers: {
        'Content-Type': 'application/json',
        'x-ms-request-id': correlationId,
        'x-ms-correlation-id': correlationId,
        'x-ms-tracking-id': correlationId,
        'x-ms-workflow-name': BENCH_WORKFLOW,
        'x-ms-workflow-version': '00639318146914210000',
        'x-ms-workflow-run-id': id,
        'x-ms-trigger-history-name': id,
        'x-ms-client-tracking-id': id,
      },
      body: { size: text.length, contentType: 'application/json', text },
    },
    responseMs: 3,
  };
}

const dataDir = mkdtempSync(join(tmpdir(), 'triggerbench-writer-bench-'));
try {
  const db = openHistoryDatabase(join(dataDir, 'history.sqlite'), dataDir);
  const writer = createHistoryWriter(db);
  const retention = { maxRuns: CAP, maxAgeDays: Infinity };
  let next = 0;
  let cpuUs = 0;
  /** One write request as the writer thread handles it (history-worker.ts), its CPU counted. */
  const transaction = (body: () => unknown) => {
    const before = process.threadCpuUsage();
    db.exec('BEGIN IMMEDIATE');
    body();
    db.exec('COMMIT');
    const used = process.threadCpuUsage(before);
    cpuUs += used.user + used.system;
  };
  const writeBatch = () => {
    // Built outside the measured part: that is the main thread's work (history.bench.ts measures it).
    const runs: StoredRun[] = Array.from({ length: BATCH }, () => toStoredRun(benchRun(next++)));
    transaction(() => {
      writer.upsert(runs);
      applyRetention(writer, retention, Date.now());
      if (writer.pendingCount() > 2000) writer.indexPending(1000);
    });
  };
  const upkeep = () => {
    while (writer.pendingCount() > 0) transaction(() => writer.indexPending(1000));
    let more = true;
    while (more) transaction(() => (more = writer.mergeIndex(256)));
  };
  const sample = toStoredRun(benchRun(0));
  console.log(`History writer bench (Node ${process.version}): the request benchmark's record (${sample.json.length} B of JSON, ${sample.text.length} characters of search text), batches of ${BATCH}, cap ${CAP.toLocaleString('en-US')}`);
  while (next < CAP) writeBatch();
  upkeep();
  const fillUs = cpuUs;
  console.log(`  below the cap: ${(fillUs / next).toFixed(1)} us of writer CPU per run (${next.toLocaleString('en-US')} runs, index work included)`);
  cpuUs = 0;
  const first = next;
  while (next < first + CAP) writeBatch();
  upkeep();
  console.log(`  at the cap:    ${(cpuUs / (next - first)).toFixed(1)} us of writer CPU per run (${(next - first).toLocaleString('en-US')} runs, each batch pruning as many)`);
  console.log(`  file: ${(statSync(join(dataDir, 'history.sqlite')).size / CAP).toFixed(0)} bytes per run kept`);
  db.close();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
