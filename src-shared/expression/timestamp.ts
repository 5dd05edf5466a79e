// Timestamps as Logic Apps' date functions read them: ISO 8601 text, kept with the
// 100-ns precision of .NET ticks and whether a zone was given.

/** A parsed timestamp: the instant (UTC milliseconds) plus the ticks below a millisecond. */
export interface Timestamp {
  ms: number;
  subMillisecondTicks: number;
  /** No zone designator in the text (.NET DateTimeKind.Unspecified): output keeps no 'Z'. */
  unspecified: boolean;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

// .NET ticks at the Unix epoch (0001-01-01 to 1970-01-01 in 100-ns units).
const EPOCH_TICKS = 621355968000000000;

// Parsed timestamps by text: workflows read the same few timestamps over and over, and
// two Date objects per parse were the largest cost of a date function.
const parsed = new Map<string, Timestamp | undefined>();

/** Parses ISO 8601 text (date, or date and time with optional fraction and zone); undefined when it is not one. */
export function parseTimestamp(text: string): Timestamp | undefined {
  // No timestamp is longer; the cap also keeps large bodies out of the cache.
  if (text.length > 128) return undefined;
  if (parsed.has(text)) {
    const hit = parsed.get(text);
    return hit && { ...hit };
  }
  if (parsed.size >= 1000) parsed.clear();
  const ts = parseIso(text);
  parsed.set(text, ts && { ...ts });
  return ts;
}

function parseIso(text: string): Timestamp | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = m;
  const digits = fraction.padEnd(7, '0');
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(digits.slice(0, 3)));
  const check = new Date(ms);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return undefined;
  }
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const hhmm = zone.slice(1).replace(':', '');
    ms -= sign * (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(2, 4))) * 60000;
  }
  // Years before 100 are mapped by Date.UTC into the 1900s; set the year explicitly.
  if (Number(y) < 100) {
    const fixed = new Date(ms);
    fixed.setUTCFullYear(Number(y));
    ms = fixed.getTime();
  }
  return { ms, subMillisecondTicks: Number(digits.slice(3)), unspecified: zone === undefined };
}

/** .NET ticks (100-ns units since 0001-01-01); above 2^53, so exact only to about 13 µs. */
export function ticksOf(ts: Timestamp): number {
  return EPOCH_TICKS + ts.ms * 10000 + ts.subMillisecondTicks;
}

/** Adds calendar months the .NET way: the day is clamped to the target month's length. */
export function addMonths(ms: number, months: number): number {
  const date = new Date(ms);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, last));
  return date.getTime();
}
