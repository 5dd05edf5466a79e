import { join } from 'node:path';
import { readJsonIfExists, writeFileAtomic } from '../files/files.ts';

/** File in the data folder that holds the console's open tabs and choices. */
export const CONSOLE_STATE_FILE = 'console-state.json';

/**
 * The console's working state (open composer tabs, active environment, theme) in the
 * data folder, so it survives a reload and a restart in both hosts: a browser's
 * localStorage would not, because the web host's origin (port) changes at each start.
 * The shape belongs to the console; the core keeps it as an opaque JSON object.
 */
export function consoleState(dataDir: string) {
  const path = join(dataDir, CONSOLE_STATE_FILE);
  let queue: Promise<unknown> = Promise.resolve();
  return {
    /** The saved state, or null when there is none (or it is damaged: the console then starts fresh). */
    async load(): Promise<Record<string, unknown> | null> {
      const state = await readJsonIfExists<unknown>(path).catch(() => undefined);
      return state && typeof state === 'object' && !Array.isArray(state) ? (state as Record<string, unknown>) : null;
    },
    /** Replaces the saved state (writes in call order, so the last save wins). */
    save(state: Record<string, unknown>): Promise<void> {
      const write = () => writeFileAtomic(path, JSON.stringify(state), { mode: 0o600 });
      const next = queue.then(write, write);
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
