import { describe, expect, it } from 'vitest';
import type { SavedRequest } from '../../src-shared/collections.ts';
import { escapeArmStrings, unescapeArmStrings } from '../../src-shared/exchange/arm-escape.ts';
import { importPostmanCollection, toPostmanCollection } from '../../src-shared/exchange/postman.ts';
import { compareWithRecording, updateRecording } from '../../src-shared/exchange/recording-compare.ts';
import type { Recording } from '../../src-shared/exchange/recording.ts';
import { importWorkflowDocument } from '../../src-shared/exchange/workflow-import.ts';
import { parseQuery, splitUrl } from '../../src-shared/exchange/url-parts.ts';

describe('ARM escaping', () => {
  it('escapes only what ARM would evaluate, and import undoes it', () => {
    const definition = { a: '[expression-looking]', b: '[not closed', c: '@{x}', list: ['[x]'], '[key]': 1 };
    const escaped = escapeArmStrings(definition);
    expect(escaped).toEqual({ a: '[[expression-looking]', b: '[not closed', c: '@{x}', list: ['[[x]'], '[[key]': 1 });
    const found: string[] = [];
    expect(unescapeArmStrings(escaped, '', (pointer) => found.push(pointer))).toEqual(definition);
    expect(found).toEqual([]);
    unescapeArmStrings({ name: "[parameters('x')]" }, '/d', (pointer) => found.push(pointer));
    expect(found).toEqual(['/d/name']);
  });
});

describe('workflow file formats', () => {
  it('names a workflow after its folder or file, and renames what a folder cannot hold', () => {
    const workflow = { definition: { triggers: {}, actions: {} }, kind: 'stateless' };
    expect(importWorkflowDocument(workflow, 'proj/orders/workflow.json').workflows[0]).toMatchObject({ name: 'orders', workflow: { kind: 'Stateless' } });
    const renamed = importWorkflowDocument(workflow, 'my orders (v2).json');
    expect(renamed.workflows[0]!.name).toBe('my_orders_v2_');
    expect(renamed.workflows[0]!.problems.map((p) => p.code)).toEqual(['WorkflowRenamed']);
    expect(importWorkflowDocument([1, 2], 'x.json').problems[0]!.code).toBe('NotAWorkflowFile');
    expect(importWorkflowDocument({ resources: [] }, 't.json').problems[0]!.code).toBe('NoWorkflowsInTemplate');
  });
});

describe('URL parts (no DOM or Node in src-shared)', () => {
  it('splits URLs and decodes queries as URLSearchParams does', () => {
    expect(splitUrl('https://user@127.0.0.1:7071/api/a/triggers/m/invoke/x%2Fy?sig=1&q=a+b#frag')).toEqual({ origin: 'https://127.0.0.1:7071', hostname: '127.0.0.1', pathname: '/api/a/triggers/m/invoke/x%2Fy', search: 'sig=1&q=a+b' });
    expect(splitUrl('/relative')).toBeUndefined();
    expect(parseQuery('a=1&b=x+y&c=%E2%9C%93&d&bad=%zz')).toEqual([...new URLSearchParams('a=1&b=x+y&c=%E2%9C%93&d')].concat([['bad', '%zz']]));
  });
});

describe('Postman v2.1', () => {
  const base: Omit<SavedRequest, 'name' | 'body'> = { version: 1, method: 'POST', url: 'https://example.test/hook?x={{x}}', headers: [], auth: { type: 'none' } };
  const requests: SavedRequest[] = [
    { ...base, name: 'Form', body: { mode: 'form', fields: [{ name: 'a', value: '1' }, { name: 'b', value: '2', enabled: false }] } },
    { ...base, name: 'File', body: { mode: 'file', path: 'samples/order.xml', contentType: 'application/xml' } },
    { ...base, name: 'Text', body: { mode: 'text', text: 'hi {{x}}', contentType: 'text/plain' } },
    { ...base, name: 'Nothing', method: 'GET', body: { mode: 'none' } },
  ];

  it('round-trips every body mode of a request without a target', () => {
    const { collection } = toPostmanCollection({ name: 'c', requests, baseUrl: 'https://127.0.0.1:7071', sign: () => undefined });
    const back = importPostmanCollection(JSON.parse(JSON.stringify(collection)), 'c.json');
    expect(back.problems).toEqual([]);
    expect(back.collection.requests.map((r) => r.request)).toEqual(requests);
  });

  it('flattens folders, applies inherited bearer auth and lists what it cannot carry', () => {
    const imported = importPostmanCollection(
      {
        info: { name: 'Folders', schema: 'https://schema.getpostman.com/json/collection/v2.0.0/collection.json' },
        auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{jwt}}' }] },
        item: [{ name: 'Orders', item: [{ name: 'Upload', request: { method: 'post', url: { raw: 'https://h/x' }, body: { mode: 'formdata', formdata: [{ key: 'f', type: 'file', src: '/tmp/a' }, { key: 'k', value: 'v' }] } } }] }],
        variable: [{ key: 'jwt', value: 'eyJhbGciOi' }, { key: 'host', value: 'h' }],
      },
      'f.json',
    );
    const request = imported.collection.requests[0]!.request;
    expect(request).toMatchObject({ name: 'Orders / Upload', method: 'POST', auth: { type: 'bearer', token: '{{jwt}}' }, body: { mode: 'form', fields: [{ name: 'k', value: 'v' }] } });
    expect(imported.problems.map((p) => p.code).sort()).toEqual(['FormFileNotImported', 'MultipartAsUrlEncoded']);
    // A token's value never lands in the workspace: it becomes a secret variable.
    expect(imported.environment!.variables).toEqual([{ name: 'jwt', secret: true }, { name: 'host', value: 'h' }]);
  });
});

describe('recording comparison', () => {
  const recording: Recording = {
    format: 'triggerbench-recording',
    version: 1,
    name: 'r',
    workflow: 'w',
    trigger: 'manual',
    request: { method: 'POST', headers: {}, auth: { scheme: 'None' } },
    expected: { status: 200, headers: { 'Content-Type': 'application/json', 'x-ms-workflow-run-id': '1' }, body: { json: { a: 1, list: [1, 2], id: 'old' } } },
    volatile: { headers: ['x-ms-workflow-run-id'], body: ['/id'] },
  };
  const response = (body: unknown, headers: [string, string][] = [['content-type', 'application/json']]) => ({ status: 200, headers, body: { text: JSON.stringify(body), size: JSON.stringify(body).length } });

  it('ignores volatile fields, key order and spacing, and names every other difference', () => {
    expect(compareWithRecording(recording, response({ id: 'new', list: [1, 2], a: 1 }))).toEqual([]);
    expect(compareWithRecording(recording, { ...response({ a: 2, list: [1], id: 'x', extra: true }), status: 500 })).toEqual([
      { where: 'status', expected: 200, actual: 500 },
      { where: 'body /a', expected: 1, actual: 2 },
      { where: 'body /list/1', expected: 2 },
      { where: 'body /extra', actual: true },
    ]);
    expect(compareWithRecording(recording, response({ a: 1, list: [1, 2], id: '' }, [['content-type', 'text/json']]))).toEqual([{ where: 'header Content-Type', expected: 'application/json', actual: 'text/json' }, { where: 'body', expected: recording.expected.body && 'json' in recording.expected.body ? recording.expected.body.json : undefined, actual: JSON.stringify({ a: 1, list: [1, 2], id: '' }) }]);
  });

  it('updates the expectation and keeps the volatile fields the user named', () => {
    const updated = updateRecording(recording, response({ a: 3, id: 'n' }, [['Content-Type', 'application/json'], ['Date', 'x'], ['Connection', 'close'], ['x-ms-workflow-run-id', '2']]));
    expect(updated.expected).toEqual({ status: 200, headers: { 'Content-Type': 'application/json', 'x-ms-workflow-run-id': '2' }, body: { json: { a: 3, id: 'n' } } });
    expect(updated.volatile.body).toEqual(['/id']);
    expect(compareWithRecording(updated, response({ a: 3, id: 'other' }, [['content-type', 'application/json']]))).toEqual([]);
  });
});
