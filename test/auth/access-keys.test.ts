import { readFile, stat, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { accessKeysPath, loadOrCreateAccessKeys, regenerateAccessKey } from '../../src-main/auth/access-keys.ts';
import { AuthSetupError } from '../../src-main/auth/auth-failure.ts';
import { POSIX_MODES, useTempDirs } from './temp-dir.ts';

const tempDir = useTempDirs();

describe('access keys', () => {
  it('creates two distinct 32-byte base64url keys on first use, in keys.json with mode 0600', async () => {
    const dir = await tempDir();
    const keys = await loadOrCreateAccessKeys(dir);
    expect(keys.primary).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(keys.secondary).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(keys.primary, 'base64url')).toHaveLength(32);
    expect(keys.primary).not.toBe(keys.secondary);
    expect(JSON.parse(await readFile(accessKeysPath(dir), 'utf8'))).toEqual(keys);
    if (POSIX_MODES) expect((await stat(accessKeysPath(dir))).mode & 0o777).toBe(0o600);
  });

  it('returns the same keys on later calls (persisted across restarts)', async () => {
    const dir = await tempDir();
    const first = await loadOrCreateAccessKeys(dir);
    expect(await loadOrCreateAccessKeys(dir)).toEqual(first);
  });

  it('agrees on one key pair when many first starts race', async () => {
    const dir = await tempDir();
    const all = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateAccessKeys(dir)));
    for (const keys of all) expect(keys).toEqual(all[0]);
    expect(JSON.parse(await readFile(accessKeysPath(dir), 'utf8'))).toEqual(all[0]);
  });

  it('regenerates only the chosen key, persists it, and keeps mode 0600', async () => {
    const dir = await tempDir();
    const before = await loadOrCreateAccessKeys(dir);
    const after = await regenerateAccessKey(dir, 'secondary');
    expect(after.primary).toBe(before.primary);
    expect(after.secondary).not.toBe(before.secondary);
    expect(await loadOrCreateAccessKeys(dir)).toEqual(after);
    if (POSIX_MODES) expect((await stat(accessKeysPath(dir))).mode & 0o777).toBe(0o600);
    const again = await regenerateAccessKey(dir, 'primary');
    expect(again.primary).not.toBe(before.primary);
    expect(again.secondary).toBe(after.secondary);
  });

  it('refuses an unknown key type with a clear code', async () => {
    const dir = await tempDir();
    await expect(regenerateAccessKey(dir, 'tertiary' as never)).rejects.toMatchObject({ code: 'InvalidKeyType' });
  });

  it('reports a damaged key file instead of silently replacing the keys', async () => {
    const dir = await tempDir();
    await writeFile(accessKeysPath(dir), '{ "primary": "short" }');
    const error = await loadOrCreateAccessKeys(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthSetupError);
    expect(error).toMatchObject({ code: 'AccessKeysFileInvalid' });
    expect((error as Error).message).toContain('keys regenerate primary');
    await writeFile(accessKeysPath(dir), 'not json');
    await expect(loadOrCreateAccessKeys(dir)).rejects.toMatchObject({ code: 'AccessKeysFileInvalid' });
    expect(await readFile(accessKeysPath(dir), 'utf8')).toBe('not json');
  });
});
