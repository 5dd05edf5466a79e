import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkflow, loadWorkspace, saveWorkflow, validateWorkflowName } from '../../src-main/workspace/workspace.ts';
import { createTempWorkspace, simpleWorkflow, TEST_OPTIONS, type TempWorkspace } from './helpers/temp-workspace.ts';

let ws: TempWorkspace;
beforeEach(async () => {
  ws = await createTempWorkspace();
});
afterEach(async () => {
  await ws.dispose();
});

describe('validateWorkflowName', () => {
  it.each(['account', 'address-lookup', 'validated_order', 'A1', '9lives'])('accepts %s', (name) => {
    expect(validateWorkflowName(name)).toBeUndefined();
  });

  it.each(['', '..', '../evil', 'a/b', 'a\\b', '.hidden', '-dash', 'has space', 'naïve', 'node_modules', 'lib', 'Artifacts', 'x'.repeat(81)])('rejects %j', (name) => {
    expect(validateWorkflowName(name)).toMatchObject({ code: 'InvalidWorkflowName' });
  });
});

describe('saveWorkflow', () => {
  it('writes the text exactly as given, and the workflow loads from it', async () => {
    const text = `{\n    "definition": ${JSON.stringify((simpleWorkflow() as { definition: unknown }).definition)},\n    "kind": "Stateless"\n}\n`;
    expect(await saveWorkflow(ws.root, 'orders', text)).toEqual({ file: 'orders/workflow.json' });
    expect(await readFile(join(ws.root, 'orders', 'workflow.json'), 'utf8')).toBe(text);
    const [orders] = (await loadWorkspace(ws.root, TEST_OPTIONS)).workflows;
    expect(orders).toMatchObject({ name: 'orders', kind: 'Stateless', callable: true });
  });

  it('writes an object with 2-space indents and replaces an existing file', async () => {
    await saveWorkflow(ws.root, 'orders', simpleWorkflow(200));
    await saveWorkflow(ws.root, 'orders', simpleWorkflow(201));
    const text = await readFile(join(ws.root, 'orders', 'workflow.json'), 'utf8');
    expect(text).toBe(`${JSON.stringify(simpleWorkflow(201), null, 2)}\n`);
  });

  it('leaves no temp files behind (the write is a rename of a complete file)', async () => {
    await saveWorkflow(ws.root, 'orders', simpleWorkflow());
    await saveWorkflow(ws.root, 'orders', simpleWorkflow(202));
    expect(await readdir(join(ws.root, 'orders'))).toEqual(['workflow.json']);
  });

  it.each(['../outside', 'a/b', '..', '.git', 'node_modules'])('refuses the name %j and writes nothing', async (name) => {
    await expect(saveWorkflow(ws.root, name, simpleWorkflow())).rejects.toMatchObject({ code: 'InvalidWorkflowName' });
    expect(await readdir(ws.root)).toEqual([]);
  });

  it('refuses text that is not JSON, saying where, and keeps the old file', async () => {
    await saveWorkflow(ws.root, 'orders', simpleWorkflow());
    const before = await readFile(join(ws.root, 'orders', 'workflow.json'), 'utf8');
    await expect(saveWorkflow(ws.root, 'orders', '{\n  "definition": {,\n}')).rejects.toMatchObject({ code: 'InvalidJson', line: 2, column: 18 });
    expect(await readFile(join(ws.root, 'orders', 'workflow.json'), 'utf8')).toBe(before);
  });

  it('refuses JSON that is not a workflow file', async () => {
    await expect(saveWorkflow(ws.root, 'orders', '[1]')).rejects.toMatchObject({ code: 'InvalidWorkflowFile' });
    await expect(saveWorkflow(ws.root, 'orders', { triggers: {} })).rejects.toMatchObject({ code: 'InvalidWorkflowFile' });
  });

  it('saves a workflow with validation errors (they show up when it loads)', async () => {
    await saveWorkflow(ws.root, 'redirect', simpleWorkflow(302));
    const [redirect] = (await loadWorkspace(ws.root, TEST_OPTIONS)).workflows;
    expect(redirect).toMatchObject({ callable: false, errorCount: 1 });
  });

  it('fails clearly when the workspace folder is missing', async () => {
    await expect(saveWorkflow(join(ws.root, 'missing'), 'orders', simpleWorkflow())).rejects.toMatchObject({ code: 'WorkspaceNotFound' });
  });
});

describe('createWorkflow', () => {
  it('creates a new workflow from a template', async () => {
    await createWorkflow(ws.root, 'fresh', simpleWorkflow(201));
    const [fresh] = (await loadWorkspace(ws.root, TEST_OPTIONS)).workflows;
    expect(fresh).toMatchObject({ name: 'fresh', callable: true });
    expect(await readdir(join(ws.root, 'fresh'))).toEqual(['workflow.json']);
  });

  it('uses a Request → Response starter when no template is given', async () => {
    await createWorkflow(ws.root, 'starter');
    const [starter] = (await loadWorkspace(ws.root, TEST_OPTIONS)).workflows;
    expect(starter).toMatchObject({ callable: true, problems: [] });
  });

  it('refuses to overwrite an existing workflow and keeps its content', async () => {
    await saveWorkflow(ws.root, 'taken', simpleWorkflow(200));
    const before = await readFile(join(ws.root, 'taken', 'workflow.json'), 'utf8');
    await expect(createWorkflow(ws.root, 'taken', simpleWorkflow(500))).rejects.toMatchObject({ code: 'WorkflowExists' });
    expect(await readFile(join(ws.root, 'taken', 'workflow.json'), 'utf8')).toBe(before);
    expect(await readdir(join(ws.root, 'taken'))).toEqual(['workflow.json']);
  });

  it('lets exactly one of two simultaneous creates win', async () => {
    const results = await Promise.allSettled([createWorkflow(ws.root, 'race', simpleWorkflow(200)), createWorkflow(ws.root, 'race', simpleWorkflow(201))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'WorkflowExists' } });
  });

  it('rejects a bad name', async () => {
    await expect(createWorkflow(ws.root, '../x')).rejects.toMatchObject({ code: 'InvalidWorkflowName' });
  });
});
