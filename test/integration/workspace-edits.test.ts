import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_TENANT_ID } from '../../src-main/auth/local-issuer.ts';
import { nextEvent, startBench, until, type Bench } from './helpers/bench.ts';
import { errorOf } from './helpers/https-client.ts';
import { aadPolicy, compose, response, wait, workflow } from './helpers/workflows.ts';

// Edits on disk are served without a restart (docs/workspace.md). Each test writes a file,
// waits for the 'workspace:changed' event that carries the edit, then calls again.

const ISSUER = `https://sts.windows.net/${LOCAL_TENANT_ID}/`;
/** One run at a time, none waiting; the run holds its place for 3 s. */
const single = (version: string) => workflow({ runtimeConfiguration: { concurrency: { runs: 1, maximumWaitingRuns: 0 } }, actions: { Hold: wait(3), Mark: compose(version, { Hold: ['Succeeded'] }) } });
const answering = (statusCode: number) => workflow({ actions: { Response: response({ statusCode, body: `status ${statusCode}` }) } });

let bench: Bench;

beforeAll(async () => {
  bench = await startBench({ watch: true, files: { 'live/workflow.json': answering(200), 'steady/workflow.json': answering(200), 'single/workflow.json': single('v1') } });
}, 30_000);

afterAll(() => bench?.close());

/** Resolves once the served snapshot satisfies `check` (checked now and on each workspace event). */
function served<T>(check: () => T | undefined | false, what: string): Promise<T> {
  return until(check, bench.wb.events, 'workspace:changed', what);
}

/** Runs `check` now and after each workspace event until it gives a value. */
async function afterEdit<T>(check: () => Promise<T | false>, what: string): Promise<T> {
  for (;;) {
    const next = nextEvent(bench.wb.events, 'workspace:changed', what).catch((error: unknown) => error as Error);
    const value = await check();
    if (value) return value;
    const outcome = await next;
    if (outcome instanceof Error) throw outcome;
  }
}

const loaded = (name: string) => bench.wb.workflows().find((w) => w.name === name);
const responseStatus = (name: string) => (loaded(name)?.definition?.actions?.Response?.inputs as { statusCode?: number } | undefined)?.statusCode;

describe('edits on disk', () => {
  it('a changed Response statusCode is served without a restart', async () => {
    expect((await bench.call(bench.url('live'))).status).toBe(200);
    await bench.write('live/workflow.json', answering(201));
    await served(() => responseStatus('live') === 201, 'the edited statusCode');
    const reply = await bench.call(bench.url('live'));
    expect(reply.status).toBe(201);
    expect(reply.text).toBe('status 201');
  });

  it('a new workflow folder becomes callable', async () => {
    await bench.write('added/workflow.json', answering(202));
    await served(() => loaded('added')?.callable, 'the new workflow');
    expect((await bench.call(bench.url('added'))).status).toBe(202);
  });

  it('a broken file makes only that workflow uncallable, with its problem; fixing it serves it again', async () => {
    await bench.write('live/workflow.json', '{ "definition": ');
    await served(() => loaded('live') && !loaded('live')!.callable, 'the broken workflow');
    const broken = await bench.call(bench.url('steady').replace('/api/steady/', '/api/live/'));
    expect(broken.status).toBe(400);
    expect(errorOf(broken)).toMatchObject({ code: 'WorkflowNotCallable' });
    // Signed for another workflow, so not authenticated here: the problem text stays in Triggerbench.
    expect(errorOf(broken).message).not.toContain('live/workflow.json');
    expect((await bench.call(bench.url('steady'))).status).toBe(200);
    await bench.write('live/workflow.json', answering(200));
    await served(() => loaded('live')?.callable, 'the repaired workflow');
    expect((await bench.call(bench.url('live'))).status).toBe(200);
  });

  it('an access-control.json added beside a workflow applies at once', async () => {
    await bench.write('steady/access-control.json', aadPolicy(ISSUER, 'api://x', { sasAuthenticationPolicy: { state: 'Disabled' } }));
    await served(() => loaded('steady')?.accessControl, 'the access control');
    const reply = await bench.call(bench.url('steady'));
    expect(reply.status).toBe(401);
    expect(errorOf(reply).code).toBe('DirectApiInvalidAuthorizationScheme');
    await rm(join(bench.root, 'steady', 'access-control.json'));
    await served(() => loaded('steady') && !loaded('steady')!.accessControl, 'the removed access control');
    expect((await bench.call(bench.url('steady'))).status).toBe(200);
  });

  it('local.settings.json disabling a workflow applies at once', async () => {
    await bench.write('local.settings.json', { Values: { 'Workflows.steady.FlowState': 'Disabled' } });
    // App settings are not in the workspace view: call again after each workspace event.
    const reply = await afterEdit(async () => {
      const attempt = await bench.call(bench.url('steady'));
      return attempt.status === 400 && attempt;
    }, 'the disabled workflow');
    expect(reply.status).toBe(400);
    expect(errorOf(reply).code).toBe('WorkflowTriggerIsNotEnabled');
  });

  it('an edit that keeps the concurrency limits keeps counting the runs in progress', async () => {
    expect((await bench.call(bench.url('single'))).status).toBe(202); // holds the only place
    await bench.write('single/workflow.json', single('v2'));
    await served(() => (loaded('single')?.definition?.actions?.Mark?.inputs as string | undefined) === 'v2', 'the edited workflow');
    const reply = await bench.call(bench.url('single'));
    expect(reply.status).toBe(429);
    expect(errorOf(reply).code).toBe('WorkflowRunsQueueFull');
  });

  it('a deleted workflow is 404', async () => {
    const url = bench.url('added');
    await rm(join(bench.root, 'added'), { recursive: true });
    await served(() => !loaded('added'), 'the deleted workflow');
    const reply = await bench.call(url);
    expect(reply.status).toBe(404);
    expect(errorOf(reply).code).toBe('WorkflowNotFound');
  });
});
