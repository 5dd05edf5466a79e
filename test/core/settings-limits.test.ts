import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RUNTIME_LIMITS, loadSettings, runtimeLimits } from '../../src-main/core/settings.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A data folder whose settings.json holds `content`. */
async function settingsFile(content: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tb-settings-'));
  dirs.push(dir);
  await writeFile(join(dir, 'settings.json'), JSON.stringify(content));
  return dir;
}

describe('settings.json limits', () => {
  it('take the documented defaults for what the file leaves out', async () => {
    const settings = await loadSettings(await settingsFile({ limits: { maxRunsInFlight: 40 } }));
    expect(runtimeLimits(settings)).toEqual({ ...DEFAULT_RUNTIME_LIMITS, maxRunsInFlight: 40 });
    expect(DEFAULT_RUNTIME_LIMITS).toEqual({ maxRunsInFlight: 1000, maxBufferedBodyBytes: 256 * 1024 * 1024, recordValueBytes: 1024 * 1024 });
  });

  it('refuse a value outside the range the console form and the API accept, naming the file and the field', async () => {
    const data = await settingsFile({ limits: { recordValueBytes: 200 * 1024 * 1024 } });
    await expect(loadSettings(data)).rejects.toThrow(`${join(data, 'settings.json')}: 'limits.recordValueBytes' must be from 1024 to 104857600.`);
    const zero = await settingsFile({ limits: { maxRunsInFlight: 0 } });
    await expect(loadSettings(zero)).rejects.toThrow("'limits.maxRunsInFlight' must be from 1 to 1000000.");
  });
});
