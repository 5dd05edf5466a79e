import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toApiErrorPayload } from '../../src-main/console-requests/api-error.ts';
import { createDispatcher } from '../../src-main/console-requests/dispatcher.ts';
import type { ConsoleClient } from '../../src-main/outbound/console-client.ts';
import type { SavedEnvironment, SavedRequest } from '../../src-shared/collections.ts';
import type { CollectionsListing, EnvironmentsListing } from '../../src-shared/contract.ts';
import { POSIX_MODES, useTempDirs } from '../auth/temp-dir.ts';
import { createFakeWorkbench } from '../console-requests/fake-workbench.ts';

const tempDir = useTempDirs();
const outbound: ConsoleClient = { send: async () => ({ error: { code: 'x', message: 'x' } }), cancel: () => false, cancelAll() {} };

const request = (name: string, extra: Partial<SavedRequest> = {}): SavedRequest => ({
  version: 1,
  name,
  method: 'POST',
  url: 'https://127.0.0.1:7071/api/account/triggers/manual/invoke',
  target: { workflow: 'account', relativePath: 'orders/{{orderId}}' },
  headers: [{ name: 'X-Id', value: '{{id}}' }],
  body: { mode: 'json', text: '{"a":1}' },
  auth: { type: 'sas', key: 'primary' },
  ...extra,
});

async function setup() {
  const root = await tempDir();
  const dataDir = await tempDir();
  const workbench = createFakeWorkbench();
  Object.assign(workbench, { dataDir, workspaceView: () => ({ root, workflows: [], problems: [] }) });
  const dispatch = createDispatcher(workbench, outbound, 'web');
  return { root, dataDir, dispatch };
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return toApiErrorPayload(error);
  }
  throw new Error('expected the call to fail');
}

describe('saved requests in the workspace', () => {
  it('writes one readable file per request, named after it, and lists them back', async () => {
    const { root, dispatch } = await setup();
    const first = (await dispatch('collections:saveRequest', { collection: 'Orders API', request: request('Create order') })) as { file: string; listing: CollectionsListing };
    expect(first.file).toBe('create-order.request.json');
    const second = (await dispatch('collections:saveRequest', { collection: 'Orders API', request: request('Create  order!') })) as { file: string };
    expect(second.file).toBe('create-order-2.request.json');
    const text = await readFile(join(root, '.triggerbench/collections/Orders API/create-order.request.json'), 'utf8');
    expect(text).toContain('\n  "name": "Create order",\n');
    expect(JSON.parse(text)).toEqual(request('Create order'));
    const listing = (await dispatch('collections:list', {})) as CollectionsListing;
    expect(listing.collections.map((c) => [c.name, c.requests.map((r) => r.file)])).toEqual([['Orders API', ['create-order-2.request.json', 'create-order.request.json']]]);
  });

  it('keeps the file name when a request is renamed, and deletes the folder with its last request', async () => {
    const { root, dispatch } = await setup();
    const { file } = (await dispatch('collections:saveRequest', { collection: 'c', request: request('One') })) as { file: string };
    await dispatch('collections:saveRequest', { collection: 'c', request: request('Renamed'), file });
    const listing = (await dispatch('collections:list', {})) as CollectionsListing;
    expect(listing.collections[0]?.requests).toEqual([{ file: 'one.request.json', request: request('Renamed') }]);
    await dispatch('collections:deleteRequest', { collection: 'c', file });
    expect(await readdir(join(root, '.triggerbench/collections'))).toEqual([]);
    expect((await failure(dispatch('collections:deleteRequest', { collection: 'c', file }))).code).toBe('RequestNotFound');
  });

  it('reports a damaged file as a problem and still lists the others', async () => {
    const { root, dispatch } = await setup();
    await dispatch('collections:saveRequest', { collection: 'c', request: request('Good') });
    await writeFile(join(root, '.triggerbench/collections/c/bad.request.json'), '{"version":1,');
    await writeFile(join(root, '.triggerbench/collections/c/odd.request.json'), JSON.stringify({ ...request('Odd'), method: 42 }));
    const listing = (await dispatch('collections:list', {})) as CollectionsListing;
    expect(listing.collections[0]?.requests.map((r) => r.request.name)).toEqual(['Good']);
    expect(listing.problems.map((p) => [p.file, p.code])).toEqual([
      ['.triggerbench/collections/c/bad.request.json', 'InvalidSavedRequest'],
      ['.triggerbench/collections/c/odd.request.json', 'InvalidSavedRequest'],
    ]);
    expect(listing.problems[1]?.message).toContain('/method');
  });

  it('refuses names that would leave the folder, with the reason', async () => {
    const { dispatch } = await setup();
    const bad = await failure(dispatch('collections:saveRequest', { collection: '../outside', request: request('x') }));
    expect(bad).toMatchObject({ code: 'InvalidCollectionName' });
    expect(bad.message).toContain("'../outside' cannot be a collection name");
    expect((await failure(dispatch('collections:saveRequest', { collection: 'c', request: request('x'), file: '../x.request.json' }))).code).toBe('InvalidRequestFile');
    const payload = await failure(dispatch('collections:saveRequest', { collection: 'c', request: { ...request('x'), body: { mode: 'yaml' } } }));
    expect(payload.code).toBe('InvalidPayload');
  });

  it('says a workspace must be open', async () => {
    const { dispatch } = await setup();
    const workbench = createFakeWorkbench();
    const noRoot = createDispatcher(Object.assign(workbench, { workspaceView: () => ({ root: '', workflows: [], problems: [] }) }), outbound, 'web');
    expect((await failure(noRoot('collections:list', {}))).code).toBe('NoWorkspace');
    expect(dispatch).toBeTypeOf('function');
  });
});

describe('environments', () => {
  const env: SavedEnvironment = {
    version: 1,
    name: 'Local',
    variables: [
      { name: 'orderId', value: '42' },
      { name: 'token', value: 'eyJ-secret', secret: true },
    ],
  };

  it('keeps secret values in the data folder, never in the workspace, and merges them back', async () => {
    const { root, dataDir, dispatch } = await setup();
    const listing = (await dispatch('environments:save', { environment: env })) as EnvironmentsListing;
    expect(listing.environments).toEqual([env]);
    const onDisk = await readFile(join(root, '.triggerbench/environments/Local.environment.json'), 'utf8');
    expect(onDisk).not.toContain('eyJ-secret');
    expect(JSON.parse(onDisk).variables[1]).toEqual({ name: 'token', secret: true });
    const secrets = await readFile(join(dataDir, 'environment-secrets.json'), 'utf8');
    expect(secrets).toContain('eyJ-secret');
    if (POSIX_MODES) expect((await stat(join(dataDir, 'environment-secrets.json'))).mode & 0o777).toBe(0o600);
  });

  it('renames and deletes, taking the secrets along', async () => {
    const { root, dataDir, dispatch } = await setup();
    await dispatch('environments:save', { environment: env });
    const renamed = (await dispatch('environments:save', { environment: { ...env, name: 'Dev' }, previousName: 'Local' })) as EnvironmentsListing;
    expect(renamed.environments.map((e) => [e.name, e.variables[1]?.value])).toEqual([['Dev', 'eyJ-secret']]);
    expect(await readdir(join(root, '.triggerbench/environments'))).toEqual(['Dev.environment.json']);
    expect((await failure(dispatch('environments:save', { environment: { ...env, name: 'Dev' } }))).code).toBe('EnvironmentExists');
    await dispatch('environments:delete', { name: 'Dev' });
    expect(await readFile(join(dataDir, 'environment-secrets.json'), 'utf8')).not.toContain('eyJ-secret');
  });

  it('reports a hand-broken environment file', async () => {
    const { root, dispatch } = await setup();
    await mkdir(join(root, '.triggerbench/environments'), { recursive: true });
    await writeFile(join(root, '.triggerbench/environments/x.environment.json'), '{"version":2,"name":"x","variables":[]}');
    const listing = (await dispatch('environments:list', {})) as EnvironmentsListing;
    expect(listing.environments).toEqual([]);
    expect(listing.problems[0]).toMatchObject({ code: 'InvalidEnvironment', pointer: '/version' });
  });
});

describe('sent-request history and console state', () => {
  it('keeps sent requests newest first, searchable by header values and body', async () => {
    const { dispatch } = await setup();
    await dispatch('sent:add', { id: '1', sentAt: '2026-01-01T00:00:00Z', request: request('POST a', { headers: [{ name: 'X-Id', value: 'abc-123' }] }), status: 200 });
    await dispatch('sent:add', { id: '2', sentAt: '2026-01-01T00:00:01Z', request: request('POST b', { body: { mode: 'json', text: '{"customer":"Contoso"}' } }), status: 401 });
    const all = (await dispatch('sent:list', {})) as { entries: { id: string }[] };
    expect(all.entries.map((e) => e.id)).toEqual(['2', '1']);
    expect(((await dispatch('sent:list', { text: 'abc-123' })) as { entries: { id: string }[] }).entries.map((e) => e.id)).toEqual(['1']);
    expect(((await dispatch('sent:list', { text: 'contoso' })) as { entries: { id: string }[] }).entries.map((e) => e.id)).toEqual(['2']);
    expect(await dispatch('sent:clear', {})).toEqual({ deleted: 2 });
  });

  it('saves and loads the console state', async () => {
    const { dispatch } = await setup();
    expect(await dispatch('console:loadState', {})).toEqual({ state: null });
    await dispatch('console:saveState', { state: { tabs: [{ id: 't1' }], theme: 'dark' } });
    expect(await dispatch('console:loadState', {})).toEqual({ state: { tabs: [{ id: 't1' }], theme: 'dark' } });
  });
});
