import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runsToHar } from '../../src-shared/exchange/har.ts';
import { recordingFromRun } from '../../src-shared/exchange/recording.ts';
import { collectionStore } from '../../src-main/collections/collection-store.ts';
import { workspaceOptions } from '../../src-main/core/workspace-setup.ts';
import { importFiles } from '../../src-main/workspace/import-files.ts';
import { loadWorkspace } from '../../src-main/workspace/workspace.ts';
import { runCli } from '../cli/cli-helpers.ts';
import { startBench, type Bench } from '../integration/helpers/bench.ts';
import { withPath } from '../integration/helpers/https-client.ts';
import { response, workflow } from '../integration/helpers/workflows.ts';

const SAMPLE = resolve(import.meta.dirname, '../../resources/sample-workspace');

let bench: Bench;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'tb-import-'));
  bench = await startBench({
    files: { 'echo/workflow.json': workflow({ inputs: { method: 'POST', relativePath: '/items/{id}' }, actions: { Response: response({ statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: { id: "@triggerOutputs()['relativePathParameters']['id']", body: '@triggerBody()' } }) } }) },
  });
}, 30_000);

afterAll(async () => {
  await bench?.close();
  await rm(scratch, { recursive: true, force: true });
});

async function emptyWorkspace(name: string): Promise<string> {
  const root = join(scratch, name);
  await mkdir(root, { recursive: true });
  return root;
}

describe('triggerbench import', () => {
  it('imports a whole Standard project folder: workflows, access control, parameters and settings', async () => {
    const root = await emptyWorkspace('project');
    const result = await runCli(['import', SAMPLE, '--workspace', root, '--data-dir', join(scratch, 'data')]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('+ workflow account -> account/workflow.json');
    expect(result.stdout).toContain('+ workflow secured -> secured/access-control.json');
    const [source, imported] = await Promise.all([loadWorkspace(SAMPLE, workspaceOptions()), loadWorkspace(root, workspaceOptions())]);
    expect(imported.workflows.map((w) => [w.name, w.callable])).toEqual(source.workflows.map((w) => [w.name, w.callable]));
    expect(imported.parameters).toEqual(source.parameters);
    expect(JSON.parse(await readFile(join(root, 'parameters.json'), 'utf8')).apiBaseUrl.value).toBe("@appsetting('API_BASE_URL')");
    // Importing again keeps what is there and says so.
    const again = await runCli(['import', SAMPLE, '--workspace', root, '--data-dir', join(scratch, 'data'), '--json']);
    const report = JSON.parse(again.stdout.trim()) as { imported: unknown[]; problems: { code: string }[] };
    expect(report.imported).toEqual([]);
    expect(report.problems.filter((p) => p.code === 'WorkflowExists')).toHaveLength(source.workflows.length);
    expect(again.code).toBe(1);
  });

  it('turns a HAR into recordings and saved requests, and a recording file into a recording', async () => {
    const { run } = await bench.callAndRun(withPath(bench.url('echo'), 'items/9'), { headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    const root = await emptyWorkspace('har');
    const harFile = join(scratch, 'calls.har');
    await writeFile(harFile, JSON.stringify(runsToHar([bench.stored(run.id)], { creatorVersion: 'test' })));
    const recordingFile = join(scratch, 'one.recording.json');
    await writeFile(recordingFile, JSON.stringify(recordingFromRun(bench.stored(run.id), 'one').recording));
    const report = await importFiles(root, [harFile, recordingFile], { dataDir: join(scratch, 'data') });
    expect(report.files.map((f) => [f.kind, f.imported.map((i) => i.type)])).toEqual([
      ['har', ['recording', 'request']],
      ['recording', ['recording']],
    ]);
    expect((await readdir(join(root, '.triggerbench/recordings'))).sort()).toEqual([`echo-${run.id}.recording.json`, 'one.recording.json']);
    const collections = await collectionStore(root).list();
    expect(collections.collections.map((c) => [c.name, c.requests[0]!.request.target])).toEqual([['calls', { workflow: 'echo', trigger: 'manual', relativePath: 'items/9' }]]);
  });

  it('replays against a running listener with --url, signing with the shared data folder', async () => {
    const { run } = await bench.callAndRun(withPath(bench.url('echo'), 'items/5'), { headers: { 'content-type': 'application/json' }, body: '{"b":2}' });
    const file = join(scratch, 'url.recording.json');
    await writeFile(file, JSON.stringify(recordingFromRun(bench.stored(run.id), 'url').recording));
    const base = bench.wb.info('web').listener.baseUrl;
    const green = await runCli(['replay', file, '--url', base, '--data-dir', bench.dataDir, '--json']);
    expect(green.code, green.stdout + green.stderr).toBe(0);
    expect(JSON.parse(green.stdout.trim())).toMatchObject({ name: 'url', workflow: 'echo', result: 'passed', status: 200 });
    const usage = await runCli(['replay', file, '--url', 'not a url', '--data-dir', bench.dataDir]);
    expect(usage.code).toBe(2);
  });
});
