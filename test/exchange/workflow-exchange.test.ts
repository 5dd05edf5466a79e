import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toArmTemplate } from '../../src-shared/exchange/arm-export.ts';
import { importWorkflowDocument } from '../../src-shared/exchange/workflow-import.ts';
import { workspaceOptions } from '../../src-main/core/workspace-setup.ts';
import { importFiles } from '../../src-main/workspace/import-files.ts';
import { exportWorkflows } from '../../src-main/workspace/workflow-export.ts';
import { loadWorkspace } from '../../src-main/workspace/workspace.ts';
import { REAL_WORKFLOWS_DIR, REAL_WORKFLOWS_PRESENT, REAL_WORKFLOWS_SKIP_REASON, readRealWorkflow } from '../helpers/real-workflows.ts';
import { createTempWorkspace, simpleWorkflow, type TempWorkspace } from '../workspace/helpers/temp-workspace.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const dispose of cleanup.splice(0)) await dispose();
});

async function workspace(): Promise<TempWorkspace> {
  const ws = await createTempWorkspace();
  cleanup.push(ws.dispose);
  return ws;
}

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'triggerbench-data-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const readJson = async (path: string): Promise<unknown> => JSON.parse(await readFile(path, 'utf8'));

const ACCESS_CONTROL = {
  triggers: {
    openAuthenticationPolicies: { policies: { partners: { type: 'AAD', claims: [{ name: 'iss', value: 'https://sts.windows.net/00000000-0000-0000-0000-000000000001/' }, { name: 'aud', value: 'api://orders' }] } } },
    allowedCallerIpAddresses: [{ addressRange: '10.0.0.0/8' }, { addressRange: '127.0.0.1' }],
  },
};

describe('ARM export', () => {
  it('carries the definition, parameters, state, access control and a listCallbackURL output', async () => {
    const ws = await workspace();
    const workflow = simpleWorkflow() as { definition: Record<string, unknown> };
    (workflow.definition.actions as Record<string, { inputs: Record<string, unknown> }>).Response!.inputs.body = { greeting: "@parameters('greeting')", literal: '[not an ARM expression]' };
    await ws.write('orders/workflow.json', workflow);
    await ws.write('orders/access-control.json', ACCESS_CONTROL);
    await ws.write('parameters.json', { greeting: { type: 'String', value: 'hello' }, apiKey: { type: 'String', value: "@appsetting('API_KEY')" } });
    await ws.write('local.settings.json', { Values: { API_KEY: 'secret-value' } });
    const { files } = await exportWorkflows(ws.root, ['orders'], 'arm', workspaceOptions());
    const template = JSON.parse(files[0]!.text) as Record<string, any>;
    const resource = template.resources[0];
    expect(resource.type).toBe('Microsoft.Logic/workflows');
    expect(resource.apiVersion).toBe('2019-05-01');
    expect(resource.properties.state).toBe('Enabled');
    expect(resource.properties.accessControl).toEqual(ACCESS_CONTROL);
    expect(resource.properties.parameters).toEqual({ greeting: { value: 'hello' } });
    expect(resource.properties.definition.parameters.greeting).toEqual({ type: 'String' });
    // A definition string ARM would evaluate is escaped; the secret app setting is not in the template.
    expect(resource.properties.definition.actions.Response.inputs.body.literal).toBe('[[not an ARM expression]');
    expect(files[0]!.text).not.toContain('secret-value');
    expect(template.outputs.callbackUrl.value).toBe("[listCallbackURL(concat(resourceId('Microsoft.Logic/workflows', parameters('logicAppName')), '/triggers/manual'), '2019-05-01').value]");
  });

  it('exports a disabled workflow as Disabled and lists what Consumption does not have', () => {
    const workflow = simpleWorkflow() as { definition: Record<string, unknown> };
    (workflow.definition.actions as Record<string, unknown>).Blob = { type: 'ServiceProvider', inputs: {}, runAfter: {} };
    const { template, problems } = toArmTemplate({ workflows: [{ name: 'a', workflow: { definition: workflow.definition, kind: 'Stateless' }, state: 'Disabled' }] });
    expect((template.resources as any[])[0].properties.state).toBe('Disabled');
    expect(problems.map((p) => p.code).sort()).toEqual(['BuiltInConnectorNotInConsumption', 'StatelessNotInConsumption']);
  });

  it('round-trips: export as ARM, import into an empty workspace, same workflow and access control', async () => {
    const ws = await workspace();
    await ws.write('orders/workflow.json', simpleWorkflow(201));
    await ws.write('orders/access-control.json', ACCESS_CONTROL);
    await ws.write('quotes/workflow.json', simpleWorkflow(200, 'PUT'));
    const { files } = await exportWorkflows(ws.root, [], 'arm', workspaceOptions());
    const target = await workspace();
    await target.write('template.json', files[0]!.text);
    const report = await importFiles(target.root, [join(target.root, 'template.json')], { dataDir: await dataDir() });
    expect(report.files[0]!.problems.filter((p) => p.severity === 'error')).toEqual([]);
    // The names come from the template parameters' default values.
    expect(report.files[0]!.imported.filter((i) => i.type === 'workflow').map((i) => i.path).sort()).toEqual(['orders/access-control.json', 'orders/workflow.json', 'quotes/workflow.json']);
    expect(await readJson(join(target.root, 'orders/workflow.json'))).toEqual(simpleWorkflow(201));
    expect(await readJson(join(target.root, 'quotes/workflow.json'))).toEqual(simpleWorkflow(200, 'PUT'));
    expect(await readJson(join(target.root, 'orders/access-control.json'))).toEqual(ACCESS_CONTROL);
    const loaded = await loadWorkspace(target.root, workspaceOptions());
    expect(loaded.workflows.map((w) => [w.name, w.callable])).toEqual([['orders', true], ['quotes', true]]);
  });

  it('round-trips the Standard format, and keeps an existing workflow unless told to overwrite', async () => {
    const ws = await workspace();
    await ws.write('orders/workflow.json', '{"kind":"Stateful",  "definition": ' + JSON.stringify((simpleWorkflow() as { definition: unknown }).definition) + '}');
    const { files } = await exportWorkflows(ws.root, ['orders'], 'standard', workspaceOptions());
    expect(files.map((f) => f.path)).toEqual(['orders/workflow.json']);
    expect(JSON.parse(files[0]!.text)).toEqual({ definition: (simpleWorkflow() as { definition: unknown }).definition, kind: 'Stateful' });
    const target = await workspace();
    await target.write('exported/orders/workflow.json', files[0]!.text);
    await target.write('orders/workflow.json', simpleWorkflow(500));
    const data = await dataDir();
    const kept = await importFiles(target.root, [join(target.root, 'exported/orders/workflow.json')], { dataDir: data });
    expect(kept.files[0]!.problems.map((p) => p.code)).toEqual(['WorkflowExists']);
    expect(await readJson(join(target.root, 'orders/workflow.json'))).toEqual(simpleWorkflow(500));
    await importFiles(target.root, [join(target.root, 'exported/orders/workflow.json')], { dataDir: data, overwrite: true });
    expect(await readJson(join(target.root, 'orders/workflow.json'))).toEqual(JSON.parse(files[0]!.text));
  });

  it('reports a file that is not a workflow instead of failing', async () => {
    const ws = await workspace();
    await ws.write('notes.json', { hello: 'world' });
    await ws.write('broken.json', '{ not json');
    const report = await importFiles(ws.root, [join(ws.root, 'notes.json'), join(ws.root, 'broken.json'), join(ws.root, 'missing.json')], { dataDir: await dataDir() });
    expect(report.files.map((f) => f.problems[0]!.code)).toEqual(['UnknownImportFormat', 'InvalidJson', 'ImportFileNotFound']);
    expect(report.files.every((f) => f.imported.length === 0)).toBe(true);
  });
});

describe(`every real workflow file imports${REAL_WORKFLOWS_SKIP_REASON}`, () => {
  it.skipIf(!REAL_WORKFLOWS_PRESENT)('imports each file unchanged, with unsupported features listed on the workflow', async () => {
    const names = (await readdir(REAL_WORKFLOWS_DIR)).filter((f) => f.endsWith('.json')).sort();
    expect(names.length).toBe(20);
    for (const file of names) {
      const ws = await workspace();
      const source = JSON.parse(readRealWorkflow(file)) as Record<string, any>;
      const report = await importFiles(ws.root, [join(REAL_WORKFLOWS_DIR, file)], { dataDir: await dataDir(), workspaceOptions: workspaceOptions() });
      const fileReport = report.files[0]!;
      const written = fileReport.imported.filter((i) => i.path.endsWith('/workflow.json'));
      expect(written.length, `${file}: ${JSON.stringify(fileReport.problems)}`).toBeGreaterThan(0);
      const found = importWorkflowDocument(source, file);
      for (const workflow of found.workflows) {
        const onDisk = (await readJson(join(ws.root, workflow.name, 'workflow.json'))) as { definition: unknown };
        // Unchanged: the definition written is the definition in the file.
        const original = found.format === 'standard' ? source.definition : found.format === 'definition' ? source : workflow.workflow.definition;
        expect(onDisk.definition, `${file} ${workflow.name}`).toEqual(original);
      }
      const loaded = await loadWorkspace(ws.root, workspaceOptions());
      expect(loaded.workflows.length).toBe(found.workflows.length);
      // What will not run locally is listed on the workflow in the report, as the workspace shows it.
      for (const workflow of loaded.workflows) for (const problem of workflow.problems) expect(fileReport.problems).toContainEqual(problem);
      if (file.includes('stateless-workflow')) expect(fileReport.problems.find((p) => p.code === 'ConnectorNeedsMock')).toMatchObject({ workflow: 'LogicAppUnit__TestingFramework__stateless-workflow', pointer: expect.stringMatching(/^\/definition\/actions\//) });
    }
  });

  it.skipIf(!REAL_WORKFLOWS_PRESENT)('names ARM workflows from the template and lists what does not carry over', async () => {
    const ws = await workspace();
    const report = await importFiles(ws.root, [join(REAL_WORKFLOWS_DIR, 'Azure__azure-quickstart-templates__logicapps-jobscheduler.json'), join(REAL_WORKFLOWS_DIR, 'Azure__logicapps__recurrence-jobs-schedules-arm.json')], { dataDir: await dataDir() });
    const [jobs, recurrence] = report.files;
    expect(jobs!.imported.filter((i) => i.type === 'workflow').map((i) => i.name).sort()).toEqual(['CreateTimerJob', 'TimerJob']);
    expect(jobs!.problems.map((p) => p.code)).toContain('DuplicateWorkflowInTemplate');
    expect(jobs!.problems.map((p) => p.code)).toContain('ArmExpressionInWorkflow');
    // TimerJob is the nested deployment's full workflow, not the first, empty one.
    const timer = (await readJson(join(ws.root, 'TimerJob/workflow.json'))) as { definition: { actions: object } };
    expect(Object.keys(timer.definition.actions).length).toBeGreaterThan(0);
    const codes = recurrence!.problems.map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['ResourceNotImported', 'WorkflowNameFromTemplate', 'ManagedConnectionsNotSupported']));
    expect(recurrence!.problems.find((p) => p.code === 'ManagedConnectionsNotSupported')!.workflow).toBe('ExecuteRecurrenceJobLogicAppName');
  });
});
