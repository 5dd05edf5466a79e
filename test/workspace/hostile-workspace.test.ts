import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkflow, loadWorkspace, saveWorkflow, validateWorkflowName } from '../../src-main/workspace/workspace.ts';
import { startBench } from '../integration/helpers/bench.ts';
import { workflow } from '../integration/helpers/workflows.ts';
import { createTempWorkspace, simpleWorkflow, TEST_OPTIONS, type TempWorkspace } from './helpers/temp-workspace.ts';

// Files and folders a careless user (or a cloned repository) can put in a workspace:
// each is a problem on its own workflow, never on the workspace.

let ws: TempWorkspace;
let outside: string;
beforeEach(async () => {
  ws = await createTempWorkspace();
  outside = await mkdtemp(join(tmpdir(), 'triggerbench-outside-'));
});
afterEach(async () => {
  await ws.dispose();
  await rm(outside, { recursive: true, force: true });
});

const DEEP_WORKFLOW = `{"definition":{"triggers":{},"actions":{"a":{"type":"Compose","inputs":${'['.repeat(2000)}${']'.repeat(2000)}}}}}`;

describe('one bad workflow never stops the others', () => {
  it('a workflow.json nested 2,000 deep is an error on that workflow; the rest load and are served', async () => {
    const bench = await startBench({ files: { 'ok/workflow.json': workflow(), 'deep/workflow.json': DEEP_WORKFLOW, 'bad\nname/workflow.json': workflow() } });
    try {
      const view = bench.wb.workspaceView();
      const byName = new Map(view.workflows.map((w) => [w.name, w]));
      expect(byName.get('ok')).toMatchObject({ callable: true });
      expect(byName.get('deep')).toMatchObject({ callable: false });
      expect(byName.get('deep')!.problems[0]).toMatchObject({ code: 'JsonTooDeep', severity: 'error', file: 'deep/workflow.json' });
      expect(byName.get('bad\nname')).toMatchObject({ callable: false });
      expect(byName.get('bad\nname')!.problems[0]).toMatchObject({ code: 'InvalidWorkflowName', severity: 'error' });
      const reply = await bench.call(bench.url('ok'), { headers: { 'Content-Type': 'application/json' }, body: '{"n":1}' });
      expect(reply.status).toBe(200);
    } finally {
      await bench.close();
    }
  });

  it('saving a too-deep workflow from the console is refused with a clear error and changes nothing', async () => {
    await saveWorkflow(ws.root, 'orders', simpleWorkflow());
    const before = await readFile(join(ws.root, 'orders/workflow.json'), 'utf8');
    await expect(saveWorkflow(ws.root, 'orders', DEEP_WORKFLOW)).rejects.toMatchObject({ code: 'InvalidJson', message: expect.stringContaining('levels deep') });
    expect(await readFile(join(ws.root, 'orders/workflow.json'), 'utf8')).toBe(before);
  });
});

describe('symbolic links leading outside the workspace', () => {
  it('a workflow.json linked to a file outside is not read', async () => {
    await writeFile(join(outside, 'secret.json'), JSON.stringify(simpleWorkflow()));
    await mkdir(join(ws.root, 'linked'));
    await symlink(join(outside, 'secret.json'), join(ws.root, 'linked', 'workflow.json'));
    await ws.write('ok/workflow.json', simpleWorkflow());
    const snapshot = await loadWorkspace(ws.root, TEST_OPTIONS);
    const linked = snapshot.workflows.find((w) => w.name === 'linked')!;
    expect(linked).toMatchObject({ callable: false });
    expect(linked.definition).toBeUndefined();
    expect(linked.problems[0]).toMatchObject({ code: 'PathOutsideWorkspace', severity: 'error' });
    expect(snapshot.workflows.find((w) => w.name === 'ok')).toMatchObject({ callable: true });
  });

  it('a linked workflow folder is neither read nor written through', async () => {
    await writeFile(join(outside, 'workflow.json'), JSON.stringify(simpleWorkflow()));
    await symlink(outside, join(ws.root, 'elsewhere'));
    const snapshot = await loadWorkspace(ws.root, TEST_OPTIONS);
    expect(snapshot.workflows.find((w) => w.name === 'elsewhere')!.problems[0]).toMatchObject({ code: 'PathOutsideWorkspace' });
    const original = await readFile(join(outside, 'workflow.json'), 'utf8');
    await expect(saveWorkflow(ws.root, 'elsewhere', simpleWorkflow(201))).rejects.toMatchObject({ code: 'PathOutsideWorkspace' });
    expect(await readFile(join(outside, 'workflow.json'), 'utf8')).toBe(original);
  });

  it('links that stay inside the workspace still work', async () => {
    await ws.write('real/workflow.json', simpleWorkflow());
    await symlink(join(ws.root, 'real'), join(ws.root, 'alias'));
    const snapshot = await loadWorkspace(ws.root, TEST_OPTIONS);
    expect(snapshot.workflows.find((w) => w.name === 'alias')).toMatchObject({ callable: true });
  });
});

describe('names', () => {
  it('creating a name that differs from an existing one only by case is refused', async () => {
    await createWorkflow(ws.root, 'account');
    await expect(createWorkflow(ws.root, 'ACCOUNT')).rejects.toMatchObject({ code: 'WorkflowNameCollision', message: expect.stringContaining("'account'") });
    await expect(saveWorkflow(ws.root, 'Account', simpleWorkflow())).rejects.toMatchObject({ code: 'WorkflowNameCollision' });
  });

  it('folders colliding by case are both errors, so neither shadows the other', async () => {
    await ws.write('account/workflow.json', simpleWorkflow());
    await ws.write('ACCOUNT/workflow.json', simpleWorkflow());
    await ws.write('other/workflow.json', simpleWorkflow());
    const snapshot = await loadWorkspace(ws.root, TEST_OPTIONS);
    for (const name of ['account', 'ACCOUNT']) {
      const loaded = snapshot.workflows.find((w) => w.name === name)!;
      expect(loaded.callable).toBe(false);
      expect(loaded.problems[0]).toMatchObject({ code: 'WorkflowNameCollision', severity: 'error' });
    }
    expect(snapshot.workflows.find((w) => w.name === 'other')).toMatchObject({ callable: true });
  });

  it('Windows device names are refused on create and are errors in the loader', async () => {
    for (const name of ['CON', 'nul', 'aux', 'COM1', 'lpt9', 'Prn']) {
      expect(validateWorkflowName(name)?.message).toMatch(/Windows reserves/);
      await expect(createWorkflow(ws.root, name)).rejects.toMatchObject({ code: 'InvalidWorkflowName' });
    }
    expect(validateWorkflowName('console')).toBeUndefined();
    expect(validateWorkflowName('COM10')).toBeUndefined();
    await ws.write('nul/workflow.json', simpleWorkflow());
    const snapshot = await loadWorkspace(ws.root, TEST_OPTIONS);
    expect(snapshot.workflows[0]).toMatchObject({ name: 'nul', callable: false });
    expect(snapshot.workflows[0]!.problems[0]).toMatchObject({ code: 'InvalidWorkflowName', severity: 'error' });
  });
});
