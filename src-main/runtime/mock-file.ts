import { CodedError } from '../../src-shared/coded-error.ts';
import { lstatSync, readFileSync } from 'node:fs';
import type { MockEntry } from './stand-ins.ts';

/** The workspace mock file of a workflow: `<workflow>/mocks.json` (docs/runtime.md, "Mocks"). */
export const MOCK_FILE_NAME = 'mocks.json';

/** Largest mock file read; a bigger one is refused with a message. */
const MAX_MOCK_FILE_BYTES = 10 * 1024 * 1024;

/** A mock file that cannot be used: the actions it would mock fail with this message. */
export class MockFileError extends CodedError<'InvalidMockFile'> {
  constructor(message: string) {
    super('InvalidMockFile', message);
  }
}

interface Cached {
  mtimeMs: number;
  size: number;
  entries: Map<string, MockEntry> | MockFileError;
}

const cache = new Map<string, Cached>();

function parse(path: string, text: string): Map<string, MockEntry> | MockFileError {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return new MockFileError(`${path} is not valid JSON (${(error as Error).message}). Fix it, or delete it to stop mocking.`);
  }
  const actions = (json as { actions?: unknown } | null)?.actions;
  if (!actions || typeof actions !== 'object' || Array.isArray(actions)) {
    return new MockFileError(`${path} must be {"actions": {"<action name>": {"status": "Succeeded", "outputs": {...}}}}.`);
  }
  return new Map(Object.entries(actions as Record<string, MockEntry>).map(([name, entry]) => [name.toLowerCase(), entry]));
}

/**
 * The mock entries of one file by lower-cased action name, re-read only when the file
 * changes (size or modification time); undefined when there is no file. Throws
 * MockFileError for a file that exists but cannot be used.
 */
export function readMockFile(path: string): Map<string, MockEntry> | undefined {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    cache.delete(path);
    return undefined;
  }
  if (!stat.isFile()) throw new MockFileError(`${path} is not a regular file (a folder or a link); mocks are read from a plain file only.`);
  if (stat.size > MAX_MOCK_FILE_BYTES) throw new MockFileError(`${path} is ${stat.size} bytes; mock files are read up to ${MAX_MOCK_FILE_BYTES} bytes.`);
  let cached = cache.get(path);
  if (!cached || cached.mtimeMs !== stat.mtimeMs || cached.size !== stat.size) {
    cached = { mtimeMs: stat.mtimeMs, size: stat.size, entries: parse(path, readFileSync(path, 'utf8')) };
    cache.set(path, cached);
  }
  if (cached.entries instanceof MockFileError) throw cached.entries;
  return cached.entries;
}

/** A run's lookup into its workflow's mock file: the file is checked once per run, on first use. */
export function mockLookup(path: string): (actionName: string) => MockEntry | undefined {
  let entries: Map<string, MockEntry> | undefined | MockFileError;
  return (actionName) => {
    if (entries === undefined) {
      try {
        entries = readMockFile(path) ?? new Map();
      } catch (error) {
        entries = error instanceof MockFileError ? error : new MockFileError(String(error));
      }
    }
    if (entries instanceof MockFileError) throw entries;
    return entries.get(actionName.toLowerCase());
  };
}
