import { describe, expect, it } from 'vitest';
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
});
