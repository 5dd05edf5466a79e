import { describe, expect, it } from 'vitest';
import { boundedValue, isTruncatedValue, jsonPrefix, jsonSizeUpTo } from '../../src-shared/record-values.ts';
import { packRunRecord, unpackRunRecord } from '../../src-main/history/record-packing.ts';
import { fullRun } from './fixtures/run-record.ts';

describe('bounded record values', () => {
  it('keeps a value that fits, cuts one that does not, with its size and the start of its JSON', () => {
    const small = { a: [1, 2, 3] };
    expect(boundedValue(small, 100)).toBe(small);
    const big = { rows: Array.from({ length: 1000 }, (_, i) => ({ i })) };
    const cut = boundedValue(big, 200);
    expect(isTruncatedValue(cut)).toBe(true);
    expect(cut).toMatchObject({ size: JSON.stringify(big).length });
    expect((cut as { text: string }).text).toBe(JSON.stringify(big).slice(0, 200));
    expect(boundedValue('x'.repeat(500), 100)).toMatchObject({ $truncated: true, text: `"${'x'.repeat(99)}` });
  });

  it('measures and writes values too deep for JSON.stringify without recursion', () => {
    let deep: unknown = [];
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(jsonSizeUpTo(deep, 1000)).toBe(1001);
    expect(jsonPrefix(deep, 10)).toEqual({ text: '[[[[[[[[[[', complete: false });
    expect(isTruncatedValue(boundedValue(deep, 1000))).toBe(true);
  });

  it('a value repeated in an action is stored once and read back in both places', () => {
    const shared = { items: Array.from({ length: 200 }, (_, i) => `item-${i}`) };
    const run = fullRun({
      actions: [
        { name: 'Make', type: 'Compose', status: 'Succeeded', inputs: shared, outputs: shared },
        { name: 'Response', type: 'Response', status: 'Succeeded', inputs: { statusCode: 200, body: shared }, outputs: { statusCode: 200, body: shared } },
      ],
    });
    const packedJson = JSON.stringify(packRunRecord(run, 1024 * 1024));
    expect(packedJson.split('item-199').length - 1).toBe(1);
    const back = unpackRunRecord(JSON.parse(packedJson));
    expect(back.actions).toEqual(run.actions);
  });
});
