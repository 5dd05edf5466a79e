import { closeSync, existsSync, openSync } from 'node:fs';
import { ensureOwnerOnlyDir, narrowToOwner, OWNER_ONLY_FILE_MODE } from '../files/owner-only.ts';
import { HistoryError } from './history-error.ts';
import { DatabaseSync, type Database } from './sqlite.ts';

/**
 * Schema steps, applied in order by `PRAGMA user_version`. Never edit a shipped step:
 * append a new one (ALTER TABLE, new index...) so old history files upgrade in place.
 */
export const HISTORY_MIGRATIONS: readonly string[] = [
  // v1. `seq` (the rowid) is the list order itself: startMs * 1024 + a slot taken in
  // record order (see history-write.ts). Every list is then a rowid walk that stops after
  // LIMIT rows: the table for no filter, an index (which ends in the rowid) for workflow
  // and/or status, and the FTS5 index (ordered by rowid too) for text. Summary columns
  // live apart from the heavy JSON so scans touch small rows.
  `
  CREATE TABLE runs (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    workflow TEXT NOT NULL,
    trigger TEXT NOT NULL,
    status TEXT NOT NULL,
    method TEXT NOT NULL,
    url TEXT NOT NULL,
    response_status INTEGER,
    error_code TEXT,
    start_time TEXT NOT NULL,
    duration_ms REAL
  );
  CREATE INDEX runs_by_workflow ON runs(workflow);
  CREATE INDEX runs_by_status ON runs(status);
  CREATE INDEX runs_by_workflow_status ON runs(workflow, status);
  CREATE TABLE run_data (
    seq INTEGER PRIMARY KEY,
    record TEXT NOT NULL
  );
  -- Contentless (the text is not stored twice), deletable, trigram: substring search
  -- over ids, URLs, codes and bodies, case-insensitive.
  CREATE VIRTUAL TABLE runs_fts USING fts5(body, content='', contentless_delete=1, tokenize='trigram');
  `,
  // v2. No segment merging inside write transactions: the writer thread merges when it
  // has been idle a moment (history-worker.ts). With FTS5's default (automerge=4) each
  // batch, and each retention delete, paid for merges: at 100,000 runs, 250 us of the
  // writer's 340 us per run; deferred, inserts and deletes cost 100 us and the catch-up
  // merge 63 us. FTS5's crisis merges (16 segments on a level) still bound the segment
  // count, and so the cost of a search, under load that never pauses.
  `
  INSERT INTO runs_fts (runs_fts, rank) VALUES ('automerge', 0);
  `,
  // v3. Search text waiting to go into runs_fts, which takes it in chunks of a thousand
  // runs (history-write.ts): when the writer is idle, when more than two thousand wait,
  // and before any text search reads (history.ts), so a search never misses a run. Kept
  // in the file, not in memory, so runs committed before a kill are still indexed later.
  `
  CREATE TABLE runs_fts_pending (
    seq INTEGER PRIMARY KEY,
    text TEXT NOT NULL
  );
  `,
  // v4. Less rewriting of the search index (docs/history.md, "Index upkeep"). usermerge 8:
  // idle merging waits for 8 segments on a level instead of 4, so a run's text is
  // rewritten about half as often on its way up the levels. deletemerge 50: a segment is
  // rewritten to drop deleted runs once half its runs are gone rather than a tenth; at
  // the retention cap every batch deletes as many runs as it adds, and the largest
  // segment was rewritten whole for every tenth of it deleted. The price: more segments
  // for a text search to look in, and deleted text kept longer (figures in
  // docs/benchmarks.md and docs/history.md).
  `
  INSERT INTO runs_fts (runs_fts, rank) VALUES ('usermerge', 8);
  INSERT INTO runs_fts (runs_fts, rank) VALUES ('deletemerge', 50);
  `,
  // v5. The search text now holds request and response header values; runs stored before
  // were indexed without them. Their text is rebuilt in the background, newest first
  // (history-text-refresh.ts): this step only notes where the rebuild starts, one rowid
  // lookup, so opening a large history does not wait for it (docs/history.md, "Search
  // text of older runs"). `below`: the runs whose seq is below it still wait.
  `
  CREATE TABLE runs_fts_refresh (below INTEGER NOT NULL);
  INSERT INTO runs_fts_refresh (below) SELECT seq + 1 FROM runs ORDER BY seq DESC LIMIT 1;
  `,
  // v6. A search index without positions (detail=none): about half the bytes per run to
  // write, and the writer's largest cost (docs/history.md, "Search index"). It can only
  // say which runs hold every trigram of a word, so each candidate is checked against
  // the run's search text, now kept in run_text. The v5 index stays, renamed, for the
  // runs not yet re-indexed: the background rebuild (history-text-refresh.ts) starts
  // again from the newest run, and opening does not wait for it; a run is looked up in
  // the old index only while it has no run_text row.
  `
  CREATE TABLE run_text (seq INTEGER PRIMARY KEY, text TEXT NOT NULL);
  ALTER TABLE runs_fts RENAME TO runs_fts_v5;
  -- Text an older build queued but had not indexed yet goes into the old index, like the
  -- rest of its text, until the rebuild gives those runs theirs.
  INSERT INTO runs_fts_v5 (rowid, body) SELECT seq, text FROM runs_fts_pending;
  DELETE FROM runs_fts_pending;
  CREATE VIRTUAL TABLE runs_fts USING fts5(body, content='', contentless_delete=1, tokenize='trigram', detail=none);
  INSERT INTO runs_fts (runs_fts, rank) VALUES ('automerge', 0);
  INSERT INTO runs_fts (runs_fts, rank) VALUES ('usermerge', 8);
  INSERT INTO runs_fts (runs_fts, rank) VALUES ('deletemerge', 50);
  DELETE FROM runs_fts_refresh;
  INSERT INTO runs_fts_refresh (below) SELECT seq + 1 FROM runs ORDER BY seq DESC LIMIT 1;
  `,
  // v7. The search index in generations: runs_fts, then runs_fts_1, runs_fts_2... each
  // taking about 20,000 runs (createHistoryWriter in history-write.ts), newest last. Retention drops a
  // generation whole once every run in it is gone, instead of deleting each run from the
  // index: those deletes, and the tombstone checks they cost every later merge, were a
  // third of the writer's CPU at the retention cap (docs/history.md, "Search index").
  // Until its generation goes, a deleted run's entry is a candidate that its missing
  // run_text row rules out. `max_seq`: the highest sort key indexed in it (NULL: none).
  `
  CREATE TABLE runs_fts_generations (gen INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, max_seq INTEGER, runs INTEGER NOT NULL);
  INSERT INTO runs_fts_generations (gen, name, max_seq, runs) SELECT 0, 'runs_fts', max(seq), count(*) FROM run_text;
  `,
];

/** The schema version this build writes (`PRAGMA user_version`). */
export const HISTORY_SCHEMA_VERSION = HISTORY_MIGRATIONS.length;

/** How long a statement waits for the other process (CLI or app) to release its write lock. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) the history database at `file`: WAL so readers never block
 * the writer and two processes can share the file, synchronous=NORMAL (see
 * docs/history.md for the durability trade-off), then migrates the schema. The writer
 * thread opens its own connection; this one is then used for reads.
 */
export function openHistoryDatabase(file: string, dataDir: string): Database {
  ensureOwnerOnlyDir(dataDir);
  const isNew = !existsSync(file);
  let db: Database;
  try {
    // Runs hold request headers and bodies: owner-only. SQLite gives the -wal and -shm
    // files the database file's mode, so the database is created 0600 before it opens.
    if (isNew) closeSync(openSync(file, 'a', OWNER_ONLY_FILE_MODE));
    for (const path of [file, `${file}-wal`, `${file}-shm`]) narrowToOwner(path, OWNER_ONLY_FILE_MODE);
    db = new DatabaseSync(file, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new HistoryError('HistoryOpenFailed', `Cannot open the run history ${file}: ${(error as Error).message}. Check that the data folder is writable.`, file, { cause: error });
  }
  try {
    // Must precede the first write of a new file. auto_vacuum lets clear() hand disk space
    // back. 8 KiB pages hold three of a typical run's record (~2.5 KB) where 4 KiB pages
    // held one: a quarter fewer bytes written per run (docs/history.md, "Writes").
    if (isNew) db.exec('PRAGMA page_size = 8192; PRAGMA auto_vacuum = INCREMENTAL');
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    // Keeps the -wal file from staying huge after a burst once it has been checkpointed.
    db.exec('PRAGMA journal_size_limit = 67108864');
    migrate(db, file);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof HistoryError) throw error;
    throw new HistoryError(
      'HistoryOpenFailed',
      `Cannot use the run history ${file}: ${(error as Error).message}. If the file is damaged, close Triggerbench, move it (and its -wal/-shm files) aside and start again: a new history is created.`,
      file,
      { cause: error },
    );
  }
}

function userVersion(db: Database): number {
  return Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
}

function migrate(db: Database, file: string): void {
  if (userVersion(db) === HISTORY_SCHEMA_VERSION) return;
  // IMMEDIATE takes the write lock first, so the CLI and the app opening a new file at
  // the same moment cannot both run step 1; the version is re-read under the lock.
  db.exec('BEGIN IMMEDIATE');
  try {
    const current = userVersion(db);
    if (current > HISTORY_SCHEMA_VERSION) {
      throw new HistoryError(
        'HistorySchemaTooNew',
        `The run history ${file} was written by a newer Triggerbench (schema v${current}; this build knows v${HISTORY_SCHEMA_VERSION}). Update Triggerbench, or use another data folder with --data-dir.`,
        file,
      );
    }
    for (let version = current; version < HISTORY_SCHEMA_VERSION; version += 1) db.exec(HISTORY_MIGRATIONS[version]!);
    db.exec(`PRAGMA user_version = ${HISTORY_SCHEMA_VERSION}`);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
