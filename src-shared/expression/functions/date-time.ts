import { EN_US, resolveCulture } from '../culture.ts';
import type { Culture } from '../culture.ts';
import { DateParseFormatError, parseCultureDate, parseExactDate } from '../date-parse.ts';
import { DateFormatError, formatDotNetDate } from '../dotnet-date-format.ts';
import { isFloat, isNumber, numberOf } from '../float-value.ts';
import type { FunctionCall, FunctionSpec } from '../registry.ts';
import { resolveTimeZone, wallToUtc, zoneOffset } from '../time-zones.ts';
import { addMonths, parseTimestamp, ticksOf } from '../timestamp.ts';
import type { Timestamp } from '../timestamp.ts';
import { quote, stringArg, wrongType } from './args.ts';

const TICKS_PER_MS = 10000;
const UNIT_MS: Record<string, number> = {
  second: 1000,
  minute: 60000,
  hour: 3600000,
  day: 86400000,
  week: 604800000,
};

function timestampArg(args: unknown[], i: number, call: FunctionCall): Timestamp {
  const text = stringArg(args, i, call);
  // ISO 8601 first; otherwise en-US text such as '03/15/2018 13:00', Azure's default culture.
  const ts = parseTimestamp(text) ?? parseCultureDate(text, EN_US);
  if (!ts) {
    return call.fail(
      'InvalidArgument',
      `${call.prefix} expects its parameter to be a timestamp, such as '2024-05-01T08:30:00Z' (ISO 8601) or '05/01/2024 08:30' (en-US), but got '${quote(text)}'.`,
      i,
    );
  }
  return ts;
}

/** A .NET TimeSpan in its constant ('c') format, from a number of 100-ns ticks. */
function formatTimeSpan(ticks: number): string {
  const sign = ticks < 0 ? '-' : '';
  let rest = Math.abs(ticks);
  const fraction = rest % 10000000;
  rest = Math.floor(rest / 10000000);
  const seconds = rest % 60;
  rest = Math.floor(rest / 60);
  const minutes = rest % 60;
  rest = Math.floor(rest / 60);
  const hours = rest % 24;
  const days = Math.floor(rest / 24);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${sign}${days > 0 ? `${days}.` : ''}${two(hours)}:${two(minutes)}:${two(seconds)}${fraction > 0 ? `.${String(fraction).padStart(7, '0')}` : ''}`;
}

function now(call: FunctionCall): Timestamp {
  return { ms: (call.ctx.now ? call.ctx.now() : new Date()).getTime(), subMillisecondTicks: 0, unspecified: false };
}

/** The culture named by argument `i` (en-US when absent), or a clear error for an unknown locale. */
export function cultureArg(args: unknown[], i: number, call: FunctionCall): Culture {
  if (args.length <= i || args[i] === null) return EN_US;
  const name = stringArg(args, i, call);
  const culture = resolveCulture(name);
  if (!culture) {
    return call.fail(
      'InvalidArgument',
      `${call.prefix} was given the locale '${quote(name)}', which is not valid or has no associated culture; use an RFC 4646 name such as 'en-US', 'fr-FR' or 'de-DE'.`,
      i,
    );
  }
  return culture;
}

/** Formats a result with the optional format argument at `formatIndex` (default 'o', as Azure). */
function format(ts: Timestamp, args: unknown[], formatIndex: number, call: FunctionCall, culture: Culture = EN_US): string {
  const pattern = args.length > formatIndex && args[formatIndex] !== null ? stringArg(args, formatIndex, call) : 'o';
  try {
    return formatDotNetDate(new Date(ts.ms), pattern, { ...ts, culture });
  } catch (error) {
    if (!(error instanceof DateFormatError)) throw error;
    return call.fail('InvalidArgument', `${call.prefix} was given a format that is not valid: ${error.message}.`, formatIndex);
  }
}

/** Moves a timestamp by `amount` units, keeping 100-ns precision; months and years follow the calendar. */
function shift(ts: Timestamp, amount: number, unit: string, call: FunctionCall, unitIndex: number): Timestamp {
  const key = unit.toLowerCase();
  if (key === 'month' || key === 'year') {
    if (!Number.isInteger(amount)) {
      return call.fail('InvalidArgument', `${call.prefix} needs a whole number of ${key}s, not ${amount}.`, unitIndex - 1);
    }
    return { ...ts, ms: addMonths(ts.ms, key === 'year' ? amount * 12 : amount) };
  }
  const unitMs = UNIT_MS[key];
  if (unitMs === undefined) {
    return call.fail(
      'InvalidArgument',
      `${call.prefix} expects a time unit of 'Second', 'Minute', 'Hour', 'Day', 'Week', 'Month' or 'Year', but got '${unit}'.`,
      unitIndex,
    );
  }
  const deltaTicks = Math.round(amount * unitMs * TICKS_PER_MS);
  let sub = ts.subMillisecondTicks + (deltaTicks % TICKS_PER_MS);
  let ms = ts.ms + Math.trunc(deltaTicks / TICKS_PER_MS);
  if (sub < 0) {
    sub += TICKS_PER_MS;
    ms -= 1;
  } else if (sub >= TICKS_PER_MS) {
    sub -= TICKS_PER_MS;
    ms += 1;
  }
  return { ...ts, ms, subMillisecondTicks: sub };
}

function zoneArg(args: unknown[], i: number, call: FunctionCall): string {
  const name = stringArg(args, i, call);
  const zone = resolveTimeZone(name);
  if (!zone) {
    return call.fail(
      'InvalidArgument',
      `${call.prefix} does not know the time zone '${name}'; use a Windows name such as 'Pacific Standard Time' or 'W. Europe Standard Time'.`,
      i,
    );
  }
  return zone;
}

/** The UTC instant of a timestamp read in `zone` (a timestamp with its own zone already is one). */
function toUtc(ts: Timestamp, zone: string): Timestamp {
  return { ms: ts.unspecified ? wallToUtc(zone, ts.ms) : ts.ms, subMillisecondTicks: ts.subMillisecondTicks, unspecified: false };
}

/** The wall-clock time in `zone` of a UTC instant; .NET gives it no zone designator. */
function fromUtc(ts: Timestamp, zone: string): Timestamp {
  return { ms: ts.ms + zoneOffset(zone, ts.ms), subMillisecondTicks: ts.subMillisecondTicks, unspecified: true };
}

function amountArg(args: unknown[], i: number, call: FunctionCall): number {
  const v = args[i];
  if (!isNumber(v)) return wrongType(call, i, 'a number', v);
  return numberOf(v);
}

function addUnit(name: string, unit: string): FunctionSpec {
  const plural = `${unit.toLowerCase()}s`;
  return {
    name,
    minArgs: 2,
    maxArgs: 3,
    signature: `${name}(timestamp, ${plural}, format?)`,
    keepsFloat: true,
    fn: (args, call) => format(shift(timestampArg(args, 0, call), amountArg(args, 1, call), unit, call, 1), args, 2, call),
  };
}

function startOf(name: string, truncate: (d: Date) => number): FunctionSpec {
  return {
    name,
    minArgs: 1,
    maxArgs: 2,
    signature: `${name}(timestamp, format?)`,
    fn: (args, call) => {
      const ts = timestampArg(args, 0, call);
      return format({ ...ts, ms: truncate(new Date(ts.ms)), subMillisecondTicks: 0 }, args, 1, call);
    },
  };
}

function datePart(name: string, read: (d: Date) => number): FunctionSpec {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    signature: `${name}(timestamp)`,
    fn: (args, call) => read(new Date(timestampArg(args, 0, call).ms)),
  };
}

function relative(name: string, sign: 1 | -1): FunctionSpec {
  return {
    name,
    minArgs: 2,
    maxArgs: 3,
    signature: `${name}(interval, timeUnit, format?)`,
    keepsFloat: true,
    fn: (args, call) => {
      const amount = amountArg(args, 0, call);
      if (isFloat(args[0])) return wrongType(call, 0, 'an integer', args[0]);
      return format(shift(now(call), sign * amount, stringArg(args, 1, call), call, 1), args, 2, call);
    },
  };
}

/** Date and time functions (Microsoft's "Date and time functions" table), in UTC. */
export const dateTimeFunctions: readonly FunctionSpec[] = [
  {
    name: 'utcNow',
    minArgs: 0,
    maxArgs: 1,
    signature: "utcNow(format?: 'o' | 'yyyy-MM-dd' | ...)",
    fn: (args, call) => format(now(call), args, 0, call),
  },
  {
    name: 'formatDateTime',
    minArgs: 1,
    maxArgs: 3,
    signature: "formatDateTime(timestamp, format?, locale?: 'en-US' | 'fr-FR' | ...)",
    fn: (args, call) => format(timestampArg(args, 0, call), args, 1, call, cultureArg(args, 2, call)),
  },
  {
    name: 'parseDateTime',
    minArgs: 1,
    maxArgs: 3,
    signature: "parseDateTime(timestamp, locale?: 'en-US' | 'fr-FR' | ..., format?)",
    fn: (args, call) => {
      const text = stringArg(args, 0, call);
      const culture = cultureArg(args, 1, call);
      const pattern = args.length > 2 && args[2] !== null ? stringArg(args, 2, call) : undefined;
      let ts: Timestamp | undefined;
      try {
        ts = pattern === undefined ? parseCultureDate(text, culture) : parseExactDate(text, pattern, culture);
      } catch (error) {
        if (!(error instanceof DateParseFormatError)) throw error;
        return call.fail('InvalidArgument', `${call.prefix} was given a format that is not valid: ${error.message}.`, 2);
      }
      if (!ts) {
        const how = pattern === undefined ? `in the '${culture.name || 'invariant'}' culture` : `with the format '${pattern}'`;
        return call.fail('InvalidArgument', `${call.prefix} cannot read '${quote(text)}' as a timestamp ${how}; check the text, the locale and the format.`, 0);
      }
      return format(ts, [], 0, call);
    },
  },
  {
    name: 'dateDifference',
    minArgs: 2,
    maxArgs: 2,
    signature: 'dateDifference(startDate, endDate)',
    // endDate - startDate as a .NET TimeSpan ('c' format: [-][d.]hh:mm:ss[.fffffff]).
    fn: (args, call) => {
      const start = timestampArg(args, 0, call);
      const end = timestampArg(args, 1, call);
      return formatTimeSpan((end.ms - start.ms) * TICKS_PER_MS + (end.subMillisecondTicks - start.subMillisecondTicks));
    },
  },
  addUnit('addSeconds', 'Second'),
  addUnit('addMinutes', 'Minute'),
  addUnit('addHours', 'Hour'),
  addUnit('addDays', 'Day'),
  {
    name: 'addToTime',
    minArgs: 3,
    maxArgs: 4,
    signature: "addToTime(timestamp, interval, timeUnit: 'Second' | 'Minute' | 'Hour' | 'Day' | 'Week' | 'Month' | 'Year', format?)",
    keepsFloat: true,
    fn: (args, call) =>
      format(shift(timestampArg(args, 0, call), amountArg(args, 1, call), stringArg(args, 2, call), call, 2), args, 3, call),
  },
  {
    name: 'subtractFromTime',
    minArgs: 3,
    maxArgs: 4,
    signature: "subtractFromTime(timestamp, interval, timeUnit: 'Second' | ... | 'Year', format?)",
    keepsFloat: true,
    fn: (args, call) =>
      format(shift(timestampArg(args, 0, call), -amountArg(args, 1, call), stringArg(args, 2, call), call, 2), args, 3, call),
  },
  relative('getFutureTime', 1),
  relative('getPastTime', -1),
  startOf('startOfDay', (d) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())),
  startOf('startOfHour', (d) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours())),
  startOf('startOfMonth', (d) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)),
  // 0 is Sunday, as .NET's DayOfWeek.
  datePart('dayOfWeek', (d) => d.getUTCDay()),
  datePart('dayOfMonth', (d) => d.getUTCDate()),
  datePart('dayOfYear', (d) => Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1),
  {
    name: 'convertFromUtc',
    minArgs: 2,
    maxArgs: 3,
    signature: "convertFromUtc(timestamp, destinationTimeZone: 'Pacific Standard Time' | ..., format?)",
    fn: (args, call) => format(fromUtc(toUtc(timestampArg(args, 0, call), 'Etc/UTC'), zoneArg(args, 1, call)), args, 2, call),
  },
  {
    name: 'convertToUtc',
    minArgs: 2,
    maxArgs: 3,
    signature: "convertToUtc(timestamp, sourceTimeZone: 'Pacific Standard Time' | ..., format?)",
    fn: (args, call) => format(toUtc(timestampArg(args, 0, call), zoneArg(args, 1, call)), args, 2, call),
  },
  {
    name: 'convertTimeZone',
    minArgs: 3,
    maxArgs: 4,
    signature: 'convertTimeZone(timestamp, sourceTimeZone, destinationTimeZone, format?)',
    fn: (args, call) => {
      const utc = toUtc(timestampArg(args, 0, call), zoneArg(args, 1, call));
      return format(fromUtc(utc, zoneArg(args, 2, call)), args, 3, call);
    },
  },
  {
    name: 'ticks',
    minArgs: 1,
    maxArgs: 1,
    signature: 'ticks(timestamp)',
    fn: (args, call) => ticksOf(timestampArg(args, 0, call)),
  },
];
