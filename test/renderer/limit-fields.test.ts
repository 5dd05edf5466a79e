import { describe, expect, it } from 'vitest';
import type { AppInfo } from '../../src-shared/contract.ts';
import { DEFAULT_RUNTIME_LIMITS } from '../../src-shared/runtime-limits.ts';
import { LIMIT_FIELDS, limitDefaultText, parseLimitField } from '../../src-renderer/lib/limit-fields.ts';
import { createStores } from '../../src-renderer/stores/stores.ts';
import { FakeApi, FakeClipboard } from './fake-api.ts';

const field = (name: string) => LIMIT_FIELDS.find((f) => f.name === name)!;

describe('Settings → Limits fields', () => {
  it('show the documented defaults in the unit of each field', () => {
    expect(LIMIT_FIELDS.map(limitDefaultText)).toEqual(['1,000 runs', '256 MiB', '1,024 KiB']);
  });

  it('turn the text into the stored value, or say what is wrong and the range', () => {
    expect(parseLimitField(field('maxBufferedBodyBytes'), '64')).toEqual({ value: 64 * 1024 * 1024 });
    expect(parseLimitField(field('recordValueBytes'), '2,048')).toEqual({ value: 2048 * 1024 });
    expect(parseLimitField(field('maxRunsInFlight'), '0')).toEqual({ error: 'Must be from 1 to 1,000,000 runs.' });
    expect(parseLimitField(field('maxBufferedBodyBytes'), '65537')).toEqual({ error: 'Must be from 1 to 65,536 MiB.' });
    expect(parseLimitField(field('recordValueBytes'), 'lots')).toEqual({ error: 'Enter a whole number of KiB, from 1 to 102,400 KiB.' });
    expect(parseLimitField(field('maxRunsInFlight'), ' ')).toEqual({ error: 'Enter a number of runs (1 to 1,000,000 runs); the default is 1,000 runs.' });
  });
});

describe('settings store: setLimits', () => {
  it('sends the limits through settings:update, and refuses out-of-range values without calling', async () => {
    const api = new FakeApi();
    const stores = createStores({ api, clipboard: new FakeClipboard() });
    api.handle('settings:update', (patch) => ({ settings: { limits: patch.limits } }) as unknown as AppInfo);
    expect(await stores.settings.getState().setLimits({ ...DEFAULT_RUNTIME_LIMITS, maxRunsInFlight: 0 })).toBe(false);
    expect(stores.settings.getState().errors.limits?.message).toBe("'limits.maxRunsInFlight' must be from 1 to 1000000.");
    expect(api.callsTo('settings:update')).toHaveLength(0);
    expect(await stores.settings.getState().setLimits({ ...DEFAULT_RUNTIME_LIMITS, maxRunsInFlight: 40 })).toBe(true);
    expect(api.callsTo('settings:update')).toEqual([{ limits: { ...DEFAULT_RUNTIME_LIMITS, maxRunsInFlight: 40 } }]);
    expect(stores.app.getState().info?.settings.limits?.maxRunsInFlight).toBe(40);
  });
});
