import type { SQLInputValue } from 'node:sqlite';
import type { StoredRun } from './history-stored.ts';
import type { Database } from './sqlite.ts';

/** The statements that change the history; all run inside the caller's transaction. */
export interface HistoryWriter {
  /** Inserts or replaces runs (summary row, JSON record, search text). */
  upsert(runs: StoredRun[]): void;
  /** Deletes the runs matching a WHERE clause over `runs`, from every table; returns how many. */
  deleteWhere(where: string, params: SQLInputValue[]): number;
  /**
   * Deletes the runs whose sort key is below `seq` (the oldest ones), from every
   * table, with statements prepared once: retention's work, in every batch at the cap.
   */
  deleteBefore(seq: number): number;
  /** The sort key of the `n`-th oldest run (1 = the oldest), or undefined when there are fewer. */
  nthOldest(n: number): number | undefined;
  /** Deletes every run, cheaply (no per-row work, every index generation dropped); returns how many there were. */
  deleteAll(): number;
  /** How many runs the table holds, counted once and then kept up to date (see createHistoryWriter). */
  count(): number;
  /** Forgets the kept count and generations: called after a rollback, which undoes changes they noted. */
  forgetCount(): void;
  /**
   * Merges search-index segments, writing about `pages` pages; returns false when there
   * was nothing to merge. Run when the writer is idle (history-worker.ts), never per batch.
   */
  mergeIndex(pages: number): boolean;
  /** Moves up to `limit` runs' search text from `runs_fts_pending` into the index; returns how many. */
  indexPending(limit: number): number;
  /** How many runs wait for the search index. */
  pendingCount(): number;
  /**
   * Queues rebuilt search text for runs stored by an older build (schema v5), each only if
   * its record is still the one the text was built from, then moves the rebuild's mark
   * down to `below` (undefined: the rebuild is done); returns how many runs were queued.
   */
  refreshText(runs: RefreshedText[], below: number | undefined): number;
}

/** A run's search text rebuilt from its stored record (history-text-refresh.ts). */
export interface RefreshedText {
  seq: number;
  /** The stored JSON the text was built from. */
  record: string;
  text: string;
}

/**
 * Prepares the write statements once per connection.
 *
 * Runs inside the writer thread, whose source is this function's text (see
 * history-worker.ts): it must use only its parameters and globals, no imports or
 * module-level names (types are fine, they are erased).
 */
export function createHistoryWriter(db: Database, generationRuns = 20_000): HistoryWriter {
  // Slots per millisecond in the sort key `seq = startMs * 1024 + slot`.
  const slots = 1024;
  const findRun = db.prepare('SELECT seq, start_time FROM runs WHERE id = ?');
  const lastInBucket = db.prepare('SELECT max(seq) AS last FROM runs WHERE seq >= ? AND seq < ?');
  const insertRun = db.prepare(`
    INSERT INTO runs (seq, id, workflow, trigger, status, method, url, response_status, error_code, start_time, duration_ms)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const updateRun = db.prepare(`
    UPDATE runs SET workflow = ?, trigger = ?, status = ?, method = ?, url = ?, response_status = ?, error_code = ?, duration_ms = ?
    WHERE seq = ?`);
  const putData = db.prepare('INSERT OR REPLACE INTO run_data (seq, record) VALUES (?, ?)');
  // Search text is written to runs_fts_pending with the run, and goes into the FTS5
  // index later, a thousand runs at a time (indexPending): FTS5 turns each transaction's
  // text into a new segment, and one run costs it about a third less in large ones.
  const putPending = db.prepare('INSERT OR REPLACE INTO runs_fts_pending (seq, text) VALUES (?, ?)');
  const deletePending = db.prepare('DELETE FROM runs_fts_pending WHERE seq = ?');
  const pendingChunk = db.prepare('SELECT seq, text FROM runs_fts_pending ORDER BY seq LIMIT ?');
  const countPending = db.prepare('SELECT count(*) AS n FROM runs_fts_pending');
  // The search index's generations (schema v7): FTS5 tables of about `generationRuns` runs
  // each (fewer: more tables for a search to read; more: more deleted runs' entries kept),
  // the last one taking new text; retention drops a generation whole once all its
  // runs are gone. Loaded once, kept up to date by this connection's own changes, and
  // loaded again when another connection has committed (the app and the CLI share the
  // file; each takes the write lock with BEGIN IMMEDIATE before any of this runs).
  interface Generation {
    gen: number;
    name: string;
    maxSeq: number | null;
    runs: number;
    // contentless_delete=1 is what allows REPLACE and DELETE on a contentless FTS5 table.
    put: ReturnType<Database['prepare']>;
    remove: ReturnType<Database['prepare']>;
    merge: ReturnType<Database['prepare']>;
  }
  type GenerationRow = { gen: number; name: string; max_seq: number | null; runs: number };
  const listGenerations = db.prepare('SELECT gen, name, max_seq, runs FROM runs_fts_generations ORDER BY gen');
  const noteGeneration = db.prepare('UPDATE runs_fts_generations SET max_seq = ?, runs = ? WHERE gen = ?');
  const addGeneration = db.prepare('INSERT INTO runs_fts_generations (gen, name, max_seq, runs) VALUES (?, ?, NULL, 0)');
  const forgetGeneration = db.prepare('DELETE FROM runs_fts_generations WHERE gen = ?');
  let generations: { list: Generation[]; version: unknown } | undefined;
  const opened = (row: GenerationRow): Generation => ({
    gen: row.gen,
    name: row.name,
    maxSeq: row.max_seq,
    runs: row.runs,
    put: db.prepare(`INSERT OR REPLACE INTO ${row.name} (rowid, body) VALUES (?, ?)`),
    remove: db.prepare(`DELETE FROM ${row.name} WHERE rowid = ?`),
    merge: db.prepare(`INSERT INTO ${row.name} (${row.name}, rank) VALUES ('merge', ?)`),
  });
  function currentGenerations(): Generation[] {
    const version = versionNow();
    if (!generations || generations.version !== version) {
      generations = { list: (listGenerations.all() as GenerationRow[]).map(opened), version };
    }
    return generations.list;
  }
  /** The generation new text goes into: the last one, or a new one when it is full (or there is none). */
  function takingText(): Generation {
    const list = currentGenerations();
    const last = list.at(-1);
    if (last && last.runs < generationRuns) return last;
    const gen = (last?.gen ?? 0) + 1;
    const name = `runs_fts_${gen}`;
    // The options of runs_fts (schema v2, v4, v6): no merging inside writes, fewer rewrites.
    db.exec(`CREATE VIRTUAL TABLE ${name} USING fts5(body, content='', contentless_delete=1, tokenize='trigram', detail=none);
      INSERT INTO ${name} (${name}, rank) VALUES ('automerge', 0);
      INSERT INTO ${name} (${name}, rank) VALUES ('usermerge', 8);
      INSERT INTO ${name} (${name}, rank) VALUES ('deletemerge', 50);`);
    addGeneration.run(gen, name);
    const created = opened({ gen, name, max_seq: null, runs: 0 });
    list.push(created);
    return created;
  }
  function dropGeneration(generation: Generation): void {
    db.exec(`DROP TABLE ${generation.name}`);
    forgetGeneration.run(generation.gen);
    // The list it came from (not a reload: indexOf would then miss it).
    const list = generations!.list;
    list.splice(list.indexOf(generation), 1);
  }
  /** Takes a run out of every generation that may hold it (its text is about to be indexed again, or it is gone). */
  function unindex(seq: number, except?: Generation): void {
    for (const generation of currentGenerations()) if (generation !== except && generation.maxSeq !== null && seq <= generation.maxSeq) generation.remove.run(seq);
  }
  // The index (detail=none, schema v6) only narrows a search down; run_text is what each
  // candidate is checked against (history-query.ts).
  const putRunText = db.prepare('INSERT OR REPLACE INTO run_text (seq, text) VALUES (?, ?)');
  const deleteRunText = db.prepare('DELETE FROM run_text WHERE seq = ?');
  const runTextBefore = db.prepare('DELETE FROM run_text WHERE seq < ?');
  const deleteData = db.prepare('DELETE FROM run_data WHERE seq = ?');
  const deleteRun = db.prepare('DELETE FROM runs WHERE seq = ?');
  const countAll = db.prepare('SELECT count(*) AS n FROM runs');
  // Retention deletes a range of the sort key: the rowid itself in four of the tables; the
  // search index loses whole generations (deleteBefore).
  const pendingBefore = db.prepare('DELETE FROM runs_fts_pending WHERE seq < ?');
  const dataBefore = db.prepare('DELETE FROM run_data WHERE seq < ?');
  const runsBefore = db.prepare('DELETE FROM runs WHERE seq < ?');
  const nthSeq = db.prepare('SELECT seq FROM runs ORDER BY seq LIMIT 1 OFFSET ?');
  const dataVersion = db.prepare('PRAGMA data_version');
  const totalChanges = db.prepare('SELECT total_changes() AS n');
  // Rebuilt text waits in runs_fts_pending like a new run's, and indexPending's INSERT OR
  // REPLACE swaps it for the old text. The record comparison skips a run deleted or
  // recorded again (with its own new text) since the main thread read it.
  const refreshPending = db.prepare('INSERT OR REPLACE INTO runs_fts_pending (seq, text) SELECT seq, ? FROM run_data WHERE seq = ? AND record = ?');
  const moveRefreshMark = db.prepare('UPDATE runs_fts_refresh SET below = ?');
  const endRefresh = db.prepare('DELETE FROM runs_fts_refresh');
  // Retention needs the number of runs after every batch. count(*) reads every page of
  // the smallest index (0.8 ms at 100,000 runs, 16 us per run in batches of 50), so the
  // count is taken once and then kept by this connection's own inserts and deletes.
  // `PRAGMA data_version` changes when another connection (the app and the CLI share the
  // file) commits, and a rollback undoes what was counted: both make it count again.
  let known: { runs: number; version: unknown } | undefined;
  const versionNow = (): unknown => (dataVersion.get() as { data_version: unknown }).data_version;
  const adjust = (delta: number): void => {
    if (known) known.runs += delta;
  };

  /** A free sort key at the run's start time, after the runs already there (record order breaks ties). */
  function allocateSeq(startMs: number): number {
    // More than 1024 runs in one millisecond spill into the next one's slots.
    for (let base = startMs * slots; ; base += slots) {
      const last = (lastInBucket.get(base, base + slots) as { last: number | null }).last;
      if (last === null) return base;
      if (last < base + slots - 1) return last + 1;
    }
  }

  return {
    upsert(runs) {
      for (const run of runs) {
        const existing = findRun.get(run.id) as { seq: number; start_time: string } | undefined;
        let seq: number;
        if (existing && existing.start_time === run.startTime) {
          seq = existing.seq;
          updateRun.run(run.workflow, run.trigger, run.status, run.method, run.url, run.responseStatus, run.errorCode, run.durationMs, seq);
          // Its earlier text may be indexed already; indexPending's INSERT OR REPLACE swaps
          // it for the new one, and text searches wait for that (history.ts).
        } else {
          if (existing) {
            // A new start time moves the run to another place in the order.
            unindex(existing.seq);
            deleteRunText.run(existing.seq);
            deletePending.run(existing.seq);
            deleteData.run(existing.seq);
            deleteRun.run(existing.seq);
          }
          seq = allocateSeq(run.startMs);
          if (!existing) adjust(1);
          insertRun.run(seq, run.id, run.workflow, run.trigger, run.status, run.method, run.url, run.responseStatus, run.errorCode, run.startTime, run.durationMs);
        }
        putData.run(seq, run.json);
        putPending.run(seq, run.text);
      }
    },
    indexPending(limit) {
      const rows = pendingChunk.all(limit) as { seq: number; text: string }[];
      if (rows.length === 0) return 0;
      const generation = takingText();
      // A run indexed before (recorded again since) may sit in an older generation: out
      // of it first, so a search never finds it twice. Rows come in seq order and new runs
      // sort after every older generation, so this is usually no statement at all.
      for (const row of rows) unindex(row.seq, generation);
      // FTS5 flushes its pending terms into a new segment at every statement savepoint, and
      // the deletes open one: interleaved, each run would make a tiny segment (about 20x
      // slower). So all index inserts first, then the deletes.
      for (const row of rows) generation.put.run(row.seq, row.text);
      generation.runs += rows.length;
      generation.maxSeq = Math.max(generation.maxSeq ?? -Infinity, rows.at(-1)!.seq);
      noteGeneration.run(generation.maxSeq, generation.runs, generation.gen);
      for (const row of rows) putRunText.run(row.seq, row.text);
      for (const row of rows) deletePending.run(row.seq);
      return rows.length;
    },
    pendingCount() {
      return Number((countPending.get() as { n: number }).n);
    },
    refreshText(runs, below) {
      let queued = 0;
      for (const run of runs) queued += Number(refreshPending.run(run.text, run.seq, run.record).changes);
      if (below === undefined) {
        endRefresh.run();
        // Every run readable has its text in run_text now: the pre-v6 index is no longer read.
        db.exec("INSERT INTO runs_fts_v5 (runs_fts_v5) VALUES ('delete-all')");
      }
      else moveRefreshMark.run(below);
      return queued;
    },
    deleteWhere(where, params) {
      // Children first: the subquery reads `runs`, which must still hold the rows.
      for (const generation of currentGenerations()) db.prepare(`DELETE FROM ${generation.name} WHERE rowid IN (SELECT seq FROM runs ${where})`).run(...params);
      db.prepare(`DELETE FROM runs_fts_pending WHERE seq IN (SELECT seq FROM runs ${where})`).run(...params);
      db.prepare(`DELETE FROM run_text WHERE seq IN (SELECT seq FROM runs ${where})`).run(...params);
      db.prepare(`DELETE FROM run_data WHERE seq IN (SELECT seq FROM runs ${where})`).run(...params);
      const removed = Number(db.prepare(`DELETE FROM runs ${where}`).run(...params).changes);
      adjust(-removed);
      return removed;
    },
    deleteBefore(seq) {
      // A generation whose every run is below the line goes whole; one the line cuts
      // keeps the entries of the runs deleted here until it goes too (schema v7).
      for (const generation of [...currentGenerations()]) if (generation.maxSeq !== null && generation.maxSeq < seq) dropGeneration(generation);
      pendingBefore.run(seq);
      runTextBefore.run(seq);
      dataBefore.run(seq);
      const removed = Number(runsBefore.run(seq).changes);
      adjust(-removed);
      return removed;
    },
    nthOldest(n) {
      const row = nthSeq.get(n - 1) as { seq: number } | undefined;
      return row?.seq;
    },
    deleteAll() {
      const n = Number((countAll.get() as { n: number }).n);
      // Dropping the index generations frees their pages at once; DELETEs without a WHERE
      // take SQLite's truncate path.
      for (const generation of [...currentGenerations()]) dropGeneration(generation);
      db.exec('DELETE FROM runs_fts_pending; DELETE FROM run_text; DELETE FROM run_data; DELETE FROM runs;');
      adjust(-n);
      return n;
    },
    count() {
      const version = versionNow();
      if (!known || known.version !== version) known = { runs: Number((countAll.get() as { n: number }).n), version };
      return known.runs;
    },
    forgetCount() {
      known = undefined;
      generations = undefined;
    },
    mergeIndex(pages) {
      // Newest first: the generation taking text is the one with segments to merge. FTS5's
      // documented test for "did the merge do anything": fewer than 2 changes.
      for (const generation of currentGenerations().toReversed()) {
        const before = Number((totalChanges.get() as { n: number }).n);
        generation.merge.run(pages);
        if (Number((totalChanges.get() as { n: number }).n) - before >= 2) return true;
      }
      return false;
    },
  };
}
