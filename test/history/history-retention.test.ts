import { describe, expect, it } from 'vitest';
import type { HistoryChange } from '../../src-main/history/history.ts';
import { resolveRetention } from '../../src-main/history/history-retention.ts';
import { fullRun, runAt, runId } from './fixtures/run-record.ts';
import { openTracked, tempDataDir } from './fixtures/temp-dir.ts';

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => fullRun({ id: runId(), startTime: new Date(Date.now() - days * DAY_MS).toISOString() });

describe('run history: retention', () => {
  it('keeps only the newest maxRuns runs by start time, and says how many went', () => {
    const history = openTracked(tempDataDir(), { retention: { maxRuns: 5 } });
    const changes: HistoryChange[] = [];
    history.onChange((change) => changes.push(change));
    const runs = [8, 3, 1, 7, 2, 6, 4, 5].map((s) => runAt(s, { id: runId() }));
    for (const run of runs) history.record(run);
    history.flush();
    const kept = runs.filter((run) => run.startTime >= runAt(4).startTime);
    expect(history.list().map((run) => run.id).sort()).toEqual(kept.map((run) => run.id).sort());
    expect(history.count()).toBe(5);
    expect(history.count({ text: runs[2]!.id })).toBe(0); // pruned runs leave the search index too
    expect(changes).toEqual([{ ids: runs.map((run) => run.id), removed: 3 }]);
  });

  it('drops runs older than maxAgeDays and keeps the rest', () => {
    const history = openTracked(tempDataDir(), { retention: { maxAgeDays: 7 } });
    const old = daysAgo(8);
    const recent = daysAgo(6);
    history.record(old);
    history.record(recent);
    history.flush();
    expect(history.list().map((run) => run.id)).toEqual([recent.id]);
    expect(history.get(old.id)).toBeUndefined();
  });

  it('applies a lowered retention in the next batch without waiting for a new run', async () => {
    const history = openTracked(tempDataDir());
    for (let i = 0; i < 10; i += 1) history.record(runAt(i, { id: runId() }));
    history.flush();
    const pruned = new Promise<HistoryChange>((resolve) => history.onChange(resolve));
    history.setRetention({ maxRuns: 4 });
    expect(await pruned).toEqual({ ids: [], removed: 6 });
    expect(history.count()).toBe(4);
  });

  it('applies retention when the history is opened', () => {
    const dataDir = tempDataDir();
    const first = openTracked(dataDir, { retention: { maxRuns: Infinity } });
    const recent = [0, 1, 2, 3, 4, 5].map((hours) => daysAgo(hours / 24));
    for (const run of recent) first.record(run);
    first.record(daysAgo(400));
    first.close();
    expect(openTracked(dataDir, { retention: { maxRuns: Infinity } }).count()).toBe(7);
    const reopened = openTracked(dataDir, { retention: { maxRuns: 3, maxAgeDays: 365 } });
    expect(reopened.list().map((run) => run.id)).toEqual(recent.slice(0, 3).map((run) => run.id));
  });

  it('counts runs another process (the app beside the CLI) wrote when keeping maxRuns', () => {
    const dataDir = tempDataDir();
    const cli = openTracked(dataDir, { retention: { maxRuns: 5 } });
    const app = openTracked(dataDir, { retention: { maxRuns: Infinity } });
    for (let i = 0; i < 3; i += 1) cli.record(runAt(i, { id: runId() }));
    cli.flush();
    for (let i = 3; i < 7; i += 1) app.record(runAt(i, { id: runId() }));
    app.flush();
    expect(cli.count()).toBe(7); // retention runs with the writes of its own handle
    cli.record(runAt(7, { id: runId() }));
    cli.flush();
    expect(cli.count()).toBe(5);
    expect(app.count()).toBe(5);
  });

  it('keeps 100,000 runs and no age limit by default', () => {
    expect(resolveRetention(undefined, 'history.sqlite')).toEqual({ maxRuns: 100_000, maxAgeDays: Infinity });
    expect(resolveRetention({ maxAgeDays: 30 }, 'history.sqlite')).toEqual({ maxRuns: 100_000, maxAgeDays: 30 });
  });

  it('rejects retention that cannot be meant', () => {
    const dataDir = tempDataDir();
    const history = openTracked(dataDir);
    expect(() => history.setRetention({ maxRuns: -1 })).toThrow(expect.objectContaining({ code: 'InvalidRetention' }));
    expect(() => history.setRetention({ maxRuns: 2.5 })).toThrow(/whole number/);
    expect(() => history.setRetention({ maxAgeDays: 0 })).toThrow(/maxAgeDays/);
    expect(() => openTracked(dataDir, { retention: { maxAgeDays: Number.NaN } })).toThrow(/maxAgeDays/);
  });
});
