import { describe, expect, it } from 'vitest';
import { MAX_QUEUED_RUNS } from '../../src-main/history/history.ts';
import { runAt } from './fixtures/run-record.ts';
import { openTracked, tempDataDir } from './fixtures/temp-dir.ts';

describe('run history: back-pressure', () => {
  it('asks callers to wait while more runs wait to be written than it keeps queued, and lets them go once it has caught up', async () => {
    const history = openTracked(tempDataDir());
    expect(history.room()).toBeUndefined();
    // Recorded in one turn of the event loop: none of them can have been written yet.
    for (let i = 0; i < MAX_QUEUED_RUNS; i++) history.record(runAt(i));
    const wait = history.room();
    expect(wait).toBeInstanceOf(Promise);
    await wait;
    expect(history.room()).toBeUndefined();
    // Nothing was dropped: the wait was for the writer, not instead of it.
    expect(history.count()).toBe(MAX_QUEUED_RUNS);
  });

  it('never holds a caller after the history is closed', async () => {
    const history = openTracked(tempDataDir());
    for (let i = 0; i < MAX_QUEUED_RUNS; i++) history.record(runAt(i));
    const wait = history.room();
    expect(wait).toBeInstanceOf(Promise);
    history.close();
    await wait;
  });
});
