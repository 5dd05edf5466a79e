// Reading timestamps that are not ISO 8601, as .NET's DateTime.Parse and ParseExact do for
// a culture: '03/15/2018', '20 octobre 2010', 'martes 20 octubre 2020', or text matching
// an explicit format ('ddMMyyyy'). Used by parseDateTime and by every date function,
// which read en-US text when the input is not ISO (Azure's default culture).
import type { Culture } from './culture.ts';
import { standardPattern } from './dotnet-date-format.ts';
import { parseTimestamp } from './timestamp.ts';
import type { Timestamp } from './timestamp.ts';

/** Lower case without accents or a trailing '.', so 'Févr.' matches 'fevr'. */
function normal(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').replace(/\.$/, '').toLowerCase();
}

function indexIn(list: string[], word: string): number {
  const w = normal(word);
  return list.findIndex((name) => normal(name) === w);
}

// Small words some cultures put between date parts ('20 de octubre de 2020').
const FILLERS = new Set(['de', 'del', 'of', 'le', 'el', 'den', 'der', 'à', 'a']);

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ticks: number;
  /** Minutes east of UTC when the text had a zone, undefined otherwise. */
  offset?: number;
}

function twoDigitYear(y: number): number {
  // .NET's default TwoDigitYearMax is 2049.
  return y < 50 ? 2000 + y : 1900 + y;
}

function toTimestamp(f: Fields): Timestamp | undefined {
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.hour > 23 || f.minute > 59 || f.second > 59) return undefined;
  const date = new Date(Date.UTC(2000, f.month - 1, f.day, f.hour, f.minute, f.second, Math.floor(f.ticks / 10000)));
  date.setUTCFullYear(f.year);
  if (date.getUTCDate() !== f.day) return undefined;
  const ms = date.getTime() - (f.offset ?? 0) * 60000;
  return { ms, subMillisecondTicks: f.ticks % 10000, unspecified: f.offset === undefined };
}

function readZone(text: string): { rest: string; offset?: number } {
  const m = /\s*(?:(Z|GMT|UTC)|([+-])(\d{1,2}):?(\d{2})?)\s*$/i.exec(text);
  if (!m || m.index === 0) return { rest: text };
  const offset = m[1] ? 0 : (m[2] === '-' ? -1 : 1) * (Number(m[3]) * 60 + Number(m[4] ?? 0));
  return { rest: text.slice(0, m.index), offset };
}

/**
 * Parses a date written the culture's way, with an optional time ('15:30', '3:30:05 PM')
 * and zone; ISO 8601 text is accepted too. Undefined when the text is not a date.
 */
export function parseCultureDate(text: string, culture: Culture): Timestamp | undefined {
  if (text.length > 256) return undefined;
  const iso = parseTimestamp(text);
  if (iso) return iso;
  const { rest, offset } = readZone(text.trim());
  const f: Fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, ticks: 0, offset };
  const time = /(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,7}))?)?(?:\s*([^\s\d.:,/-]+\.?(?:\s?[^\s\d]+\.?)?))?/u.exec(rest);
  let dateText = rest;
  if (time) {
    f.hour = Number(time[1]);
    f.minute = Number(time[2]);
    f.second = Number(time[3] ?? 0);
    f.ticks = Number((time[4] ?? '').padEnd(7, '0'));
    const period = time[5];
    if (period !== undefined) {
      const p = normal(period.replace(/\s/g, ''));
      const isPm = p === normal(culture.pm.replace(/\s/g, '')) || p === 'pm';
      const isAm = p === normal(culture.am.replace(/\s/g, '')) || p === 'am';
      if (!isPm && !isAm) return undefined;
      if (f.hour > 12 || f.hour === 0) return undefined;
      f.hour = (f.hour % 12) + (isPm ? 12 : 0);
    }
    dateText = rest.slice(0, time.index) + rest.slice(time.index + time[0].length);
  }
  const numbers: string[] = [];
  let month = 0;
  for (const token of dateText.match(/\d+|[\p{L}][\p{L}\p{M}.]*/gu) ?? []) {
    if (/^\d+$/.test(token)) {
      numbers.push(token);
      continue;
    }
    const long = indexIn(culture.months, token);
    const short = long >= 0 ? long : indexIn(culture.monthsShort, token);
    if (short >= 0 && month === 0) {
      month = short + 1;
      continue;
    }
    if (token.toUpperCase() === 'T') continue;
    if (indexIn(culture.days, token) >= 0 || indexIn(culture.daysShort, token) >= 0 || FILLERS.has(normal(token))) continue;
    return undefined;
  }
  const year = (n: string): number => (n.length <= 2 ? twoDigitYear(Number(n)) : Number(n));
  if (month > 0) {
    if (numbers.length !== 2) return undefined;
    const [a, b] = numbers as [string, string];
    const yearFirst = a.length > 2 || Number(a) > 31;
    f.month = month;
    f.day = Number(yearFirst ? b : a);
    f.year = year(yearFirst ? a : b);
    return toTimestamp(f);
  }
  if (numbers.length !== 3) return undefined;
  // The order of day, month and year in the culture's short date ('M/d/yyyy' -> M d y).
  const order = numbers[0]!.length === 4 ? ['y', 'M', 'd'] : (culture.patterns.d.match(/[dMy]/g) ?? ['M', 'd', 'y']).filter((ch, i, all) => all.indexOf(ch) === i);
  order.forEach((part, i) => {
    const n = numbers[i]!;
    if (part === 'y') f.year = year(n);
    else if (part === 'M') f.month = Number(n);
    else f.day = Number(n);
  });
  return toTimestamp(f);
}

/** Thrown for a format string that cannot be used for parsing; callers turn it into an ExpressionError. */
export class DateParseFormatError extends Error {}

/** Parses `text` that must match the .NET format `format` exactly (DateTime.ParseExact). */
export function parseExactDate(text: string, format: string, culture: Culture): Timestamp | undefined {
  if (text.length > 256 || format.length > 256) return undefined;
  const pattern = format.length === 1 ? standardPattern(format, culture) : format;
  if (pattern === undefined) throw new DateParseFormatError(`'${format}' is not a .NET standard date format`);
  const f: Fields = { year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0, ticks: 0 };
  let pm: boolean | undefined;
  let at = 0;
  const digits = (min: number, max: number): number | undefined => {
    const m = new RegExp(`^\\d{${min},${max}}`).exec(text.slice(at));
    if (!m) return undefined;
    at += m[0].length;
    return Number(m[0]);
  };
  const word = (list: string[]): number | undefined => {
    let best = -1;
    let length = 0;
    list.forEach((name, i) => {
      if (name.length > length && text.slice(at, at + name.length).toLowerCase() === name.toLowerCase()) {
        best = i;
        length = name.length;
      }
    });
    if (best < 0) return undefined;
    at += length;
    return best;
  };
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === "'" || ch === '"') {
      const close = pattern.indexOf(ch, i + 1);
      if (close === -1) throw new DateParseFormatError(`the quote at position ${i + 1} of the format is not closed`);
      const literal = pattern.slice(i + 1, close);
      if (text.slice(at, at + literal.length) !== literal) return undefined;
      at += literal.length;
      i = close + 1;
      continue;
    }
    if (ch === '\\' || ch === '%') {
      if (ch === '\\') {
        if (text[at] !== pattern[i + 1]) return undefined;
        at++;
      }
      i += ch === '\\' ? 2 : 1;
      continue;
    }
    let run = 1;
    while (pattern[i + run] === ch) run++;
    i += run;
    let value: number | undefined;
    switch (ch) {
      case 'y':
        value = run <= 2 ? digits(run, 2) : digits(run, run);
        if (value !== undefined) f.year = run <= 2 ? twoDigitYear(value) : value;
        break;
      case 'M':
        value = run >= 4 ? word(culture.months) : run === 3 ? word(culture.monthsShort) : digits(run, 2);
        if (value !== undefined) f.month = run >= 3 ? value + 1 : value;
        break;
      case 'd':
        value = run >= 4 ? word(culture.days) : run === 3 ? word(culture.daysShort) : digits(run, 2);
        if (value !== undefined && run <= 2) f.day = value;
        break;
      case 'H':
      case 'h':
        value = digits(run, 2);
        if (value !== undefined) f.hour = value;
        break;
      case 'm':
        value = digits(run, 2);
        if (value !== undefined) f.minute = value;
        break;
      case 's':
        value = digits(run, 2);
        if (value !== undefined) f.second = value;
        break;
      case 'f':
      case 'F': {
        const start = at;
        value = digits(ch === 'F' ? 0 : run, run);
        if (value !== undefined) f.ticks = Number(text.slice(start, at).padEnd(7, '0').slice(0, 7));
        break;
      }
      case 't':
        value = word([culture.am, culture.pm]);
        if (value !== undefined) pm = value === 1;
        break;
      case 'K':
      case 'z': {
        const zone = /^(Z|([+-])(\d{2}):?(\d{2})?)/i.exec(text.slice(at));
        if (zone) {
          at += zone[0].length;
          f.offset = zone[1]!.toUpperCase() === 'Z' ? 0 : (zone[2] === '-' ? -1 : 1) * (Number(zone[3]) * 60 + Number(zone[4] ?? 0));
        }
        value = zone || ch === 'K' ? 0 : undefined;
        break;
      }
      default:
        for (let k = 0; k < run; k++) {
          // A space or separator in the format matches the same character in the text.
          if (text[at] !== ch && !(ch === '/' && text[at] === '/') && !(ch === ':' && text[at] === ':')) return undefined;
          at++;
        }
        value = 0;
    }
    if (value === undefined) return undefined;
  }
  if (at !== text.length) return undefined;
  if (pm !== undefined) f.hour = (f.hour % 12) + (pm ? 12 : 0);
  return toTimestamp(f);
}
