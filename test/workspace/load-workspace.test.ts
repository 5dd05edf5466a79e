import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../src-main/workspace/workspace.ts';
import { WorkspaceError } from '../../src-main/workspace/workspace-error.ts';
import { createTempWorkspace, simpleWorkflow, TEST_OPTIONS, type TempWorkspace } from './helpers/temp-workspace.ts';

let ws: TempWorkspace;
beforeEach(async () => {
  ws = await createTempWorkspace();
});
afterEach(async () => {
  await ws.dispose();
});

describe('loadWorkspace', () => {
  it('loads each <name>/workflow.json as a callable workflow, sorted by name', async () => {
    await ws.write('orders/workflow.json', simpleWorkflow(201, 'PUT'));
    await ws.write('account/workflow.json', simpleWorkflow());
    const snapshot = await loadWorkspace(ws.root, TEST_OPTIONS);
    expect(snapshot.root).toBe(ws.root);
    expect(snapshot.workflows.map((w) => w.name)).toEqual(['account', 'orders']);
    const orders = snapshot.workflows[1]!;
    expect(orders).toMatchObject({ file: 'orders/workflow.json', kind: 'Stateful', callable: true, errorCount: 0, problems: [] });
    expect(orders.trigger).toEqual({ name: 'manual', type: 'Request', inputs: { method: 'PUT' } });
    expect(orders.definition?.actions?.Response?.inputs).toMatchObject({ statusCode: 201 });
    expect(orders.mtimeMs).toBeGreaterThan(0);
    expect(snapshot.problems).toEqual([]);
  });

  it('skips hidden and tooling folders, and folders without workflow.json', async () => {
    for (const folder of ['.vscode', '.git', 'node_modules', 'workflow-designtime', 'Artifacts', 'lib']) {
      await ws.write(`${folder}/workflow.json`, simpleWorkflow());
    }
    await ws.write('notes/readme.txt', 'x');
    await ws.write('real/workflow.json', simpleWorkflow());
    const snapshot = await loadWorkspace(ws.root, TEST_OPTIONS);
    expect(snapshot.workflows.map((w) => w.name)).toEqual(['real']);
  });

  it('reports broken JSON with line and column and still loads the other workflows', async () => {
    await ws.write('broken/workflow.json', '{\n  "definition": {\n    "triggers": {}\n    "actions": {}\n  }\n}');
    await ws.write('fine/workflow.json', simpleWorkflow());
    const snapshot = await loadWorkspace(ws.root, TEST_OPTIONS);
    const [broken, fine] = snapshot.workflows;
    expect(broken).toMatchObject({ name: 'broken', callable: false, errorCount: 1 });
    expect(broken!.definition).toBeUndefined();
    expect(broken!.problems).toEqual([
      expect.objectContaining({ code: 'InvalidJson', file: 'broken/workflow.json', workflow: 'broken', line: 4, column: 5 }),
    ]);
    expect(fine).toMatchObject({ name: 'fine', callable: true });
  });

  it('gives validation problems a line and column and makes a workflow with errors uncallable', async () => {
    await ws.write('bad/workflow.json', '{\n  "definition": {\n    "triggers": { "manual": { "type": "Request", "kind": "Http" } },\n    "actions": {\n      "Response": { "type": "Response", "inputs": { "statusCode": 302 } }\n    }\n  },\n  "kind": "Stateful"\n}');
    const [bad] = (await loadWorkspace(ws.root, TEST_OPTIONS)).workflows;
    expect(bad).toMatchObject({ callable: false, errorCount: 1 });
    expect(bad!.trigger?.name).toBe('manual');
    expect(bad!.problems[0]).toMatchObject({ code: 'ResponseStatusCode3xx', pointer: '/definition/actions/Response/inputs/statusCode', line: 5, column: 53 });
  });

  it('keeps a workflow with only warnings callable', async () => {
    const json = simpleWorkflow() as { definition: { actions: Record<string, unknown> } };
    json.definition.actions.Call = { type: 'Http', inputs: { method: 'GET', uri: 'https://example.com' } };
    await ws.write('warned/workflow.json', json);
    const [warned] = (await loadWorkspace(ws.root, TEST_OPTIONS)).workflows;
    expect(warned).toMatchObject({ callable: true, errorCount: 0 });
    expect(warned!.problems.map((p) => p.code)).toEqual(['UnsupportedActionType']);
  });

  it('strips a byte-order mark (Visual Studio saves one)', async () => {
    await ws.write('bom/workflow.json', `\uFEFF${JSON.stringify(simpleWorkflow())}`);
    await ws.write('parameters.json', '\uFEFF{"p": {"type": "String", "value": "v"}}');
    const snapshot = await loadWorkspace(ws.root, TEST_OPTIONS);
    expect(snapshot.workflows[0]).toMatchObject({ name: 'bom', callable: true, problems: [] });
    expect(snapshot.parameters).toEqual({ p: 'v' });
  });

  it('a non-Request workflow loads but is not callable', async () => {
    await ws.write('timer/workflow.json', { definition: { triggers: { Recurrence: { type: 'Recurrence' } }, actions: {} }, kind: 'Stateless' });
    const [timer] = (await loadWorkspace(ws.root, TEST_OPTIONS)).workflows;
    expect(timer).toMatchObject({ kind: 'Stateless', callable: false, errorCount: 0 });
    expect(timer!.trigger).toBeUndefined();
    expect(timer!.problems.map((p) => p.code)).toEqual(['UnsupportedTriggerType']);
  });

  it('reads parameters.json and local.settings.json, resolving @appsetting() parameter values', async () => {
    await ws.write('local.settings.json', { IsEncrypted: false, Values: { API_URL: 'https://api.local', RETRIES: 3, FLAG: true } });
    await ws.write('parameters.json', {
      greeting: { type: 'String', value: 'hello' },
      limits: { type: 'Object', value: { max: 10, url: "@appsetting('API_URL')" } },
      apiUrl: { type: 'String', value: "@appSetting('API_URL')" },
      missing: { type: 'String', value: "@appsetting('NOPE')" },
    });
    await ws.write('w/workflow.json', simpleWorkflow());
    const snapshot = await loadWorkspace(ws.root, TEST_OPTIONS);
    expect(snapshot.appSettings).toEqual({ API_URL: 'https://api.local', RETRIES: '3', FLAG: 'true' });
    expect(snapshot.parameters).toEqual({ greeting: 'hello', limits: { max: 10, url: 'https://api.local' }, apiUrl: 'https://api.local', missing: "@appsetting('NOPE')" });
    expect(snapshot.problems).toEqual([expect.objectContaining({ code: 'AppSettingNotFound', severity: 'warning', file: 'parameters.json', pointer: '/missing/value', line: 19, column: 5 })]);
  });

  it('reports broken project files as project problems without stopping workflows', async () => {
    await ws.write('parameters.json', '{"a": {"type": "String", "value": 1},}');
    await ws.write('local.settings.json', { Values: ['x'] });
    await ws.write('w/workflow.json', simpleWorkflow());
    const snapshot = await loadWorkspace(ws.root, TEST_OPTIONS);
    expect(snapshot.workflows[0]!.callable).toBe(true);
    expect(snapshot.problems.map((p) => [p.code, p.file, p.line])).toEqual([
      ['InvalidLocalSettings', 'local.settings.json', 2],
      ['InvalidJson', 'parameters.json', 1],
    ]);
  });

  it('warns about a parameter without a value', async () => {
    await ws.write('parameters.json', { p: { type: 'String' } });
    await ws.write('w/workflow.json', simpleWorkflow());
    expect((await loadWorkspace(ws.root, TEST_OPTIONS)).problems.map((p) => [p.code, p.pointer])).toEqual([['ParameterWithoutValue', '/p']]);
  });

  it('says so when the folder has no workflows', async () => {
    const snapshot = await loadWorkspace(ws.root, TEST_OPTIONS);
    expect(snapshot.workflows).toEqual([]);
    expect(snapshot.problems.map((p) => p.code)).toEqual(['NoWorkflows']);
  });

  it('fails with a clear code when the workspace folder does not exist', async () => {
    await expect(loadWorkspace(`${ws.root}/nope`, TEST_OPTIONS)).rejects.toMatchObject({ name: 'WorkspaceError', code: 'WorkspaceNotFound' });
    await ws.write('file.txt', 'x');
    await expect(loadWorkspace(`${ws.root}/file.txt`, TEST_OPTIONS)).rejects.toBeInstanceOf(WorkspaceError);
  });

  it('warns about a folder name that needs encoding in URLs, but loads it', async () => {
    await ws.write('my flow/workflow.json', simpleWorkflow());
    const [flow] = (await loadWorkspace(ws.root, TEST_OPTIONS)).workflows;
    expect(flow).toMatchObject({ name: 'my flow', callable: true });
    expect(flow!.problems.map((p) => p.code)).toEqual(['UnusualWorkflowName']);
  });

  it('passes expression strings to the injected checker and reports its findings with positions', async () => {
    const json = simpleWorkflow() as { definition: { actions: { Response: { inputs: Record<string, unknown> } } } };
    json.definition.actions.Response.inputs.body = "@triggerBody(";
    await ws.write('w/workflow.json', json);
    const snapshot = await loadWorkspace(ws.root, {
      ...TEST_OPTIONS,
      checkExpression: (text) => (text.endsWith('(') ? [{ code: 'ExpressionSyntaxError', message: `'${text}' is not closed.` }] : []),
    });
    expect(snapshot.workflows[0]!.callable).toBe(false);
    expect(snapshot.workflows[0]!.problems).toEqual([
      expect.objectContaining({ code: 'ExpressionSyntaxError', pointer: '/definition/actions/Response/inputs/body', line: 20, column: 11 }),
    ]);
  });
});

describe('access-control.json', () => {
  const policy = { triggers: { openAuthenticationPolicies: { policies: { p: { type: 'AAD', claims: [{ name: 'iss', value: 'https://sts.windows.net/t/' }] } } } } };

  it('passes the raw JSON and file to the injected parser and stores its value', async () => {
    await ws.write('w/workflow.json', simpleWorkflow());
    await ws.write('w/access-control.json', policy);
    const calls: [unknown, string][] = [];
    const snapshot = await loadWorkspace(ws.root, {
      ...TEST_OPTIONS,
      parseAccessControl: (json, file) => {
        calls.push([json, file]);
        return { value: { parsed: true }, problems: [] };
      },
    });
    expect(calls).toEqual([[policy, 'w/access-control.json']]);
    expect(snapshot.workflows[0]).toMatchObject({ accessControl: { parsed: true }, callable: true });
  });

  it('makes the workflow uncallable when the parser reports an error, with a position in access-control.json', async () => {
    await ws.write('w/workflow.json', simpleWorkflow());
    await ws.write('w/access-control.json', policy);
    const snapshot = await loadWorkspace(ws.root, {
      ...TEST_OPTIONS,
      parseAccessControl: (_json, file) => ({ problems: [{ code: 'InvalidPolicy', severity: 'error', message: 'bad iss', file, pointer: '/triggers/openAuthenticationPolicies/policies/p' }] }),
    });
    const [w] = snapshot.workflows;
    expect(w).toMatchObject({ callable: false, errorCount: 1 });
    expect(w!.accessControl).toBeUndefined();
    expect(w!.problems[0]).toMatchObject({ code: 'InvalidPolicy', file: 'w/access-control.json', workflow: 'w', line: 5 });
  });

  it('reports broken access-control JSON and keeps the workflow from serving', async () => {
    await ws.write('w/workflow.json', simpleWorkflow());
    await ws.write('w/access-control.json', '{ "triggers": ');
    const [w] = (await loadWorkspace(ws.root, { ...TEST_OPTIONS, parseAccessControl: () => ({ problems: [] }) })).workflows;
    expect(w).toMatchObject({ callable: false });
    expect(w!.problems[0]).toMatchObject({ code: 'InvalidJson', file: 'w/access-control.json', line: 1 });
  });

  it('turns a parser that throws into a problem instead of failing the load', async () => {
    await ws.write('w/workflow.json', simpleWorkflow());
    await ws.write('w/access-control.json', policy);
    const [w] = (await loadWorkspace(ws.root, { ...TEST_OPTIONS, parseAccessControl: () => { throw new Error('boom'); } })).workflows;
    expect(w!.problems.map((p) => p.code)).toEqual(['AccessControlParseFailed']);
    expect(w!.callable).toBe(false);
  });
});
