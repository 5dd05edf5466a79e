import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HISTORY_FILE_NAME, openRunHistory, openRunHistoryAsync } from '../../src-main/history/history.ts';
import { HISTORY_SCHEMA_VERSION } from '../../src-main/history/history-schema.ts';
import { DatabaseSync, isSqliteExperimentalWarning } from '../../src-main/history/sqlite.ts';
import { openTracked, tempDataDir } from './fixtures/temp-dir.ts';

describe('run history: the database file', () => {
  it('creates <dataDir>/history.sqlite in WAL mode at the current schema version, making the folder', () => {
    const dataDir = join(tempDataDir(), 'nested', 'data');
    const history = openTracked(dataDir);
    expect(history.file).toBe(join(dataDir, HISTORY_FILE_NAME));
    const raw = new DatabaseSync(history.file);
    expect(raw.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(raw.prepare('PRAGMA user_version').get()).toEqual({ user_version: HISTORY_SCHEMA_VERSION });
    raw.close();
  });

  it('refuses a history written by a newer version, saying how to proceed', () => {
    const dataDir = tempDataDir();
    openTracked(dataDir).close();
    const raw = new DatabaseSync(join(dataDir, HISTORY_FILE_NAME));
    raw.exec(`PRAGMA user_version = ${HISTORY_SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openRunHistory(dataDir)).toThrow(expect.objectContaining({ code: 'HistorySchemaTooNew', message: expect.stringMatching(/newer Triggerbench.*--data-dir/) }));
  });

  it('refuses a file that is not a database with HistoryOpenFailed and the file name', () => {
    const dataDir = tempDataDir();
    writeFileSync(join(dataDir, HISTORY_FILE_NAME), 'this is not SQLite, just some text that is long enough to be read as a header'.repeat(20));
    expect(() => openRunHistory(dataDir)).toThrow(expect.objectContaining({ code: 'HistoryOpenFailed', message: expect.stringContaining(HISTORY_FILE_NAME) }));
  });

  it('opens without blocking too (serve starts its writer while it loads the rest), with the same errors', async () => {
    const dataDir = tempDataDir();
    const history = await openRunHistoryAsync(dataDir);
    try {
      history.record({ id: 'async-1', workflow: 'wf', trigger: 'manual', status: 'Succeeded', startTime: '2025-01-01T00:00:00.000Z', correlationId: 'c', request: { method: 'POST', url: '/api/wf', headers: {}, body: { size: 0 }, remoteAddress: '', httpVersion: '1.1' }, actions: [] });
      expect(history.list({ text: 'async-1' }).map((run) => run.id)).toEqual(['async-1']);
    } finally {
      history.close();
    }
    const broken = tempDataDir();
    writeFileSync(join(broken, HISTORY_FILE_NAME), 'not a database, just text'.repeat(100));
    await expect(openRunHistoryAsync(broken)).rejects.toMatchObject({ code: 'HistoryOpenFailed' });
  });
});

describe('node:sqlite loader', () => {
  it('recognises only the SQLite experimental warning', () => {
    const sqliteWarning = Object.assign(new Error('SQLite is an experimental feature and might change at any time'), { name: 'ExperimentalWarning' });
    expect(isSqliteExperimentalWarning(sqliteWarning, undefined)).toBe(true);
    expect(isSqliteExperimentalWarning('SQLite is an experimental feature', 'ExperimentalWarning')).toBe(true);
    expect(isSqliteExperimentalWarning('WASI is an experimental feature', 'ExperimentalWarning')).toBe(false);
    expect(isSqliteExperimentalWarning('SQLite is slow', 'DeprecationWarning')).toBe(false);
  });

  it('leaves other warnings alone once loaded', async () => {
    const received = new Promise<Error>((resolve) => process.once('warning', resolve));
    process.emitWarning('SQLite is an experimental feature (emitted on purpose by history-open.test.ts)', 'ExperimentalWarning');
    const warning = await received;
    expect(warning.name).toBe('ExperimentalWarning');
  });
});
