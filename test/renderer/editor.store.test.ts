import { describe, expect, it, vi } from 'vitest';
import type { Problem } from '../../src-shared/problems.ts';
import { isDirty } from '../../src-renderer/stores/editor.store.ts';
import { createStores } from '../../src-renderer/stores/stores.ts';
import { FakeApi, FakeClipboard } from './fake-api.ts';
import { workflowText, workflowView, workspaceView } from './fixtures.ts';

async function setup(text = workflowText()) {
  const api = new FakeApi();
  const clipboard = new FakeClipboard();
  api.handle('workspace:get', () => workspaceView(workflowView('account')));
  api.handle('workflows:read', ({ name }) => ({ name, text }));
  const stores = createStores({ api, clipboard });
  await stores.workspace.getState().load();
  await stores.editor.getState().open('account');
  return { api, clipboard, stores, editor: stores.editor };
}

const parsed = (text: string) => JSON.parse(text) as { definition: { triggers: { manual: Record<string, unknown> }; actions: { Response: Record<string, unknown> } } };

describe('editor: form edits rewrite workflow.json', () => {
  it('method, relative path and "Default (Allow all methods)"', async () => {
    const { editor } = await setup();
    expect(editor.getState().trigger).toMatchObject({ name: 'manual', method: 'POST', schemaValidation: false });
    editor.getState().setMethod('get');
    editor.getState().setRelativePath('/address/{postalCode}');
    let trigger = parsed(editor.getState().text).definition.triggers.manual;
    expect(trigger.inputs).toEqual({ method: 'GET', relativePath: '/address/{postalCode}' });
    editor.getState().setMethod('');
    trigger = parsed(editor.getState().text).definition.triggers.manual;
    expect(trigger.inputs).toEqual({ relativePath: '/address/{postalCode}' });
    expect(isDirty(editor.getState())).toBe(true);
  });

  it('the schema validation toggle keeps the other operation options', async () => {
    const { editor } = await setup(workflowText({ operationOptions: 'SuppressWorkflowHeadersOnResponse' }));
    editor.getState().setSchemaValidation(true);
    expect(parsed(editor.getState().text).definition.triggers.manual.operationOptions).toBe('EnableSchemaValidation, SuppressWorkflowHeadersOnResponse');
    editor.getState().setSchemaValidation(false);
    expect(parsed(editor.getState().text).definition.triggers.manual.operationOptions).toBe('SuppressWorkflowHeadersOnResponse');
  });

  it('"Use sample payload to generate schema" sets the trigger schema from the README’s account example', async () => {
    const { editor } = await setup();
    const ok = editor.getState().generateSchema('{"account":{"name":"Contoso","ID":"12345","address":{"postalCode":"11111"}}}');
    expect(ok).toBe(true);
    const schema = (parsed(editor.getState().text).definition.triggers.manual.inputs as { schema: unknown }).schema;
    expect(schema).toEqual({
      type: 'object',
      properties: {
        account: {
          type: 'object',
          properties: { name: { type: 'string' }, ID: { type: 'string' }, address: { type: 'object', properties: { postalCode: { type: 'string' } } } },
        },
      },
    });
    expect(JSON.parse(editor.getState().schemaText)).toEqual(schema);
  });

  it('a sample that is not JSON is refused with where it broke', async () => {
    const { editor } = await setup();
    expect(editor.getState().generateSchema('{"account": }')).toBe(false);
    expect(editor.getState().sampleError).toMatch(/not valid JSON.*line 1, column 13/);
  });

  it('a schema draft that does not parse is kept as typed and the file is untouched', async () => {
    const { editor } = await setup();
    const before = editor.getState().text;
    editor.getState().setSchemaText('{"type": ');
    expect(editor.getState().schemaText).toBe('{"type": ');
    expect(editor.getState().schemaError).toMatch(/Invalid JSON/);
    expect(editor.getState().text).toBe(before);
  });

  it('status code, headers (with the dropped ones flagged) and body; unknown keys survive', async () => {
    const { editor } = await setup();
    editor.getState().setStatusCode('201');
    editor.getState().setHeaderRows([
      { id: 'a', enabled: true, key: 'Content-Type', value: 'application/json' },
      { id: 'b', enabled: true, key: 'Set-Cookie', value: 'x=1' },
      { id: 'c', enabled: true, key: 'Content-Length', value: '3' },
    ]);
    editor.getState().setBodyText('{"received": "@triggerBody()"}');
    const response = parsed(editor.getState().text).definition.actions.Response;
    expect(response.inputs).toEqual({ statusCode: 201, headers: { 'Content-Type': 'application/json', 'Set-Cookie': 'x=1', 'Content-Length': '3' }, body: { received: '@triggerBody()' } });
    expect(response.trackedProperties).toEqual({ keep: 'me' });
    expect(editor.getState().droppedHeaders).toEqual(['Set-Cookie', 'Content-Length']);
  });

  it('the body editor underlines a broken expression while typing', async () => {
    const { editor } = await setup();
    editor.getState().setBodyText('{"name": "@triggerBody()?[\'account\'"}');
    const [diagnostic] = editor.getState().bodyDiagnostics;
    expect(diagnostic?.severity).toBe('error');
    editor.getState().setBodyText('{"name": "@triggerBody()?[\'account\']"}');
    expect(editor.getState().bodyDiagnostics).toEqual([]);
  });

  it('header values, the status code and the code view flag broken expressions while typing', async () => {
    const { editor } = await setup();
    editor.getState().setHeaderRows([{ id: 'h', enabled: true, key: 'X-Name', value: "@{triggerBody()?['a'" }]);
    expect(editor.getState().headerIssues.h?.[0]).toMatch(/\(\w+\)$/);
    editor.getState().setHeaderRows([{ id: 'h', enabled: true, key: 'X-Name', value: "@{triggerBody()?['a']}" }]);
    expect(editor.getState().headerIssues).toEqual({});
    editor.getState().setStatusCode('@int(triggerBody()');
    expect(editor.getState().statusIssues.length).toBe(1);
    editor.getState().setStatusCode('200');
    expect(editor.getState().statusIssues).toEqual([]);
    const text = editor.getState().text.replace('"body": "@triggerBody()"', '"body": "@triggerBody)"');
    expect(text).toContain('@triggerBody)');
    editor.getState().setText(text);
    const diagnostic = editor.getState().codeDiagnostics.find((d) => d.severity === 'error');
    expect(diagnostic?.message).toMatch(/\S/);
    // Underlined inside the broken string, where it is written.
    const at = text.indexOf('"@triggerBody)"');
    expect(diagnostic!.from).toBeGreaterThan(at);
    expect(diagnostic!.to).toBeLessThan(at + '"@triggerBody)"'.length);
  });

  it('Response parameters: headers as text in step with the table, body schema from a sample, asynchronous response', async () => {
    const { editor } = await setup(workflowText({ responseInputs: { statusCode: 200, headers: { 'Content-Type': 'application/json' } } }));
    editor.getState().setHeadersText('{ "Content-Type": "text/plain", "X-Id": "@{triggerBody()?[\'id\']}" }');
    expect(editor.getState().headerRows.map((r) => [r.key, r.value])).toEqual([['Content-Type', 'text/plain'], ['X-Id', "@{triggerBody()?['id']}"]]);
    editor.getState().setHeaderRows([...editor.getState().headerRows, { id: 'n', enabled: true, key: 'X-New', value: '1' }]);
    expect(JSON.parse(editor.getState().headersText)).toEqual({ 'Content-Type': 'text/plain', 'X-Id': "@{triggerBody()?['id']}", 'X-New': '1' });
    // Broken text stays as typed; the file keeps the last good headers.
    editor.getState().setHeadersText('{ "X": ');
    expect(editor.getState().headersError).toMatch(/Invalid JSON/);
    expect(parsed(editor.getState().text).definition.actions.Response.inputs).toMatchObject({ headers: { 'X-New': '1' } });
    expect(editor.getState().generateSchema('{"ok": true}', 'response')).toBe(true);
    expect((parsed(editor.getState().text).definition.actions.Response.inputs as { schema: unknown }).schema).toEqual({ type: 'object', properties: { ok: { type: 'boolean' } } });
    expect(parsed(editor.getState().text).definition.triggers.manual.inputs).not.toHaveProperty('schema');
    editor.getState().setAsynchronous(true);
    expect(parsed(editor.getState().text).definition.actions.Response.operationOptions).toBe('Asynchronous');
    expect(editor.getState().response?.asynchronous).toBe(true);
    editor.getState().setAsynchronous(false);
    expect(parsed(editor.getState().text).definition.actions.Response).not.toHaveProperty('operationOptions');
  });

  it('trigger conditions: blank rows kept while typing, only expressions written, broken ones flagged', async () => {
    const { editor } = await setup();
    editor.getState().setConditionRows(['', "@equals(triggerBody()?['kind'], 'a')"]);
    expect(editor.getState().conditionRows).toEqual(['', "@equals(triggerBody()?['kind'], 'a')"]);
    expect(parsed(editor.getState().text).definition.triggers.manual.conditions).toEqual([{ expression: "@equals(triggerBody()?['kind'], 'a')" }]);
    editor.getState().setConditionRows(['@equals(', 'plain']);
    expect(editor.getState().conditionIssues[0]?.length).toBe(1);
    expect(editor.getState().conditionIssues[1]?.[0]).toMatch(/starting with @/);
    editor.getState().setConditionRows([]);
    expect(parsed(editor.getState().text).definition.triggers.manual).not.toHaveProperty('conditions');
  });

  it('a workflow without a Response action can get one', async () => {
    const text = JSON.stringify({ definition: { triggers: { manual: { type: 'Request', kind: 'Http' } }, actions: {} }, kind: 'Stateful' });
    const { editor } = await setup(text);
    expect(editor.getState().response).toBeUndefined();
    editor.getState().addResponse();
    expect(editor.getState().response).toMatchObject({ name: 'Response', statusCode: '200', body: '@triggerBody()' });
  });

  it('broken JSON in the code view disables form edits and is reported with its place', async () => {
    const { editor } = await setup();
    editor.getState().setText('{ "definition": ');
    expect(editor.getState().parse.ok).toBe(false);
    expect(editor.getState().codeDiagnostics[0]?.message).toMatch(/Invalid JSON at line 1/);
    editor.getState().setMethod('GET');
    expect(editor.getState().text).toBe('{ "definition": ');
  });
});

describe('editor: the file changes on disk', () => {
  it('follows the new text while nothing is unsaved', async () => {
    const { api, editor } = await setup();
    const changed = workflowText({ triggerInputs: { method: 'PUT' } });
    api.handle('workflows:read', ({ name }) => ({ name, text: changed }));
    api.emit('workspace:changed', workspaceView(workflowView('account')));
    await vi.waitFor(() => expect(editor.getState().trigger?.method).toBe('PUT'));
    expect(isDirty(editor.getState())).toBe(false);
  });

  it('never overwrites unsaved edits', async () => {
    const { api, editor } = await setup();
    editor.getState().setMethod('PATCH');
    api.handle('workflows:read', ({ name }) => ({ name, text: workflowText({ triggerInputs: { method: 'PUT' } }) }));
    api.emit('workspace:changed', workspaceView(workflowView('account')));
    await Promise.resolve();
    expect(editor.getState().trigger?.method).toBe('PATCH');
    expect(api.callsTo('workflows:read')).toHaveLength(1);
  });
});

describe('editor: save', () => {
  it('saves through workflows:save, shows the returned problems and updates the sidebar', async () => {
    const { api, stores, editor } = await setup();
    const problem: Problem = { code: 'InvalidRunAfter', severity: 'error', message: "Response waits for 'Missing', which does not exist.", file: 'account/workflow.json', pointer: '/definition/actions/Response/runAfter' };
    let onDisk = '';
    api.handle('workflows:save', ({ name, text }) => {
      onDisk = text;
      return { workflow: workflowView(name, { callable: false, problems: [problem] }), problems: [problem] };
    });
    api.handle('workflows:read', ({ name }) => ({ name, text: onDisk }));
    editor.getState().setMethod('PUT');
    expect(await editor.getState().save()).toBe(true);
    expect(api.callsTo('workflows:save')[0]).toEqual({ name: 'account', text: editor.getState().text });
    expect(isDirty(editor.getState())).toBe(false);
    expect(editor.getState().problems).toEqual([problem]);
    const diagnostic = editor.getState().codeDiagnostics[0]!;
    expect(editor.getState().text.slice(diagnostic.from, diagnostic.to)).toBe('"runAfter"');
    expect(stores.workspace.getState().workflow('account')?.callable).toBe(false);
  });

  it('keeps the changes and shows the error when the save fails', async () => {
    const { api, editor } = await setup();
    api.handle('workflows:save', () => {
      throw Object.assign(new Error("Error invoking remote method 'workflows:save': Error: The disk is full."), { code: 'WriteFailed' });
    });
    editor.getState().setMethod('PUT');
    expect(await editor.getState().save()).toBe(false);
    expect(editor.getState().saveError).toEqual({ code: 'WriteFailed', message: 'The disk is full.' });
    expect(isDirty(editor.getState())).toBe(true);
  });
});

describe('editor: new workflow and callback URL', () => {
  it('creates from a sample payload: POST, generated schema, a Response echoing the body; then opens it', async () => {
    const { api, editor } = await setup();
    api.handle('workflows:create', ({ name }) => workflowView(name));
    await editor.getState().create('account-intake', 'sample', '{"account":{"name":"Contoso"}}');
    const request = api.callsTo('workflows:create')[0] as { name: string; definition: { triggers: { manual: { inputs: unknown } }; actions: { Response: { inputs: unknown } } } };
    expect(request.name).toBe('account-intake');
    expect(request.definition.triggers.manual.inputs).toEqual({ method: 'POST', schema: { type: 'object', properties: { account: { type: 'object', properties: { name: { type: 'string' } } } } } });
    expect(request.definition.actions.Response.inputs).toEqual({ statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: '@triggerBody()' });
    expect(editor.getState().name).toBe('account-intake');
  });

  it('refuses a bad or taken name before calling the core', async () => {
    const { api, editor } = await setup();
    expect(await editor.getState().create('has space', 'blank')).toBe(false);
    expect(editor.getState().createError).toMatch(/letters, digits/);
    expect(await editor.getState().create('Account', 'blank')).toBe(false);
    expect(editor.getState().createError).toMatch(/already exists/);
    expect(api.callsTo('workflows:create')).toHaveLength(0);
  });

  it('copies the URL signed with the chosen key', async () => {
    const { clipboard, editor } = await setup();
    await editor.getState().copyCallbackUrl('secondary');
    expect(clipboard.text).toMatch(/sig=SIGSECONDARY$/);
  });
});
