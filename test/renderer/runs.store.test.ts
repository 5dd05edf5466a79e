import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunQuery, RunSummary } from '../../src-shared/runs.ts';
import { createRunsStore, RUNS_PAGE_SIZE } from '../../src-renderer/stores/runs.store.ts';
import { FakeApi, FakeClipboard, deferred } from './fake-api.ts';
import { okResponse } from './fixtures.ts';

/** A fake history of `count` runs, newest first, filtered like the core does. */
function history(count: number) {
  const all: RunSummary[] = Array.from({ length: count }, (_, i) => ({
    id: `run-${String(count - i).padStart(6, '0')}`,
    workflow: i % 2 === 0 ? 'account' : 'secured',
    trigger: 'manual',
    status: i % 10 === 0 ? 'Rejected' : 'Succeeded',
    method: 'POST',
    url: '/api/x',
    startTime: new Date(Date.UTC(2024, 0, 1) - i * 1000).toISOString(),
  }));
  return {
    all,
    query(q: RunQuery) {
      const rows = all.filter((r) => (!q.workflow || r.workflow === q.workflow) && (!q.status || r.status === q.status) && (!q.text || r.id.includes(q.text)));
      const offset = q.offset ?? 0;
      return { runs: rows.slice(offset, offset + (q.limit ?? 100)), total: rows.length };
    },
  };
}

function setup(count: number) {
  const api = new FakeApi();
  const data = history(count);
  api.handle('runs:query', (q) => data.query(q));
  const runs = createRunsStore({ api, clipboard: new FakeClipboard() }, { debounceMs: 200 });
  return { api, runs, data };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('runs: paging through runs:query', () => {
  it('loads only the first page of 100,000 runs, then only the pages that become visible', async () => {
    const { api, runs } = setup(100_000);
    await runs.getState().start();
    expect(runs.getState().total).toBe(100_000);
    expect(api.callsTo('runs:query')).toEqual([{ limit: RUNS_PAGE_SIZE, offset: 0 }]);
    expect(runs.getState().rowAt(0)?.id).toBe('run-100000');
    expect(runs.getState().rowAt(150)).toBeUndefined();

    await runs.getState().ensureRange(54_980, 55_020);
    expect(api.callsTo('runs:query').slice(1)).toEqual([
      { limit: RUNS_PAGE_SIZE, offset: 54_900 },
      { limit: RUNS_PAGE_SIZE, offset: 55_000 },
    ]);
    expect(runs.getState().rowAt(55_000)?.id).toBe('run-045000');
    // Already loaded pages are not fetched again.
    await runs.getState().ensureRange(54_990, 55_010);
    expect(api.callsTo('runs:query')).toHaveLength(3);
  });

  it('asks for each page once even when the list asks twice before the answer', async () => {
    const { api, runs, data } = setup(500);
    await runs.getState().start();
    const held = deferred<{ runs: RunSummary[]; total: number }>();
    api.handle('runs:query', () => held.promise);
    const a = runs.getState().ensureRange(200, 210);
    const b = runs.getState().ensureRange(200, 210);
    held.resolve(data.query({ offset: 200, limit: 100 }));
    await Promise.all([a, b]);
    expect(api.callsTo('runs:query')).toHaveLength(2);
  });

  it('a second ask for a page that is loading resolves once the page is there', async () => {
    // End in the run list loads the last page while scrolling asks for it too: the
    // second ask must wait for that load, or End finds no row to select.
    const { api, runs, data } = setup(500);
    await runs.getState().start();
    const held = deferred<{ runs: RunSummary[]; total: number }>();
    api.handle('runs:query', () => held.promise);
    void runs.getState().ensureRange(450, 460);
    const second = runs.getState().ensureRange(499, 499);
    let done = false;
    void second.then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    held.resolve(data.query({ offset: 400, limit: 100 }));
    await second;
    expect(runs.getState().rowAt(499)?.id).toBe(data.all[499]!.id);
  });
});

describe('runs: filters', () => {
  it('workflow and status filters go to the query and restart from the top', async () => {
    const { api, runs } = setup(1000);
    await runs.getState().start();
    await runs.getState().ensureRange(500, 520);
    runs.getState().setWorkflowFilter('secured');
    await vi.waitFor(() => expect(runs.getState().total).toBe(500));
    runs.getState().setStatusFilter('Succeeded');
    await vi.waitFor(() => expect(runs.getState().total).toBe(500));
    expect(api.calls.at(-1)?.request).toEqual({ workflow: 'secured', status: 'Succeeded', limit: 100, offset: 0 });
    expect(runs.getState().pages[5]).toBeUndefined();
  });

  it('debounces the text filter: one query after typing stops', async () => {
    vi.useFakeTimers();
    const { api, runs } = setup(1000);
    await runs.getState().start();
    runs.getState().setTextInput('run-0');
    runs.getState().setTextInput('run-00');
    runs.getState().setTextInput('run-000999');
    expect(runs.getState().textInput).toBe('run-000999');
    expect(api.callsTo('runs:query')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(250);
    expect(api.callsTo('runs:query')).toEqual([{ limit: 100, offset: 0 }, { text: 'run-000999', limit: 100, offset: 0 }]);
    expect(runs.getState().total).toBe(1);
  });

  it('drops an answer to an older filter that arrives after a newer one', async () => {
    const { api, runs, data } = setup(1000);
    await runs.getState().start();
    const slow = deferred<{ runs: RunSummary[]; total: number }>();
    api.handle('runs:query', (q) => (q.workflow === 'account' ? slow.promise : data.query(q)));
    runs.getState().setWorkflowFilter('account');
    runs.getState().setWorkflowFilter('secured');
    await vi.waitFor(() => expect(runs.getState().rowAt(0)?.workflow).toBe('secured'));
    slow.resolve(data.query({ workflow: 'account' }));
    await slow.promise;
    await Promise.resolve();
    expect(runs.getState().rowAt(0)?.workflow).toBe('secured');
  });
});

describe('runs: live refresh', () => {
  it('refetches the visible pages on runs:changed, so a new run appears at the top', async () => {
    const { api, runs, data } = setup(10);
    await runs.getState().start();
    data.all.unshift({ ...data.all[0]!, id: 'run-new' });
    api.emit('runs:changed', { ids: ['run-new'] });
    await vi.waitFor(() => expect(runs.getState().rowAt(0)?.id).toBe('run-new'));
    expect(runs.getState().total).toBe(11);
  });

  it('coalesces a burst of events into at most two queries', async () => {
    const { api, runs, data } = setup(10);
    await runs.getState().start();
    const held = deferred<void>();
    api.handle('runs:query', async (q) => {
      await held.promise;
      return data.query(q);
    });
    for (let i = 0; i < 50; i++) api.emit('runs:changed', { ids: [`x${i}`] });
    held.resolve();
    await vi.waitFor(() => expect(runs.getState().loading).toBe(false));
    // One query for start(), then the one in flight plus at most one more for the burst.
    expect(api.callsTo('runs:query').length - 1).toBeLessThanOrEqual(2);
    expect(api.callsTo('runs:query').length - 1).toBeGreaterThanOrEqual(1);
  });

  it('reloads the selected run when it changes (a Running run finished)', async () => {
    const { api, runs } = setup(3);
    let status = 'Running';
    api.handle('runs:get', ({ id }) => ({ id, workflow: 'account', trigger: 'manual', status, startTime: '', correlationId: 'c', request: { method: 'POST', url: '/', headers: {}, body: { size: 0 }, remoteAddress: '127.0.0.1', httpVersion: '1.1' }, actions: [] }) as never);
    await runs.getState().start();
    await runs.getState().select('run-000003');
    expect(runs.getState().selected?.status).toBe('Running');
    status = 'Succeeded';
    api.emit('runs:changed', { ids: ['run-000003'] });
    await vi.waitFor(() => expect(runs.getState().selected?.status).toBe('Succeeded'));
  });

  it('stops listening when disposed', async () => {
    const { api, runs } = setup(3);
    await runs.getState().start();
    expect(api.listenerCount('runs:changed')).toBe(1);
    runs.getState().dispose();
    expect(api.listenerCount('runs:changed')).toBe(0);
  });
});

describe('runs: details and resubmit', () => {
  it('says plainly when a run is gone', async () => {
    const { api, runs } = setup(3);
    api.handle('runs:get', () => null);
    await runs.getState().select('run-gone');
    expect(runs.getState().detailError).toMatchObject({ code: 'RunNotFound' });
  });

  it('resubmit reports the new call’s status, or its failure', async () => {
    const { api, runs } = setup(3);
    api.handle('runs:resubmit', () => okResponse());
    await runs.getState().resubmit('run-000001');
    expect(runs.getState().resubmitResult).toEqual({ status: 200, statusText: 'OK', total: 9 });
    api.handle('runs:resubmit', () => ({ error: { code: 'ECONNREFUSED', message: 'The listener is not running.' } }));
    await runs.getState().resubmit('run-000001');
    expect(runs.getState().resubmitError).toEqual({ code: 'ECONNREFUSED', message: 'The listener is not running.' });
  });

  it('shows a failed query where the list is', async () => {
    const api = new FakeApi().handle('runs:query', () => {
      throw Object.assign(new Error('The history database is locked.'), { code: 'HistoryLocked' });
    });
    const runs = createRunsStore({ api, clipboard: new FakeClipboard() });
    await runs.getState().start();
    expect(runs.getState().error).toEqual({ code: 'HistoryLocked', message: 'The history database is locked.' });
  });
});
