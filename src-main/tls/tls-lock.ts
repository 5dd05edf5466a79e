import { hostname } from 'node:os';
import { open, readFile, rm, stat } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { TlsMaterialError } from './tls-errors.ts';

/** Tuning of {@link withFileLock}; the defaults suit CA creation (well under a few seconds). */
export interface FileLockOptions {
  /** Give up waiting for another holder after this long. */
  timeoutMs?: number;
  /** A lock older than this is taken to be left by a crashed process. */
  staleMs?: number;
}

interface LockOwner {
  pid: number;
  host: string;
  at: string;
}

// Within one process, callers queue on a promise so they do not poll each other's lock file.
const inProcess = new Map<string, Promise<unknown>>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isStale(lockPath: string, staleMs: number): Promise<boolean> {
  let text: string;
  let ageMs: number;
  try {
    [text, ageMs] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath).then((s) => Date.now() - s.mtimeMs)]);
  } catch (error) {
    // Released between our create attempt and this read: not stale, just retry at once.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new TlsMaterialError(
      'TLS_FILE_UNREADABLE',
      lockPath,
      `Cannot read the lock file ${lockPath}: ${(error as Error).message}. If no other Triggerbench (app or CLI) is running, delete it and start again.`,
      { cause: error },
    );
  }
  if (ageMs > staleMs) return true;
  let owner: LockOwner | undefined;
  try {
    owner = JSON.parse(text) as LockOwner;
  } catch {
    // Empty or partial: the owner died between creating and writing it, or is writing now.
    // Give a live writer a moment before calling it stale.
    return ageMs > 10_000;
  }
  return owner.host === hostname() && typeof owner.pid === 'number' && !isAlive(owner.pid);
}

async function acquire(lockPath: string, timeoutMs: number, staleMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      // 'wx' = O_CREAT|O_EXCL: exactly one process wins, also across the CLI and the app.
      const handle = await open(lockPath, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() }));
      } finally {
        await handle.close();
      }
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new TlsMaterialError(
          'TLS_WRITE_FAILED',
          lockPath,
          `Cannot create the lock file ${lockPath}: ${(error as Error).message}. Check that the data folder is writable by you.`,
          { cause: error },
        );
      }
    }
    if (await isStale(lockPath, staleMs)) {
      await rm(lockPath, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new TlsMaterialError(
        'TLS_LOCK_TIMEOUT',
        lockPath,
        `Another Triggerbench process has held ${lockPath} for more than ${Math.round(timeoutMs / 1000)} s while creating certificates. ` +
          'If no other Triggerbench (app or CLI) is running, delete that file and start again.',
      );
    }
    await delay(20 + Math.floor(Math.random() * 30));
  }
}

/**
 * Runs `work` while holding an exclusive lock file, so that two processes starting at once
 * (the CLI and the app) never create two different CAs: the second waits, then re-reads
 * what the first wrote. A lock left by a dead process is detected and removed.
 */
export async function withFileLock<T>(lockPath: string, work: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const staleMs = options.staleMs ?? 60_000;
  const previous = inProcess.get(lockPath) ?? Promise.resolve();
  const run = previous.then(
    () => undefined,
    () => undefined,
  ).then(async () => {
    await acquire(lockPath, timeoutMs, staleMs);
    try {
      return await work();
    } finally {
      await rm(lockPath, { force: true });
    }
  });
  inProcess.set(lockPath, run);
  try {
    return await run;
  } finally {
    if (inProcess.get(lockPath) === run) inProcess.delete(lockPath);
  }
}
