import { link, mkdir, open, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeSyncedTemp } from '../files/files.ts';

/**
 * Creates `path` with `data` only if it does not exist yet, atomically: the content is
 * written and fsynced to a sibling temp file, then hard-linked into place. `link` fails
 * with EEXIST when another process (the desktop app and the CLI share the data folder)
 * or another call won the race, so two first starts never write two different keys
 * where one would silently replace the other. Returns true when this call created it.
 */
export async function createFileExclusive(path: string, data: string, mode: number): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = await writeSyncedTemp(path, data, mode);
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // Some file systems (FAT, a few network shares) have no hard links: fall back to an
    // exclusive create of the target, which still never overwrites a winner's file.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') return createDirect(path, data, mode);
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

async function createDirect(path: string, data: string, mode: number): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx', mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}
