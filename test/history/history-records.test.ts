import { describe, expect, it } from 'vitest';
import type { RunStatus } from '../../src-shared/runs.ts';
import { HistoryError } from '../../src-main/history/history-error.ts';
import { fullRun, runAt, runId } from './fixtures/run-record.ts';
import { openTracked, tempDataDir } from './fixtures/temp-dir.ts';

describe('run history: records', () => {
  it('gives back a full run exactly as recorded', () => {
    const history = openTracked(tempDataDir());
    const run = fullRun();
    history.record(run);
    history.flush();
    expect(history.get(run.id)).toEqual(run);
    expect(history.get(runId())).toBeUndefined();
  });

  it('returns a recorded run from get() before its batch is written', () => {
    const history = openTracked(tempDataDir());
    const run = fullRun();
    history.record(run);
    const copy = history.get(run.id);
    expect(copy).toEqual(run);
    expect(copy).not.toBe(run);
  });

  it('keeps one run per id: a later record replaces the earlier one', () => {
    const history = openTracked(tempDataDir());
    const running = fullRun({ status: 'Running', response: undefined, durationMs: undefined, endTime: undefined });
    history.record(running);
    history.flush();
    const finished = fullRun({ id: running.id, status: 'Failed', error: { code: 'ActionFailed', message: 'Compose failed' } });
    history.record(finished);
    history.flush();
    expect(history.count()).toBe(1);
    expect(history.get(running.id)).toEqual(finished);
    expect(history.list()).toEqual([
      {
        id: running.id,
        workflow: 'orders',
        trigger: 'manual',
        status: 'Failed',
        method: 'POST',
        url: running.request.url,
        responseStatus: 201,
        errorCode: 'ActionFailed',
        startTime: running.startTime,
        durationMs: 250,
      },
    ]);
    // The search index follows the update too.
    expect(history.count({ text: 'ActionFailed' })).toBe(1);
  });

  it('leaves absent summary fields out rather than null', () => {
    const history = openTracked(tempDataDir());
    const run = fullRun({ status: 'Running', response: undefined, durationMs: undefined, error: undefined });
    history.record(run);
    const [summary] = history.list();
    expect(summary).not.toHaveProperty('responseStatus');
    expect(summary).not.toHaveProperty('errorCode');
    expect(summary).not.toHaveProperty('durationMs');
  });

  it('lists newest first by start time, then the later recorded first', () => {
    const history = openTracked(tempDataDir());
    const ids = ['a', 'b', 'c', 'd'].map(() => runId());
    // Recorded out of order, with a tie on start time between ids[1] and ids[2].
    history.record(runAt(20, { id: ids[1] }));
    history.record(runAt(5, { id: ids[3] }));
    history.record(runAt(30, { id: ids[0] }));
    history.record(runAt(20, { id: ids[2] }));
    expect(history.list().map((run) => run.id)).toEqual([ids[0], ids[2], ids[1], ids[3]]);
  });

  it('orders by instant, whatever the fraction digits of the start time', () => {
    const history = openTracked(tempDataDir());
    history.record(fullRun({ id: runId(), startTime: '2025-03-01T10:00:00.5Z', workflow: 'later' }));
    history.record(fullRun({ id: runId(), startTime: '2025-03-01T10:00:00.1234567Z', workflow: 'earlier' }));
    expect(history.list().map((run) => run.workflow)).toEqual(['later', 'earlier']);
    expect(history.list()[1]!.startTime).toBe('2025-03-01T10:00:00.1234567Z');
  });

  it('moves a run in the list when a later record changes its start time', () => {
    const history = openTracked(tempDataDir());
    const a = runAt(10, { id: runId() });
    const b = runAt(20, { id: runId() });
    history.record(a);
    history.record(b);
    history.flush();
    const moved = { ...a, startTime: runAt(30).startTime };
    history.record(moved);
    expect(history.list().map((run) => run.id)).toEqual([a.id, b.id]);
    expect(history.list()[0]!.startTime).toBe(moved.startTime);
    expect(history.count()).toBe(2);
    expect(history.count({ text: 'Fabrikam' })).toBe(2);
  });

  it('keeps every run when more than 1024 share one millisecond', () => {
    const history = openTracked(tempDataDir());
    const ids = Array.from({ length: 1100 }, () => runId());
    for (const id of ids) history.record(runAt(0, { id }));
    expect(history.count()).toBe(1100);
    expect(history.list({ limit: 1000 }).map((run) => run.id)).toEqual(ids.slice(-1000).reverse());
  });

  it('filters by workflow, status, and both, and counts the same way', () => {
    const history = openTracked(tempDataDir());
    const statuses: RunStatus[] = ['Succeeded', 'Failed', 'Rejected'];
    let t = 0;
    for (const workflow of ['orders', 'invoices']) {
      for (const status of statuses) for (let i = 0; i < 3; i += 1) history.record(runAt((t += 1), { id: runId(), workflow, status }));
    }
    const orders = history.list({ workflow: 'orders' });
    expect(orders).toHaveLength(9);
    expect(orders.every((run) => run.workflow === 'orders')).toBe(true);
    const failed = history.list({ status: 'Failed' });
    expect(failed).toHaveLength(6);
    expect(failed.every((run) => run.status === 'Failed')).toBe(true);
    const both = history.list({ workflow: 'invoices', status: 'Rejected' });
    expect(both).toHaveLength(3);
    expect(both.every((run) => run.workflow === 'invoices' && run.status === 'Rejected')).toBe(true);
    expect(history.count({ workflow: 'invoices', status: 'Rejected' })).toBe(3);
    expect(history.count({ workflow: 'nope' })).toBe(0);
    expect(history.count()).toBe(18);
  });

  it('pages with limit and offset, 100 by default and at most 1000', () => {
    const history = openTracked(tempDataDir());
    for (let i = 0; i < 1005; i += 1) history.record(runAt(i, { id: runId() }));
    const all = history.list({ limit: 1000 });
    expect(all).toHaveLength(1000);
    expect(history.list()).toHaveLength(100);
    expect(history.list({ limit: 5000 })).toHaveLength(1000);
    expect(history.list({ limit: 10, offset: 20 })).toEqual(all.slice(20, 30));
    expect(history.list({ limit: 10, offset: 1000 })).toHaveLength(5);
    expect(history.list({ offset: 2000 })).toEqual([]);
    expect(history.count({ limit: 1, offset: 3 })).toBe(1005);
  });

  it('deletes runs by id and clears one workflow or all', () => {
    const history = openTracked(tempDataDir());
    const runs = [1, 2, 3, 4].map((i) => runAt(i, { id: runId(), workflow: i % 2 ? 'odd' : 'even' }));
    for (const run of runs) history.record(run);
    expect(history.delete([runs[0]!.id, 'missing'])).toBe(1);
    expect(history.get(runs[0]!.id)).toBeUndefined();
    expect(history.count({ text: runs[0]!.id })).toBe(0);
    expect(history.clear('even')).toBe(2);
    expect(history.list().map((run) => run.id)).toEqual([runs[2]!.id]);
    expect(history.clear()).toBe(1);
    expect(history.count()).toBe(0);
    expect(history.count({ text: 'Fabrikam' })).toBe(0);
  });

  it('refuses a record it could not list, naming the field', () => {
    const history = openTracked(tempDataDir());
    const bad = fullRun({ startTime: 'yesterday' });
    expect(() => history.record(bad)).toThrow(HistoryError);
    expect(() => history.record(bad)).toThrow(/startTime.*yesterday/);
    expect(() => history.record({ ...fullRun(), id: '' })).toThrow(expect.objectContaining({ code: 'InvalidRunRecord' }));
    expect(history.count()).toBe(0);
  });
});
