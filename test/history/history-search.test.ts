import { describe, expect, it } from 'vitest';
import { finishIndexUpkeep } from '../../src-main/history/history.ts';
import { parseTextFilter } from '../../src-main/history/history-search.ts';
import { runAt, runId } from './fixtures/run-record.ts';
import { openTracked, tempDataDir } from './fixtures/temp-dir.ts';

function seed() {
  const history = openTracked(tempDataDir());
  const order = runAt(1, { id: runId(), workflow: 'orders' });
  const invoice = runAt(2, {
    id: runId(),
    workflow: 'invoices',
    status: 'Rejected',
    error: { code: 'AuthorizationFailed', message: 'The signature in the sig query parameter is wrong' },
    request: {
      ...order.request,
      method: 'GET',
      url: '/api/invoices/triggers/manual/invoke/customers/42?api-version=2022-05-01&sig=***',
      body: { size: 31, contentType: 'text/plain', text: 'Invoice INV-2025-777 for Contoso' },
    },
    response: { status: 401, headers: {}, body: { size: 0 } },
    actions: [],
  });
  history.record(order);
  history.record(invoice);
  return { history, order, invoice };
}

const ids = (list: { id: string }[]) => list.map((run) => run.id);

describe('run history: text search', () => {
  it('finds runs by request body, case-insensitively and anywhere in a word', () => {
    const { history, order, invoice } = seed();
    expect(ids(history.list({ text: 'fabrikam' }))).toEqual([order.id]);
    expect(ids(history.list({ text: 'ontos' }))).toEqual([invoice.id]);
    expect(ids(history.list({ text: 'INV-2025-777' }))).toEqual([invoice.id]);
  });

  it('finds runs by response body, URL, error code and message, action error, and id fragment', () => {
    const { history, order, invoice } = seed();
    expect(ids(history.list({ text: '"accepted":true' }))).toEqual([order.id]);
    expect(ids(history.list({ text: 'customers/42' }))).toEqual([invoice.id]);
    expect(ids(history.list({ text: 'AuthorizationFailed' }))).toEqual([invoice.id]);
    expect(ids(history.list({ text: 'signature in the sig' }))).toEqual([invoice.id]);
    expect(ids(history.list({ text: 'InvalidTemplate' }))).toEqual([order.id]);
    expect(ids(history.list({ text: invoice.id.slice(-9) }))).toEqual([invoice.id]);
    expect(ids(history.list({ text: 'client-7' }))).toEqual([invoice.id, order.id]);
  });

  it('finds only runs holding the whole word, not runs that merely hold its pieces', () => {
    const { history, invoice } = seed();
    // The body holds "INV", "202", "5-7" and "777", every trigram the lookup of
    // "INV2025-777" uses, but not the word itself.
    expect(ids(history.list({ text: 'INV2025-777' }))).toEqual([]);
    expect(history.count({ text: 'INV2025-777' })).toBe(0);
    expect(history.count({ text: 'inv-2025-777' })).toBe(1);
    expect(ids(history.list({ text: 'Contoso', workflow: 'invoices' }))).toEqual([invoice.id]);
  });

  it('requires every word, in any order', () => {
    const { history, invoice } = seed();
    expect(ids(history.list({ text: 'Contoso invoice' }))).toEqual([invoice.id]);
    expect(ids(history.list({ text: 'Contoso Fabrikam' }))).toEqual([]);
  });

  it('matches words shorter than three characters against the summary columns', () => {
    const { history, invoice, order } = seed();
    expect(ids(history.list({ text: '42' }))).toEqual([invoice.id]);
    expect(ids(history.list({ text: 'in 42' }))).toEqual([invoice.id]);
    // `%` and `_` are literal, not LIKE wildcards: only the orders URL has a `%` (`%2F`).
    expect(ids(history.list({ text: '%' }))).toEqual([order.id]);
    expect(history.count({ text: '_' })).toBe(0);
  });

  it('treats quotes, operators and wildcards in the text literally', () => {
    const { history } = seed();
    for (const text of ['"', 'AND', 'NOT orders', '*', 'a:b', '(x', 'NEAR(', "o'brien"]) {
      expect(() => history.list({ text }), text).not.toThrow();
    }
    expect(history.count({ text: 'NOT orders' })).toBe(0);
  });

  it('combines text with the workflow and status filters', () => {
    const { history, invoice } = seed();
    expect(ids(history.list({ text: 'client-7', workflow: 'invoices' }))).toEqual([invoice.id]);
    expect(ids(history.list({ text: 'client-7', status: 'Succeeded' }))).toHaveLength(1);
    expect(history.count({ text: 'client-7', workflow: 'invoices', status: 'Succeeded' })).toBe(0);
    expect(history.count({ text: '   ' })).toBe(2);
  });

  it('finds the same runs before and after the index merges the writes of many batches, deletions included', () => {
    const history = openTracked(tempDataDir());
    const runs = Array.from({ length: 40 }, (_, i) => runAt(i, { id: runId(), workflow: i % 2 ? 'odd-flow' : 'even-flow' }));
    for (const run of runs) {
      history.record(run); // one batch, so one index segment, per run: merging has work to do
      history.flush();
    }
    history.delete([runs[1]!.id, runs[2]!.id]);
    const byNewest = (list: typeof runs) => ids(list).reverse();
    const odd = byNewest(runs.filter((_, i) => i % 2 === 1 && i !== 1));
    expect(ids(history.list({ text: 'odd-flow' }))).toEqual(odd);
    expect(history.count({ text: 'even-flow' })).toBe(19);
    finishIndexUpkeep(history);
    expect(ids(history.list({ text: 'odd-flow' }))).toEqual(odd);
    expect(history.count({ text: 'even-flow' })).toBe(19);
    expect(ids(history.list({ text: runs[2]!.id }))).toEqual([]);
  });

  it('finds a run by text as soon as it is committed, also from another handle (the CLI beside the app)', () => {
    const dataDir = tempDataDir();
    const app = openTracked(dataDir);
    const cli = openTracked(dataDir);
    const run = runAt(1, { id: runId(), workflow: 'fresh-flow' });
    app.record(run);
    app.flush();
    expect(ids(cli.list({ text: 'fresh-flow' }))).toEqual([run.id]);
    expect(app.count({ text: 'fresh' })).toBe(1);
  });

  it('finds an updated run by its new text only', () => {
    const history = openTracked(tempDataDir());
    const run = runAt(1, { id: runId(), status: 'Failed', error: { code: 'FirstAttempt', message: 'broke on the first attempt' } });
    history.record(run);
    expect(ids(history.list({ text: 'FirstAttempt' }))).toEqual([run.id]); // now in the index
    history.record({ ...run, error: { code: 'SecondAttempt', message: 'broke again' } });
    expect(ids(history.list({ text: 'FirstAttempt' }))).toEqual([]);
    expect(ids(history.list({ text: 'SecondAttempt' }))).toEqual([run.id]);
  });

  it('finds every run of a batch larger than the index takes at once', () => {
    const history = openTracked(tempDataDir(), { retention: { maxRuns: Infinity } });
    for (let i = 0; i < 2500; i += 1) history.record(runAt(i, { id: runId(), workflow: 'bulk-flow' }));
    history.flush();
    expect(history.count({ text: 'bulk-flow' })).toBe(2500);
    expect(history.list({ text: 'bulk-flow', limit: 1 })).toHaveLength(1);
  });

  it('builds an FTS5 query of quoted phrases and escaped LIKE patterns', () => {
    expect(parseTextFilter('say "hi" a%')).toEqual({ match: '"say" AND """hi" AND "hi"""', terms: ['say', '"hi"'], legacyMatch: '"say" AND """hi"""', likes: ['%a\\%%'] });
    expect(parseTextFilter('ab')).toEqual({ match: undefined, terms: [], legacyMatch: undefined, likes: ['%ab%'] });
    // The index has no positions: a term is looked up by trigrams that cover it, then checked whole.
    expect(parseTextFilter('Loading-Dock').match).toBe('"loa" AND "din" AND "g-d" AND "ock"');
  });
});
