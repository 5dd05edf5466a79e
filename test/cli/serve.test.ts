import { readFile, stat } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callUrl, errorOf } from '../integration/helpers/https-client.ts';
import { response, wait, workflow } from '../integration/helpers/workflows.ts';
import { runCli, startServe, tempSetup, type ReadyLine, type ServeProcess } from './cli-helpers.ts';

// `triggerbench serve` and the commands that work beside it (docs/cli.md), spawned
// with this Node exactly as a user runs them.

type Setup = Awaited<ReturnType<typeof tempSetup>>;

let setup: Setup;
let serve: ServeProcess | undefined;
let ready: ReadyLine;
let ca: string;
const runIds: string[] = [];

beforeAll(async () => {
  setup = await tempSetup({
    'hello/workflow.json': workflow(),
    'any/workflow.json': workflow({ inputs: {} }),
    'broken/workflow.json': '{ "definition": ',
    'slow/workflow.json': workflow({ actions: { Hold: wait(2), Response: response({ statusCode: 200 }, { Hold: ['Succeeded'] }) } }),
  });
  serve = startServe([setup.workspace, '--port', '0', '--data-dir', setup.dataDir, '--json']);
  ready = await serve.line<ReadyLine>((l) => l.event === 'ready', 'the ready line');
  ca = await readFile(ready.caCert, 'utf8');
}, 30_000);

afterAll(async () => {
  await serve?.stop('SIGKILL');
  await setup?.cleanup();
});

const JSON_BODY = { headers: { 'Content-Type': 'application/json' }, body: '{"from":"cli"}' };

describe('serve --json', () => {
  it('prints the ready line with exactly the documented fields', async () => {
    expect(Object.keys(ready).sort()).toEqual(['caCert', 'event', 'port', 'problems', 'workflows']);
    expect(ready.port).toBeGreaterThan(0);
    expect(ready.caCert).toBe(join(setup.dataDir, 'tls', 'ca-cert.pem'));
    expect(ca).toMatch(/^-----BEGIN CERTIFICATE-----/);
    for (const w of ready.workflows) expect(Object.keys(w).sort()).toEqual(['callbackUrl', 'method', 'name', 'trigger']);
    expect(ready.workflows.map(({ name, trigger, method }) => ({ name, trigger, method }))).toEqual([
      { name: 'any', trigger: 'manual', method: null },
      { name: 'hello', trigger: 'manual', method: 'POST' },
      { name: 'slow', trigger: 'manual', method: 'POST' },
    ]);
    for (const w of ready.workflows) expect(w.callbackUrl).toMatch(new RegExp(`^https://127\\.0\\.0\\.1:${ready.port}/api/${w.name}/triggers/manual/invoke\\?api-version=2022-05-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1\\.0&sig=[A-Za-z0-9_-]{43}$`));
    // The broken workflow is not served, and its problem says where.
    expect(ready.problems).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'broken/workflow.json', severity: 'error' })]));
  });

  it('prints one run line per finished run, with the run id the caller got', async () => {
    const reply = await callUrl(ready.workflows.find((w) => w.name === 'hello')!.callbackUrl, ca, JSON_BODY);
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ from: 'cli' });
    const id = reply.headers['x-ms-workflow-run-id'] as string;
    const line = await serve!.line((l) => l.event === 'run' && l.id === id, 'the run line');
    expect(line).toMatchObject({ event: 'run', workflow: 'hello', trigger: 'manual', status: 'Succeeded', method: 'POST', responseStatus: 200, error: null });
    expect(typeof line.durationMs).toBe('number');
    runIds.push(id);
  });

  it('prints a run line for a rejected call too', async () => {
    const url = ready.workflows.find((w) => w.name === 'hello')!.callbackUrl.replace(/sig=[^&]+/, `sig=${'A'.repeat(43)}`);
    const reply = await callUrl(url, ca, JSON_BODY);
    expect(reply.status).toBe(401);
    const line = await serve!.line((l) => l.event === 'run' && l.status === 'Rejected', 'the rejected run line');
    expect(line).toMatchObject({ workflow: 'hello', responseStatus: 401, error: { code: 'SasSignatureMismatch' } });
    runIds.push(line.id as string);
  });
});

describe('url beside a running serve', () => {
  it("prints a working URL with the running listener's port", async () => {
    const result = await runCli(['url', setup.workspace, 'hello', '--data-dir', setup.dataDir]);
    expect(result.code).toBe(0);
    const url = result.stdout.trim();
    expect(url).toBe(ready.workflows.find((w) => w.name === 'hello')!.callbackUrl);
    expect((await callUrl(url, ca, JSON_BODY)).status).toBe(200);
  });

  it('--key secondary prints another URL that works too', async () => {
    const result = await runCli(['url', setup.workspace, 'hello', '--key', 'secondary', '--data-dir', setup.dataDir]);
    expect(result.code).toBe(0);
    const url = result.stdout.trim();
    expect(url).not.toBe(ready.workflows.find((w) => w.name === 'hello')!.callbackUrl);
    const reply = await callUrl(url, ca, JSON_BODY);
    expect(reply.status).toBe(200);
    await serve!.line((l) => l.event === 'run' && l.id === reply.headers['x-ms-workflow-run-id'], 'the secondary run line');
  });

  it('--trigger with a wrong name exits 1 and names the real trigger', async () => {
    const result = await runCli(['url', setup.workspace, 'hello', '--trigger', 'nope', '--data-dir', setup.dataDir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("no trigger 'nope'");
    expect(result.stderr).toContain("'manual'");
  });

  it('--expires signs an expiry: a future one works, a past one is printed with a note and is refused', async () => {
    const future = await runCli(['url', setup.workspace, 'hello', '--expires', new Date(Date.now() + 3_600_000).toISOString(), '--data-dir', setup.dataDir]);
    expect(future).toMatchObject({ code: 0, stderr: '' });
    expect(new URL(future.stdout.trim()).searchParams.get('se')).toBeTruthy();
    const fresh = await callUrl(future.stdout.trim(), ca, JSON_BODY);
    expect(fresh.status).toBe(200);
    await serve!.line((l) => l.event === 'run' && l.id === fresh.headers['x-ms-workflow-run-id'], 'the run line');
    const past = await runCli(['url', setup.workspace, 'hello', '--expires', '2020-01-01T00:00:00Z', '--data-dir', setup.dataDir]);
    expect(past.code).toBe(0);
    expect(past.stderr).toContain('is in the past');
    const stale = await callUrl(past.stdout.trim(), ca, JSON_BODY);
    expect(stale.status).toBe(401);
    expect(errorOf(stale).code).toBe('SasUrlExpired');
    await serve!.line((l) => l.event === 'run' && l.error !== null && (l.error as { code: string }).code === 'SasUrlExpired', 'the expired run line');
    const bad = await runCli(['url', setup.workspace, 'hello', '--expires', 'tomorrow', '--data-dir', setup.dataDir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--expires must be an ISO 8601 time');
  });

  it('an unknown workflow exits 1 and lists the workflows there', async () => {
    const result = await runCli(['url', setup.workspace, 'ghost', '--data-dir', setup.dataDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("WorkflowNotFound: The workflow 'ghost' could not be found in the open workspace. Workflows there: any, broken, hello, slow.");
  });
});

describe('stopping', () => {
  it('SIGTERM stops serve cleanly with exit code 0', async () => {
    const exit = await serve!.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    serve = undefined;
    await expect(stat(join(setup.dataDir, 'listener.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('SIGINT stops serve cleanly with exit code 0', async () => {
    const again = startServe([setup.workspace, '--port', '0', '--data-dir', setup.dataDir, '--json']);
    await again.line((l) => l.event === 'ready', 'the ready line');
    expect(await again.stop('SIGINT')).toEqual({ code: 0, signal: null });
  });

  it('--timeout sets how long a caller waits for a Response before 504', async () => {
    const timed = startServe([setup.workspace, '--port', '0', '--timeout', '1', '--data-dir', setup.dataDir, '--json']);
    try {
      const timedReady = await timed.line<ReadyLine>((l) => l.event === 'ready', 'the ready line');
      const started = Date.now();
      const reply = await callUrl(timedReady.workflows.find((w) => w.name === 'slow')!.callbackUrl, ca, JSON_BODY);
      expect(reply.status).toBe(504);
      expect(errorOf(reply).message).toContain('within 1 seconds');
      expect(Date.now() - started).toBeLessThan(1900);
    } finally {
      await timed.stop('SIGTERM');
    }
  });
});

describe('runs', () => {
  it('--json prints one run per line, newest first, with filters', async () => {
    const all = await runCli(['runs', '--json', '--data-dir', setup.dataDir]);
    expect(all.code).toBe(0);
    const lines = all.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; status: string; workflow: string; startTime: string });
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.map((l) => l.id)).toEqual(expect.arrayContaining(runIds));
    const starts = lines.map((l) => Date.parse(l.startTime));
    expect([...starts].sort((a, b) => b - a)).toEqual(starts);
    const rejected = await runCli(['runs', '--json', '--status', 'Rejected', '--data-dir', setup.dataDir]);
    const rejectedIds = rejected.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; status: string });
    expect(rejectedIds.map((l) => l.id)).toEqual(lines.filter((l) => l.status === 'Rejected').map((l) => l.id));
    expect(rejectedIds.length).toBeGreaterThan(0);
    const limited = await runCli(['runs', '--json', '--limit', '1', '--workflow', 'hello', '--data-dir', setup.dataDir]);
    expect(limited.stdout.trim().split('\n')).toHaveLength(1);
    expect((JSON.parse(limited.stdout) as { id: string }).id).toBe(lines.find((l) => l.workflow === 'hello')!.id);
    const none = await runCli(['runs', '--json', '--workflow', 'ghost', '--data-dir', setup.dataDir]);
    expect(none).toMatchObject({ code: 0, stdout: '' });
  });
});

describe('keys regenerate', () => {
  it('invalidates URLs signed with the old key; the other key keeps working', async () => {
    const oldPrimary = (await runCli(['url', setup.workspace, 'hello', '--data-dir', setup.dataDir])).stdout.trim();
    const secondary = (await runCli(['url', setup.workspace, 'hello', '--key', 'secondary', '--data-dir', setup.dataDir])).stdout.trim();
    const regenerated = await runCli(['keys', 'regenerate', 'primary', '--data-dir', setup.dataDir]);
    expect(regenerated.code).toBe(0);
    expect(regenerated.stdout).toContain('primary');
    const next = startServe([setup.workspace, '--port', '0', '--data-dir', setup.dataDir, '--json']);
    try {
      const nextReady = await next.line<ReadyLine>((l) => l.event === 'ready', 'the ready line');
      const onPort = (url: string) => url.replace(/:\d+\//, `:${nextReady.port}/`);
      const stale = await callUrl(onPort(oldPrimary), ca, JSON_BODY);
      expect(stale.status).toBe(401);
      expect(errorOf(stale).code).toBe('SasSignatureMismatch');
      expect((await callUrl(nextReady.workflows.find((w) => w.name === 'hello')!.callbackUrl, ca, JSON_BODY)).status).toBe(200);
      expect((await callUrl(onPort(secondary), ca, JSON_BODY)).status).toBe(200);
    } finally {
      await next.stop();
    }
  });
});

describe('a port in use', () => {
  it('is a clear error and exit code 1', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const result = await runCli(['serve', setup.workspace, '--port', String(port), '--data-dir', setup.dataDir, '--json']);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('PortInUse');
      expect(result.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(result.stderr).toContain('--port');
    } finally {
      await new Promise((done) => blocker.close(done));
    }
  });
});

describe('a run line means the run is stored', () => {
  it('serve killed with SIGKILL right after printing it still has the run in the history', async () => {
    const victim = startServe([setup.workspace, '--port', '0', '--data-dir', setup.dataDir, '--json']);
    try {
      const victimReady = await victim.line<ReadyLine>((l) => l.event === 'ready', 'the ready line');
      const reply = await callUrl(victimReady.workflows.find((w) => w.name === 'hello')!.callbackUrl, ca, JSON_BODY);
      const id = reply.headers['x-ms-workflow-run-id'] as string;
      await victim.line((l) => l.event === 'run' && l.id === id, 'the run line');
      expect(await victim.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
      const runs = await runCli(['runs', '--json', '--workflow', 'hello', '--data-dir', setup.dataDir]);
      expect(runs.stdout).toContain(id);
    } finally {
      await victim.stop('SIGKILL');
    }
  });
});
