// Formats a UTC date with a .NET format string, as Logic Apps' date functions do: standard
// one-letter formats and the custom specifiers, in a culture (en-US unless one is given).
import { EN_US, INVARIANT } from './culture.ts';
import type { Culture } from './culture.ts';

/** Standard formats that do not depend on the culture. */
const FIXED: Record<string, string> = {
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
  r: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  R: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
};

/** Expands a one-letter standard format to the culture's custom pattern (undefined for an unknown letter). */
export function standardPattern(letter: string, c: Culture): string | undefined {
  const p = c.patterns;
  switch (letter) {
    case 'd':
      return p.d;
    case 'D':
      return p.D;
    case 'f':
      return `${p.D} ${p.t}`;
    case 'F':
    case 'U':
      return `${p.D} ${p.T}`;
    case 'g':
      return `${p.d} ${p.t}`;
    case 'G':
      return `${p.d} ${p.T}`;
    case 'm':
    case 'M':
      return p.M;
    case 't':
      return p.t;
    case 'T':
      return p.T;
    case 'y':
    case 'Y':
      return p.Y;
    default:
      return FIXED[letter];
  }
}

/** Thrown for a format string .NET would refuse; callers turn it into an ExpressionError. */
export class DateFormatError extends Error {}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** How a timestamp was written: with a zone (shown as UTC, 'Z') or without one (.NET "Unspecified": no 'Z'). */
export interface DateOptions {
  /** 100-ns ticks below the millisecond (0-9999), which a JavaScript Date cannot hold. */
  subMillisecondTicks?: number;
  /** True when the input had no zone designator; then 'K' prints nothing, as .NET does. */
  unspecified?: boolean;
  /** Names and standard patterns; en-US (Azure's default) when absent. */
  culture?: Culture;
}

/**
 * Formats `date` (read in UTC) with the .NET format `format`; the default 'o' gives
 * Azure's `2024-05-01T08:30:00.1230000Z` (seven fractional digits).
 */
export function formatDotNetDate(date: Date, format = 'o', options: DateOptions = {}): string {
  if (Number.isNaN(date.getTime())) throw new DateFormatError('the date is not valid');
  const c = options.culture ?? EN_US;
  // Fixed formats ('o', 'r', ...) always use English names, as .NET's invariant ones do.
  const names = format.length === 1 && FIXED[format] !== undefined ? INVARIANT : c;
  const pattern = format.length === 1 ? standardPattern(format, c) : format === '' ? FIXED.o : format;
  if (pattern === undefined) throw new DateFormatError(`'${format}' is not a .NET standard date format`);
  const ticks = pad(date.getUTCMilliseconds(), 3) + pad(options.subMillisecondTicks ?? 0, 4);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === "'" || ch === '"') {
      const close = pattern.indexOf(ch, i + 1);
      if (close === -1) throw new DateFormatError(`the quote at position ${i + 1} of the format is not closed`);
      out += pattern.slice(i + 1, close);
      i = close + 1;
      continue;
    }
    if (ch === '\\') {
      out += pattern[i + 1] ?? '';
      i += 2;
      continue;
    }
    if (ch === '%' && pattern.length > 1) {
      i++;
      continue;
    }
    let run = 1;
    while (pattern[i + run] === ch) run++;
    i += run;
    switch (ch) {
      case 'y':
        out += run === 2 ? pad(date.getUTCFullYear() % 100, 2) : run === 1 ? String(date.getUTCFullYear() % 100) : pad(date.getUTCFullYear(), run);
        break;
      case 'M':
        out += run >= 4 ? names.months[date.getUTCMonth()]! : run === 3 ? names.monthsShort[date.getUTCMonth()]! : pad(date.getUTCMonth() + 1, run);
        break;
      case 'd':
        out += run >= 4 ? names.days[date.getUTCDay()]! : run === 3 ? names.daysShort[date.getUTCDay()]! : pad(date.getUTCDate(), run);
        break;
      case 'H':
        out += pad(date.getUTCHours(), Math.min(run, 2));
        break;
      case 'h':
        out += pad(date.getUTCHours() % 12 || 12, Math.min(run, 2));
        break;
      case 'm':
        out += pad(date.getUTCMinutes(), Math.min(run, 2));
        break;
      case 's':
        out += pad(date.getUTCSeconds(), Math.min(run, 2));
        break;
      case 'f':
        if (run > 7) throw new DateFormatError(`'${'f'.repeat(run)}' asks for more than 7 fraction digits`);
        out += ticks.slice(0, run);
        break;
      case 'F': {
        if (run > 7) throw new DateFormatError(`'${'F'.repeat(run)}' asks for more than 7 fraction digits`);
        const trimmed = ticks.slice(0, run).replace(/0+$/, '');
        // .NET drops the '.' before an all-zero 'F' fraction too.
        if (trimmed === '' && out.endsWith('.')) out = out.slice(0, -1);
        out += trimmed;
        break;
      }
      case 't':
        out += (date.getUTCHours() < 12 ? names.am : names.pm).slice(0, run === 1 ? 1 : undefined);
        break;
      case 'K':
        out += options.unspecified ? '' : 'Z';
        break;
      case 'z':
        out += run === 1 ? '+0' : run === 2 ? '+00' : '+00:00';
        break;
      case 'g':
        out += 'A.D.';
        break;
      case '/':
        out += c.dateSeparator.repeat(run);
        break;
      case ':':
        out += c.timeSeparator.repeat(run);
        break;
      default:
        out += ch.repeat(run);
    }
  }
  return out;
}
