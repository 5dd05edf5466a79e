import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { issuerPaths } from '../../src-main/auth/local-issuer.ts';
import { accessKeysPath } from '../../src-main/auth/access-keys.ts';
import { createWorkbench } from '../../src-main/core/workbench.ts';
import { HISTORY_FILE_NAME } from '../../src-main/history/history.ts';

// The data folder holds the access keys, the issuer's signing key and every recorded
// request: other users of the machine must not read any of it, whatever mode it had.

const posix = process.platform !== 'win32';
let dataDir: string | undefined;

afterEach(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

async function modeOf(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777;
}

async function startAndStop(dir: string): Promise<void> {
  const wb = await createWorkbench({ dataDir: dir, host: '127.0.0.1', port: 0, watch: false });
  await wb.stop();
}

describe.runIf(posix)('data folder permissions', () => {
  it('a new data folder is 0700 and its history files 0600', async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'tb-perm-')), 'data');
    const wb = await createWorkbench({ dataDir, host: '127.0.0.1', port: 0, watch: false });
    try {
      // While open, SQLite's -wal and -shm exist: they take the database file's mode.
      for (const name of [HISTORY_FILE_NAME, `${HISTORY_FILE_NAME}-wal`, `${HISTORY_FILE_NAME}-shm`]) {
        expect({ name, mode: await modeOf(join(dataDir, name)) }).toEqual({ name, mode: 0o600 });
      }
    } finally {
      await wb.stop();
    }
    expect(await modeOf(dataDir)).toBe(0o700);
    expect(await modeOf(accessKeysPath(dataDir))).toBe(0o600);
  });

  it('an existing folder and secrets left readable by others are narrowed on the next start', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tb-perm-'));
    await startAndStop(dataDir);
    const history = join(dataDir, HISTORY_FILE_NAME);
    const secrets = [accessKeysPath(dataDir), issuerPaths(dataDir).signingKey, history];
    await chmod(dataDir, 0o755);
    for (const path of secrets) await chmod(path, 0o644);
    await startAndStop(dataDir);
    expect(await modeOf(dataDir)).toBe(0o700);
    for (const path of secrets) expect({ path, mode: await modeOf(path) }).toEqual({ path, mode: 0o600 });
    for (const suffix of ['-wal', '-shm']) {
      const mode = await stat(`${history}${suffix}`).then((s) => s.mode & 0o777, () => undefined);
      if (mode !== undefined) expect(mode & 0o077).toBe(0);
    }
  });
});
