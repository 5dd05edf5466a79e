/**
 * `new Date(ms).toISOString()`, remembered for the last millisecond asked. One call asks
 * for the same millisecond several times (its start, its action's start and end, its
 * end), and V8 formats dates in C++ through snprintf, about 0.6 us each: 4 of a trigger
 * call's ~6 timestamps come from this one-entry cache under load.
 */
let lastMs = Number.NaN;
let lastIso = '';

/** The ISO-8601 UTC text of an epoch-milliseconds time (throws RangeError when invalid, as toISOString does). */
export function isoTime(ms: number): string {
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
}
