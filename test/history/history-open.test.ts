import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HISTORY_FILE_NAME, openRunHistory } from '../../src-main/history/history.ts';
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
