import { describe, expect, it } from 'vitest';
import { searchTextOf } from '../../src-main/history/history-search.ts';
import { fullRun, runId } from './fixtures/run-record.ts';
import { openTracked, tempDataDir } from './fixtures/temp-dir.ts';

describe('run history: time range and header values', () => {
  it('limits the list to runs that started in a time range', () => {
    const history = openTracked(tempDataDir());
    const at = (iso: string) => fullRun({ id: runId(), startTime: iso });
    const [old, mid, recent] = [at('2026-01-01T00:00:00.000Z'), at('2026-01-02T00:00:00.000Z'), at('2026-01-03T00:00:00.000Z')];
    for (const run of [old, mid, recent]) history.record(run);
    expect(history.list({ since: '2026-01-02T00:00:00Z' }).map((r) => r.id)).toEqual([recent.id, mid.id]);
    expect(history.list({ until: '2026-01-02T00:00:00Z' }).map((r) => r.id)).toEqual([old.id]);
    expect(history.count({ since: '2026-01-01T12:00:00+00:00', until: '2026-01-02T12:00:00Z' })).toBe(1);
  });

  it('finds a run by a request or response header value', () => {
    const history = openTracked(tempDataDir());
    const run = fullRun({ id: runId() });
    run.request.headers['x-id'] = 'order-4711-abc';
    run.response = { status: 200, headers: { 'x-trace': 'trace-98765' }, body: { size: 0 } };
    history.record(run);
    history.record(fullRun({ id: runId() }));
    expect(history.list({ text: 'order-4711-abc' }).map((r) => r.id)).toEqual([run.id]);
    expect(history.list({ text: 'trace-98765' }).map((r) => r.id)).toEqual([run.id]);
  });

  it('indexes a header only when its value is not indexed already (the runtime repeats the run id in x-ms-* headers)', () => {
    const run = fullRun({ id: runId(), workflow: 'orders', correlationId: 'corr-5f3a9e' });
    run.request.headers = { 'Content-Type': 'application/json', 'x-id': 'order-4711-abc' };
    run.response = {
      status: 200,
      headers: { 'content-type': 'application/json', 'x-ms-workflow-run-id': run.id, 'x-ms-correlation-id': run.correlationId, 'x-ms-workflow-name': 'orders', 'x-trace': 'trace-98765' },
      body: { size: 0 },
    };
    const text = searchTextOf(run);
    expect(text).not.toContain('x-ms-workflow-run-id');
    expect(text).not.toContain('x-ms-correlation-id');
    expect(text).not.toContain('x-ms-workflow-name');
    expect(text.split('content-type: application/json')).toHaveLength(2);
    expect(text).toContain('x-id: order-4711-abc');
    expect(text).toContain('x-trace: trace-98765');
    expect(text.split(run.id.toLowerCase())).toHaveLength(2);
    // Still found by every one of those values.
    const history = openTracked(tempDataDir());
    history.record(run);
    history.record(fullRun({ id: runId() }));
    for (const word of [run.id, run.correlationId, 'order-4711-abc', 'trace-98765']) expect(history.list({ text: word }).map((r) => r.id)).toEqual([run.id]);
  });
});
