import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finishIndexUpkeep, HISTORY_FILE_NAME } from '../../src-main/history/history.ts';
import { HISTORY_SCHEMA_VERSION } from '../../src-main/history/history-schema.ts';
import { searchTextOf } from '../../src-main/history/history-search.ts';
import { DatabaseSync } from '../../src-main/history/sqlite.ts';
import type { RunRecord } from '../../src-shared/runs.ts';
import { runAt, runId } from './fixtures/run-record.ts';
import { writeOldHistory } from './fixtures/old-history.ts';
import { openTracked, tempDataDir } from './fixtures/temp-dir.ts';

/** The last schema whose search index kept positions. */
const POSITIONAL_INDEX_VERSION = 5;

/**
 * A history file as the v5 build left it: `indexed` runs in its (positional) search index,
 * `unindexed` committed but still waiting in runs_fts_pending, its text rebuild finished.
 * The v5 build stored the text as written, not lower-cased.
 */
function writeV5History(dataDir: string, indexed: RunRecord[], unindexed: RunRecord[] = []): void {
  writeOldHistory(dataDir, { version: POSITIONAL_INDEX_VERSION, indexed, unindexed, afterMigrations: 'DELETE FROM runs_fts_refresh', textOf: (run) => searchTextOf(run).replaceAll('ref-v5', 'REF-V5') });
}


function oldRun(second: number, ref: string): RunRecord {
  const run = runAt(second, { id: runId() });
  run.request.headers = { ...run.request.headers, 'x-order-ref': ref };
  return run;
}

const ids = (list: { id: string }[]) => list.map((run) => run.id);

function rawCount(dataDir: string, sql: string): number {
  const raw = new DatabaseSync(join(dataDir, HISTORY_FILE_NAME));
  try {
    return Number((raw.prepare(sql).get() as { n: number }).n);
  } finally {
    raw.close();
  }
}

describe('run history: the v6 search index (no positions) on a history written by v5', () => {
  it('finds the old runs at once after opening, and again once their text is rebuilt', () => {
    const dataDir = tempDataDir();
    const indexed = oldRun(1, 'REF-V5-1001');
    const unindexed = oldRun(2, 'REF-V5-1002');
    writeV5History(dataDir, [indexed], [unindexed]);

    const history = openTracked(dataDir);
    expect(rawCount(dataDir, 'SELECT user_version AS n FROM pragma_user_version')).toBe(HISTORY_SCHEMA_VERSION);
    // Before the background rebuild has run: from the old index, each run once.
    expect(ids(history.list({ text: 'ref-v5' }))).toEqual([unindexed.id, indexed.id]);
    expect(ids(history.list({ text: 'REF-V5-1001' }))).toEqual([indexed.id]);
    expect(history.count({ text: 'Fabrikam' })).toBe(2);
    // A run recorded now is found beside them.
    const fresh = oldRun(3, 'REF-V5-1003');
    history.record(fresh);
    expect(ids(history.list({ text: 'ref-v5' }))).toEqual([fresh.id, unindexed.id, indexed.id]);

    finishIndexUpkeep(history);
    expect(rawCount(dataDir, 'SELECT count(*) AS n FROM run_text')).toBe(3);
    expect(rawCount(dataDir, 'SELECT count(*) AS n FROM runs_fts_refresh')).toBe(0);
    expect(ids(history.list({ text: 'ref-v5' }))).toEqual([fresh.id, unindexed.id, indexed.id]);
    expect(ids(history.list({ text: 'REF-V5-1002' }))).toEqual([unindexed.id]);
    expect(history.count({ text: 'Fabrikam' })).toBe(3);
    expect(history.count({ text: 'REF-V5-100' })).toBe(3);
  });

  it('keeps a deleted old run out of searches while it is still in the old index', () => {
    const dataDir = tempDataDir();
    const kept = oldRun(1, 'REF-V5-2001');
    const gone = oldRun(2, 'REF-V5-2002');
    writeV5History(dataDir, [kept, gone]);
    const history = openTracked(dataDir);
    history.delete([gone.id]);
    expect(ids(history.list({ text: 'ref-v5' }))).toEqual([kept.id]);
    expect(history.count({ text: 'ref-v5' })).toBe(1);
  });
});
