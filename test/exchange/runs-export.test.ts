import { execFile } from 'node:child_process';
import { chmod, cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHar, runsToHar } from '../../src-shared/exchange/har.ts';
import { recordingFromRun, type Recording } from '../../src-shared/exchange/recording.ts';
import { RECORDING_SCHEMA } from '../../src-shared/exchange/recording-schema.ts';
import type { RunRecord } from '../../src-shared/runs.ts';
import { checkRecording } from '../../src-main/replay/recording-files.ts';
import { BIN, runCli } from '../cli/cli-helpers.ts';
import { startBench, type Bench } from '../integration/helpers/bench.ts';
import { withPath, withQuery } from '../integration/helpers/https-client.ts';
import { aadPolicy, response, workflow } from '../integration/helpers/workflows.ts';

/** har-validator (no type declarations): the validator HAR tooling uses, against the HAR 1.2 schema. */
const harValidator = createRequire(import.meta.url)('har-validator') as { har(data: unknown): Promise<unknown> };

const AUDIENCE = 'api://orders-export';

const ordersWorkflow = (status: string) =>
  workflow({
    inputs: { method: 'POST', relativePath: '/orders/{id}' },
    actions: {
      Response: response({
        statusCode: 201,
        headers: { 'Content-Type': 'application/json', 'X-Order': "@{triggerOutputs()['relativePathParameters']['id']}" },
        body: { id: "@triggerOutputs()['relativePathParameters']['id']", status, run: '@{workflow().run.name}', at: '@{utcNow()}', echo: '@triggerBody()' },
      }),
    },
  });

let bench: Bench;
let dataDir: string;
let sasRun: RunRecord;
let bearerRun: RunRecord;
let textRun: RunRecord;
let echoRun: RunRecord;
let echoToken: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tb-export-data-'));
  bench = await startBench({
    dataDir,
    files: {
      'orders/workflow.json': ordersWorkflow('accepted'),
      'secured/workflow.json': workflow({ actions: { Response: response({ statusCode: 200, body: { message: 'in', who: "@{triggerOutputs()['headers']?['x-caller']}" } }) } }),
      'echoauth/workflow.json': workflow({ operationOptions: 'IncludeAuthorizationHeadersInOutputs', actions: { Response: response({ statusCode: 200, body: { seen: "@triggerOutputs()['headers']?['Authorization']" } }) } }),
      'plain/workflow.json': workflow({ actions: { Response: response({ statusCode: 200, headers: { 'Content-Type': 'text/plain' }, body: 'hello @{triggerBody()}' }) } }),
    },
  });
  await bench.write('secured/access-control.json', aadPolicy(bench.wb.issuer.issuer, AUDIENCE));
  await bench.write('echoauth/access-control.json', aadPolicy(bench.wb.issuer.issuer, AUDIENCE));
  // The workbench does not watch here: open the workspace again to read access-control.json.
  await bench.wb.openWorkspace(bench.root);
  sasRun = (await bench.callAndRun(withQuery(withPath(bench.url('orders'), 'orders/42'), { priority: 'high' }), { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ qty: 3, note: 'it\'s "quoted"' }) })).run;
  const token = (await bench.wb.mintToken({ aud: AUDIENCE, sub: 'tester', claims: { roles: ['writer'] } })).token;
  const secured = new URL(bench.url('secured'));
  bearerRun = (await bench.callAndRun(`${secured.origin}${secured.pathname}?api-version=2022-05-01`, { headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-caller': 'ci' }, body: '{}' })).run;
  echoToken = (await bench.wb.mintToken({ aud: AUDIENCE })).token;
  const echo = new URL(bench.url('echoauth'));
  echoRun = (await bench.callAndRun(`${echo.origin}${echo.pathname}?api-version=2022-05-01`, { headers: { authorization: `Bearer ${echoToken}` }, body: '' })).run;
  textRun = (await bench.callAndRun(bench.url('plain'), { headers: { 'content-type': 'text/plain' }, body: 'world' })).run;
  bench.wb.history.flush();
}, 30_000);

afterAll(async () => {
  await bench?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('HAR export', () => {
  it('is accepted by har-validator, with bodies, timings and TLS details, and no secret in clear', async () => {
    const runs = [sasRun, bearerRun, textRun].map((run) => bench.stored(run.id));
    const har = runsToHar(runs, { creatorVersion: '0.1.0' });
    await expect(harValidator.har(JSON.parse(JSON.stringify(har)))).resolves.toBeTruthy();
    const [sas, bearer] = har.log.entries;
    expect(sas!.request.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/api\/orders\/triggers\/manual\/invoke\/orders\/42\?/);
    expect(sas!.request.url).toContain('sig=***');
    expect(sas!.request.postData!.text).toBe(JSON.stringify({ qty: 3, note: 'it\'s "quoted"' }));
    expect(JSON.parse(sas!.response.content.text!)).toMatchObject({ id: '42', status: 'accepted' });
    expect(sas!.response.status).toBe(201);
    expect(sas!._tls).toEqual({ protocol: 'TLSv1.2', cipher: expect.any(String) });
    expect(sas!.time).toBeGreaterThanOrEqual(0);
    expect(bearer!.request.headers.find((h) => h.name.toLowerCase() === 'authorization')!.value).toBe('Bearer ***');
    expect(JSON.stringify(har)).not.toContain('eyJ');
  });

  it('comes back in as the same recordings, and as saved requests', () => {
    const runs = [sasRun, bearerRun, textRun].map((run) => bench.stored(run.id));
    const har = JSON.parse(JSON.stringify(runsToHar(runs, { creatorVersion: '0.1.0' })));
    const imported = importHar(har, 'calls.har');
    expect(imported.problems).toEqual([]);
    expect(imported.recordings).toEqual(runs.map((run) => recordingFromRun(run).recording));
    expect(imported.requests.map((r) => [r.method, r.target?.workflow, r.auth.type])).toEqual([
      ['POST', 'orders', 'sas'],
      ['POST', 'secured', 'bearer'],
      ['POST', 'plain', 'sas'],
    ]);
    expect(imported.requests[0]!.target).toEqual({ workflow: 'orders', trigger: 'manual', relativePath: 'orders/42', query: [{ name: 'priority', value: 'high' }] });
    expect(imported.requests[0]!.url).not.toContain('sig=');
  });
});

describe('recordings', () => {
  it('name the volatile fields and match the JSON Schema in docs/schemas', async () => {
    const recording = recordingFromRun(bench.stored(sasRun.id)).recording!;
    expect(recording.volatile.headers).toEqual(expect.arrayContaining(['x-ms-workflow-run-id', 'x-ms-correlation-id', 'x-ms-workflow-version']));
    expect(recording.volatile.body.sort()).toEqual(['/at', '/run']);
    expect(recording.request.auth).toEqual({ scheme: 'SAS', keyType: 'primary' });
    expect(JSON.stringify(recording)).not.toMatch(/sig=/);
    expect(checkRecording(JSON.parse(JSON.stringify(recording)), 'x')).toBeTruthy();
    const onDisk = JSON.parse(await readFile(join(import.meta.dirname, '../../docs/schemas/recording.schema.json'), 'utf8'));
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(RECORDING_SCHEMA)));
  });

  it('keep the claims of a Bearer call but never its token', () => {
    const recording = recordingFromRun(bench.stored(bearerRun.id)).recording!;
    expect(recording.request.auth).toMatchObject({ scheme: 'Bearer', claims: { aud: AUDIENCE, sub: 'tester', roles: ['writer'] } });
    expect(Object.keys(recording.request.headers).map((h) => h.toLowerCase())).not.toContain('authorization');
  });
});

describe('triggerbench export runs and replay', () => {
  let replayWorkspace: string;
  let recordingsDir: string;

  beforeAll(async () => {
    replayWorkspace = await mkdtemp(join(tmpdir(), 'tb-replay-ws-'));
    recordingsDir = join(replayWorkspace, '.triggerbench', 'recordings');
    await cp(bench.root, replayWorkspace, { recursive: true });
  });

  afterAll(async () => {
    await rm(replayWorkspace, { recursive: true, force: true });
  });

  it('exports NDJSON of whole run records and the selected runs by id', async () => {
    const result = await runCli(['export', 'runs', '--format', 'ndjson', '--id', sasRun.id, '--id', textRun.id, '--data-dir', dataDir]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as RunRecord);
    expect(lines.map((run) => run.id)).toEqual([sasRun.id, textRun.id]);
    expect(lines[0]!.actions.length).toBeGreaterThan(0);
    const missing = await runCli(['export', 'runs', '--format', 'ndjson', '--id', 'nope', '--data-dir', dataDir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('RunNotFound');
    const usage = await runCli(['export', 'runs', '--format', 'pdf', '--data-dir', dataDir]);
    expect(usage.code).toBe(2);
  });

  it('masks a token the history keeps in clear (IncludeAuthorizationHeadersInOutputs) unless secrets are asked for', async () => {
    expect(JSON.stringify(bench.stored(echoRun.id))).toContain(echoToken);
    for (const format of ['ndjson', 'har']) {
      const masked = await runCli(['export', 'runs', '--format', format, '--id', echoRun.id, '--data-dir', dataDir]);
      expect(masked.code).toBe(0);
      expect(masked.stdout).not.toContain(echoToken);
      expect(masked.stdout).toContain('Bearer ***');
    }
    const clear = await runCli(['export', 'runs', '--format', 'ndjson', '--id', echoRun.id, '--include-secrets', '--data-dir', dataDir]);
    expect(clear.stdout).toContain(echoToken);
  });

  it('writes one recording per run, which replays green, red after the Response changes, green after --update', async () => {
    const exported = await runCli(['export', 'runs', '--format', 'recording', '--out', recordingsDir, '--data-dir', dataDir]);
    expect(exported.code, exported.stderr).toBe(0);
    expect((await readdir(recordingsDir)).filter((f) => f.endsWith('.recording.json'))).toHaveLength(4);

    const replayData = await mkdtemp(join(tmpdir(), 'tb-replay-data-'));
    try {
      const green = await runCli(['replay', recordingsDir, '--workspace', replayWorkspace, '--data-dir', replayData]);
      expect(green.code, green.stdout + green.stderr).toBe(0);
      expect(green.stdout.match(/^PASS /gm)).toHaveLength(4);

      await writeFile(join(replayWorkspace, 'orders/workflow.json'), JSON.stringify(ordersWorkflow('rejected'), null, 2));
      const red = await runCli(['replay', recordingsDir, '--workspace', replayWorkspace, '--data-dir', replayData]);
      expect(red.code).toBe(1);
      expect(red.stdout).toContain('FAIL ');
      expect(red.stdout).toContain('body /status: expected "accepted", got "rejected"');

      const json = await runCli(['replay', recordingsDir, '--workspace', replayWorkspace, '--data-dir', replayData, '--json']);
      const results = json.stdout.trim().split('\n').map((line) => JSON.parse(line) as { result: string; ms: number; workflow: string });
      expect(results.map((r) => [r.workflow, r.result]).sort()).toEqual([['echoauth', 'passed'], ['orders', 'failed'], ['plain', 'passed'], ['secured', 'passed']]);
      expect(results.every((r) => r.ms > 0)).toBe(true);

      const update = await runCli(['replay', recordingsDir, '--workspace', replayWorkspace, '--data-dir', replayData, '--update']);
      expect(update.code).toBe(0);
      expect(update.stdout).toContain('UPDATED ');
      const files = (await readdir(recordingsDir)).map((f) => join(recordingsDir, f));
      const orders = await Promise.all(files.map(async (f) => JSON.parse(await readFile(f, 'utf8')) as Recording));
      expect(orders.find((r) => r.workflow === 'orders')!.expected.body).toMatchObject({ json: { status: 'rejected' } });

      const again = await runCli(['replay', recordingsDir, '--workspace', replayWorkspace, '--data-dir', replayData]);
      expect(again.code).toBe(0);
    } finally {
      await rm(replayData, { recursive: true, force: true });
    }
  }, 60_000);

  it('exits 2 on bad usage and names a broken recording', async () => {
    expect((await runCli(['replay'])).code).toBe(2);
    expect((await runCli(['replay', join(replayWorkspace, 'missing')])).code).toBe(2);
    const broken = join(replayWorkspace, 'broken.recording.json');
    await writeFile(broken, JSON.stringify({ format: 'triggerbench-recording', version: 1 }));
    const replayData = await mkdtemp(join(tmpdir(), 'tb-replay-data-'));
    try {
      const result = await runCli(['replay', broken, '--workspace', replayWorkspace, '--data-dir', replayData]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('InvalidRecording');
    } finally {
      await rm(replayData, { recursive: true, force: true });
      await rm(broken, { force: true });
    }
  });

  it('exports curl commands that reproduce each call against the running listener', async () => {
    // What `triggerbench serve` writes so other commands find the running listener.
    await writeFile(join(dataDir, 'listener.json'), JSON.stringify({ pid: process.pid, baseUrl: bench.wb.info('web').listener.baseUrl }));
    const shim = await mkdtemp(join(tmpdir(), 'tb-shim-'));
    try {
      await writeFile(join(shim, 'triggerbench'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
      await chmod(join(shim, 'triggerbench'), 0o755);
      const script = await runCli(['export', 'runs', '--format', 'curl', '--id', sasRun.id, '--id', bearerRun.id, '--data-dir', dataDir]);
      expect(script.code, script.stderr).toBe(0);
      expect(script.stdout).not.toMatch(/sig=[A-Za-z0-9_-]{20}/);
      expect(script.stdout).not.toContain('eyJ');
      await writeFile(join(shim, 'calls.sh'), script.stdout);
      const env = { ...process.env, PATH: `${shim}:${process.env.PATH}`, WORKSPACE: bench.root, TRIGGERBENCH_DATA_DIR: dataDir };
      const { stdout } = await promisify(execFile)('bash', [join(shim, 'calls.sh')], { env });
      expect(stdout.match(/^HTTP\/1\.1 (\d+)/gm)).toEqual(['HTTP/1.1 201', 'HTTP/1.1 200']);
      expect(stdout).toContain('"status":"accepted"');
    } finally {
      await rm(shim, { recursive: true, force: true });
      await rm(join(dataDir, 'listener.json'), { force: true });
    }
  }, 30_000);
});
