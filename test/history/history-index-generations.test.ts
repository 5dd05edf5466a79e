import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finishIndexUpkeep, HISTORY_FILE_NAME, type RunHistory } from '../../src-main/history/history.ts';
import { runAt, runId } from './fixtures/run-record.ts';
import { openTracked, tempDataDir } from './fixtures/temp-dir.ts';

/** Search index generations (schema v7), read from the file the way a support engineer would. */
function generations(dataDir: string): { name: string; runs: number }[] {
  const db = new DatabaseSync(join(dataDir, HISTORY_FILE_NAME), { readOnly: true });
  try {
    return db.prepare('SELECT name, runs FROM runs_fts_generations ORDER BY gen').all() as { name: string; runs: number }[];
  } finally {
    db.close();
  }
}

/** Records runs `from`..`to` (seconds after a fixed instant), each with its own order number in the body. */
function recordRange(history: RunHistory, from: number, to: number): void {
  for (let n = from; n < to; n += 1) {
    const run = runAt(n, { id: runId() });
    run.request.body = { size: 30, contentType: 'application/json', text: `{"order":"ORD-${String(n).padStart(5, '0')}X"}` };
    history.record(run);
    // Batches of 25, each indexed, as under load.
    if (n % 25 === 24) finishIndexUpkeep(history);
  }
  finishIndexUpkeep(history);
}

const order = (n: number) => `ORD-${String(n).padStart(5, '0')}X`;

describe('run history: search index generations', () => {
  it('drops a generation whole once retention has deleted all its runs, and still finds exactly the runs kept', () => {
    const dataDir = tempDataDir();
    const history = openTracked(dataDir, { retention: { maxRuns: 120 }, indexGenerationRuns: 50 });
    recordRange(history, 0, 400);
    // 120 runs kept across at most four generations of 50 (the oldest cut by the line).
    const kept = generations(dataDir);
    expect(kept.length).toBeLessThanOrEqual(4);
    expect(kept.map((g) => g.name)).not.toContain('runs_fts');
    expect(history.count()).toBe(120);
    // Every kept run is found by its own word; no deleted one is, though some of their
    // entries are still in the oldest generation.
    for (const n of [280, 281, 300, 399]) expect(history.count({ text: order(n) })).toBe(1);
    for (const n of [0, 150, 279]) expect(history.count({ text: order(n) })).toBe(0);
    // A word in every run: counted and listed once each, newest first, across generations.
    expect(history.count({ text: 'ORD-' })).toBe(120);
    const page = history.list({ text: 'ORD-', limit: 60 });
    expect(page).toHaveLength(60);
    expect(history.list({ text: 'ORD-', limit: 60, offset: 60 }).map((r) => r.id)).toEqual(history.list({ limit: 60, offset: 60 }).map((r) => r.id));
    expect(page.map((r) => r.id)).toEqual(history.list({ limit: 60 }).map((r) => r.id));
  });

  it('finds a run recorded again after its generation filled up once, with its new text', () => {
    const dataDir = tempDataDir();
    const history = openTracked(dataDir, { indexGenerationRuns: 10 });
    const first = runAt(0, { id: runId(), status: 'Running' });
    first.request.body = { size: 10, contentType: 'text/plain', text: 'pending-7Q' };
    history.record(first);
    recordRange(history, 1, 30);
    expect(generations(dataDir).length).toBeGreaterThanOrEqual(2);
    // The same run, finished: new text, same start time (same place in the order).
    history.record({ ...first, status: 'Succeeded', error: { code: 'LateFinish', message: 'finished-9Z' } });
    finishIndexUpkeep(history);
    expect(history.list({ text: 'finished-9Z' }).map((r) => r.id)).toEqual([first.id]);
    expect(history.count({ text: 'pending-7Q' })).toBe(1);
    expect(history.count({ text: first.id })).toBe(1);
    expect(history.count({ text: 'ORD-' })).toBe(29);
  });

  it('starts again from no generation after clear(), and filters by workflow and status inside each one', () => {
    const dataDir = tempDataDir();
    const history = openTracked(dataDir, { indexGenerationRuns: 10 });
    recordRange(history, 0, 25);
    history.clear();
    expect(generations(dataDir)).toEqual([]);
    expect(history.count({ text: 'ORD-' })).toBe(0);
    recordRange(history, 100, 125);
    const rejected = runAt(200, { id: runId(), workflow: 'billing', status: 'Rejected' });
    rejected.request.body = { size: 30, contentType: 'application/json', text: `{"order":"${order(200)}"}` };
    history.record(rejected);
    finishIndexUpkeep(history);
    expect(history.count({ text: 'ORD-' })).toBe(26);
    expect(history.list({ text: 'ORD-', workflow: 'billing' }).map((r) => r.id)).toEqual([rejected.id]);
    expect(history.count({ text: 'ORD-', status: 'Rejected' })).toBe(1);
    expect(history.count({ text: 'ORD-', workflow: 'orders', status: 'Succeeded' })).toBe(25);
  });
});
