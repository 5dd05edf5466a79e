import { describe, expect, it } from 'vitest';
import { createExchangeStore } from '../../src-renderer/stores/exchange.store.ts';
import { downloadName } from '../../src-renderer/features/exchange/save-file.ts';
import { FakeApi } from './fake-api.ts';

describe('exchange store', () => {
  it('exports the subject the dialog was opened for, with the chosen format and runs', async () => {
    const api = new FakeApi().handle('exchange:exportRuns', (req) => ({ files: [{ path: 'runs.har', text: `${req.ids.length}` }], problems: [] }));
    const store = createExchangeStore(api);
    store.getState().openExport({ kind: 'runs', selectedId: 'b', listedIds: ['a', 'b', 'c'] });
    const result = await store.getState().runExport({ format: 'har', ids: ['b'], includeSecrets: false });
    expect(api.calls).toEqual([{ channel: 'exchange:exportRuns', request: { ids: ['b'], format: 'har', includeSecrets: false } }]);
    expect(result!.files[0]!.text).toBe('1');
    expect(store.getState().exported).toEqual(result);
  });

  it('shows an export failure where it happened and keeps the dialog open', async () => {
    const api = new FakeApi().handle('exchange:exportWorkflows', () => Promise.reject(Object.assign(new Error('No workspace is open.'), { code: 'NoWorkspace' })));
    const store = createExchangeStore(api);
    store.getState().openExport({ kind: 'workflows', names: [] });
    expect(await store.getState().runExport({ format: 'arm', names: [] })).toBeNull();
    expect(store.getState().error).toEqual({ code: 'NoWorkspace', message: 'No workspace is open.' });
    expect(store.getState().subject).toEqual({ kind: 'workflows', names: [] });
  });

  it('reports a failed import call as a problem of each file, so the user sees why nothing came in', async () => {
    const api = new FakeApi().handle('exchange:import', () => Promise.reject(Object.assign(new Error('payload too large'), { code: 'PayloadTooLarge' })));
    const store = createExchangeStore(api);
    const report = await store.getState().importFiles([{ name: 'big.har', text: '{}' }]);
    expect(report!.files[0]).toMatchObject({ file: 'big.har', imported: [], problems: [{ code: 'PayloadTooLarge', severity: 'error' }] });
    expect(store.getState().report).toEqual(report);
  });

  it('names downloads so that a saved workflow imports back under its name', () => {
    expect(downloadName('orders/workflow.json')).toBe('orders.json');
    expect(downloadName('orders/access-control.json')).toBe('orders.access-control.json');
    expect(downloadName('template.json')).toBe('template.json');
  });
});
