/**
 * Loads `node:sqlite` without its one-off "SQLite is an experimental feature" warning.
 *
 * Node 22 (what Electron ships) prints an ExperimentalWarning the first time the module
 * loads; users of the CLI would see it on every start and think something is wrong. A
 * static `import` cannot be preceded by a filter (imports are hoisted), so the module is
 * fetched with `process.getBuiltinModule` while `process.emitWarning` is wrapped to drop
 * exactly that warning. Every other warning, and that one outside the load, goes through.
 */
import type * as NodeSqlite from 'node:sqlite';

/** True for the warning Node emits when `node:sqlite` first loads, and for nothing else. */
export function isSqliteExperimentalWarning(warning: unknown, type: unknown): boolean {
  const name = warning instanceof Error ? warning.name : type;
  const message = warning instanceof Error ? warning.message : String(warning);
  return name === 'ExperimentalWarning' && /\bSQLite\b/.test(message);
}

/**
 * Loads `node:sqlite` with that one warning filtered out. Also runs inside the history
 * writer thread (its text is part of the thread's source), so it uses only globals and
 * isSqliteExperimentalWarning.
 */
export function loadSqlite(): typeof NodeSqlite {
  const original = process.emitWarning;
  // Wrapped only for the duration of the synchronous load below, then restored.
  process.emitWarning = function filteredEmitWarning(this: unknown, warning: string | Error, ...rest: unknown[]): void {
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    if (isSqliteExperimentalWarning(warning, type)) return;
    (original as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return process.getBuiltinModule('node:sqlite');
  } finally {
    process.emitWarning = original;
  }
}

const sqlite = loadSqlite();

/** `node:sqlite`'s synchronous database class, loaded quietly. */
export const DatabaseSync = sqlite.DatabaseSync;

/** An open `node:sqlite` database handle. */
export type Database = NodeSqlite.DatabaseSync;

/** A prepared `node:sqlite` statement. */
export type Statement = NodeSqlite.StatementSync;
