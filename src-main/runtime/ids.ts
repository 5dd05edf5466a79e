import { randomInt, randomUUID } from 'node:crypto';

let sequence = 0;

/**
 * A run id shaped like Azure's: 29 digits + `CU` + 2 digits (e.g.
 * `08584620537546826466163745411CU00`). The leading digits grow with time, as Azure's
 * do, so ids sort roughly by start; a per-process sequence keeps them unique.
 */
export function newRunId(now = Date.now()): string {
  const time = (BigInt(now) * 10_000n + 621_355_968_000_000_000n).toString().padStart(18, '0').slice(0, 18);
  sequence = (sequence + 1) % 1_000_000;
  const tail = String(sequence).padStart(6, '0') + String(randomInt(0, 100_000)).padStart(5, '0');
  return `${time}${tail}CU${String(randomInt(0, 100)).padStart(2, '0')}`;
}

/** A correlation/tracking id (a GUID, as Azure's `x-ms-correlation-id`). */
export function newCorrelationId(): string {
  return randomUUID();
}
