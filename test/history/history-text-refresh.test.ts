import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { finishIndexUpkeep, HISTORY_FILE_NAME } from '../../src-main/history/history.ts';
import { HISTORY_SCHEMA_VERSION } from '../../src-main/history/history-schema.ts';
import { searchTextOf } from '../../src-main/history/history-search.ts';
import { REFRESH_CHUNK } from '../../src-main/history/history-text-refresh.ts';
import { createHistoryWriter } from '../../src-main/history/history-write.ts';
import { DatabaseSync } from '../../src-main/history/sqlite.ts';
import type { RunRecord } from '../../src-shared/runs.ts';
import { fullRun, runId } from './fixtures/run-record.ts';
import { writeOldHistory } from './fixtures/old-history.ts';
import { openTracked, tempDataDir } from './fixtures/temp-dir.ts';

/** The schema version whose search text left header values out. */
const HEADERLESS_TEXT_VERSION = 4;

/** A run as the v4 build indexed it: the same text, minus every header value. */
function headerlessText(run: RunRecord): string {
  return searchTextOf({ ...run, request: { ...run.request, headers: {} }, response: run.response ? { ...run.response, headers: {} } : undefined });
}


/**
 * A history file as the v4 build left it: `indexed` runs in the search index, `unindexed`
 * committed but still waiting in runs_fts_pending (a process killed before its idle indexing).
 */
function writeV4History(dataDir: string, indexed: RunRecord[], unindexed: RunRecord[] = []): void {
  writeOldHistory(dataDir, { version: HEADERLESS_TEXT_VERSION, indexed, unindexed, textOf: headerlessText });
}

/** A run at `second` past a fixed minute, carrying `x-order-ref: <ref>` on its request and `x-served-by: <server>` on its response. */
function oldRun(second: number, ref: string, server = 'edge-node-west'): RunRecord {
  const run = fullRun({ id: runId(), startTime: new Date(Date.UTC(2025, 2, 1, 10, 0, second)).toISOString() });
  run.request.headers = { ...run.request.headers, 'x-order-ref': ref };
  run.response = { ...run.response!, headers: { ...run.response!.headers, 'x-served-by': server } };
  return run;
}

const ids = (list: { id: string }[]) => list.map((run) => run.id);

describe('run history: search text of runs stored by the previous schema', () => {
  it('finds runs an older build indexed without headers by a request or response header value', () => {
    const dataDir = tempDataDir();
    const indexed = oldRun(1, 'REF-OLD-4711');
    const unindexed = oldRun(2, 'REF-OLD-4712', 'edge-node-east');
    writeV4History(dataDir, [indexed], [unindexed]);

    const history = openTracked(dataDir);
    const raw = new DatabaseSync(join(dataDir, HISTORY_FILE_NAME));
    expect(raw.prepare('PRAGMA user_version').get()).toEqual({ user_version: HISTORY_SCHEMA_VERSION });
    raw.close();
    finishIndexUpkeep(history);

    expect(ids(history.list({ text: 'REF-OLD-4711' }))).toEqual([indexed.id]);
    expect(ids(history.list({ text: 'ref-old' }))).toEqual([unindexed.id, indexed.id]);
    expect(ids(history.list({ text: 'edge-node-east' }))).toEqual([unindexed.id]);
    // What the old text held is still found, and each run once.
    expect(ids(history.list({ text: 'Fabrikam' }))).toEqual([unindexed.id, indexed.id]);
    expect(history.count({ text: 'x-order-ref' })).toBe(2);
  });

  it('rebuilds in the background after opening, without a search or upkeep asking for it', async () => {
    const dataDir = tempDataDir();
    const runs = Array.from({ length: REFRESH_CHUNK * 2 + 10 }, (_, i) => oldRun(i, `REF-BG-${String(i).padStart(4, '0')}`));
    writeV4History(dataDir, runs);
    const history = openTracked(dataDir);
    // Opening did not rebuild them all: the oldest still lack their header text.
    expect(history.count({ text: 'REF-BG-0000' })).toBe(0);
    await vi.waitFor(() => expect(history.count({ text: 'REF-BG-' })).toBe(runs.length), { timeout: 20_000, interval: 50 });
    expect(ids(history.list({ text: 'REF-BG-0000' }))).toEqual([runs[0]!.id]);
  });

  it('keeps the newer text of a run recorded again while its rebuild waited', () => {
    const dataDir = tempDataDir();
    const run = oldRun(1, 'REF-STALE-1');
    writeV4History(dataDir, [run]);
    const history = openTracked(dataDir);
    const updated = { ...run, request: { ...run.request, headers: { ...run.request.headers, 'x-order-ref': 'REF-FRESH-1' } } };
    history.record(updated);
    finishIndexUpkeep(history);
    expect(ids(history.list({ text: 'REF-FRESH-1' }))).toEqual([run.id]);
    expect(history.count({ text: 'REF-STALE-1' })).toBe(0);
  });

  it('never puts back text built from a record that was replaced or deleted since it was read', () => {
    const dataDir = tempDataDir();
    const kept = oldRun(1, 'REF-KEPT-1');
    const replaced = oldRun(2, 'REF-REPLACED-1');
    const deleted = oldRun(3, 'REF-DELETED-1');
    writeV4History(dataDir, [kept, replaced, deleted]);
    openTracked(dataDir).close(); // migrates to v5
    const db = new DatabaseSync(join(dataDir, HISTORY_FILE_NAME));
    const rows = db.prepare('SELECT seq, record FROM run_data ORDER BY seq').all() as { seq: number; record: string }[];
    // What the rebuild read, then another writer's changes before the rebuild's write.
    const [keptRow, replacedRow, deletedRow] = rows.map((row) => ({ ...row, text: `rebuilt ${row.seq}` }));
    db.prepare('UPDATE run_data SET record = ? WHERE seq = ?').run(`${replacedRow!.record} `, replacedRow!.seq);
    db.prepare('DELETE FROM run_data WHERE seq = ?').run(deletedRow!.seq);
    const writer = createHistoryWriter(db);
    expect(writer.refreshText([keptRow!, replacedRow!, deletedRow!], undefined)).toBe(1);
    expect(db.prepare('SELECT seq FROM runs_fts_pending').all()).toEqual([{ seq: keptRow!.seq }]);
    expect(db.prepare('SELECT count(*) AS n FROM runs_fts_refresh').get()).toEqual({ n: 0 });
    db.close();
  });
});
