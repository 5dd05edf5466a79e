import { describe, expect, it } from 'vitest';
import { isRetryableStatus, readRetryPolicy } from '../../src-main/runtime/http/retry-policy.ts';
import { durationMs } from '../../src-main/runtime/duration.ts';

const policy = (value: unknown, random = () => 0.5) => {
  const read = readRetryPolicy(value, random);
  if ('invalid' in read) throw new Error(read.invalid);
  return read;
};

describe('retry policies', () => {
  it('default (absent or "default"): 4 retries, exponential from 7.5 s', () => {
    for (const value of [undefined, { type: 'Default' }]) {
      const p = policy(value);
      expect(p.count).toBe(4);
      expect([1, 2, 3, 4].map((n) => p.delayMs(n))).toEqual([7_500, 15_000, 30_000, 60_000]);
    }
  });

  it('none, fixed and exponential (random within ±20%, kept between the bounds)', () => {
    expect(policy({ type: 'none' }).count).toBe(0);
    const fixed = policy({ type: 'fixed', count: 2, interval: 'PT10S' });
    expect([fixed.count, fixed.delayMs(1), fixed.delayMs(2)]).toEqual([2, 10_000, 10_000]);
    const low = policy({ type: 'exponential', count: 3, interval: 'PT10S', minimumInterval: 'PT5S', maximumInterval: 'PT30S' }, () => 0);
    expect([1, 2, 3].map((n) => low.delayMs(n))).toEqual([8_000, 16_000, 30_000]);
    const high = policy({ type: 'exponential', count: 3, interval: 'PT10S', minimumInterval: 'PT11S', maximumInterval: 'PT1H' }, () => 1);
    expect(high.delayMs(1)).toBe(12_000);
  });

  it('refuses what Azure refuses, saying what to fix', () => {
    expect(readRetryPolicy({ type: 'sometimes' })).toEqual({ invalid: expect.stringContaining('default, none, fixed, exponential') });
    expect(readRetryPolicy({ type: 'fixed', count: 91, interval: 'PT1S' })).toEqual({ invalid: expect.stringContaining('1 to 90') });
    expect(readRetryPolicy({ type: 'fixed', count: 2, interval: '10s' })).toEqual({ invalid: expect.stringContaining('ISO 8601') });
  });

  it('retries 408, 429 and 5xx only', () => {
    expect([200, 400, 404, 408, 429, 500, 503].filter(isRetryableStatus)).toEqual([408, 429, 500, 503]);
  });

  it('reads ISO 8601 durations', () => {
    expect([durationMs('PT30S'), durationMs('PT1H'), durationMs('P1D'), durationMs('PT0.5S'), durationMs('P1DT2H')]).toEqual([30_000, 3_600_000, 86_400_000, 500, 93_600_000]);
    expect([durationMs('30s'), durationMs('P'), durationMs('PT'), durationMs(30)]).toEqual([undefined, undefined, undefined, undefined]);
  });
});
