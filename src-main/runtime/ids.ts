import { randomInt, randomUUID } from 'node:crypto';

let sequence = 0;

/** Milliseconds from 0001-01-01 (the .NET epoch) to 1970-01-01. */
const DOT_NET_EPOCH_OFFSET_MS = 62_135_596_800_000;

/**
 * .NET ticks (100 ns units since 0001-01-01) of an epoch-milliseconds time, as decimal
 * digits: (ms + 62,135,596,800,000) x 10,000. Written as the sum's digits then `0000`,
 * which is exact without BigInt (the sum stays far below 2^53; BigInt arithmetic and
 * its toString cost about a microsecond per call).
 */
export function dotNetTicks(ms: number): string {
  const sum = Math.floor(ms) + DOT_NET_EPOCH_OFFSET_MS;
  return sum === 0 ? '0' : `${sum}0000`;
}

/**
 * A run id shaped like Azure's: 29 digits + `CU` + 2 digits (e.g.
 * `08584620537546826466163745411CU00`). The leading digits grow with time, as Azure's
 * do, so ids sort roughly by start; a per-process sequence keeps them unique.
 */
export function newRunId(now = Date.now()): string {
  const time = dotNetTicks(now).padStart(18, '0').slice(0, 18);
  sequence = (sequence + 1) % 1_000_000;
  const tail = String(sequence).padStart(6, '0') + String(randomInt(0, 100_000)).padStart(5, '0');
  return `${time}${tail}CU${String(randomInt(0, 100)).padStart(2, '0')}`;
}

/** A correlation/tracking id (a GUID, as Azure's `x-ms-correlation-id`). */
export function newCorrelationId(): string {
  return randomUUID();
}
