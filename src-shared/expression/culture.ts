// Culture data (.NET CultureInfo's role) for the locale arguments of formatDateTime,
// parseDateTime, formatNumber, float, isFloat and isInt. Names, separators and date
// patterns come from the platform's Intl (ICU's CLDR data, in Node and in Chromium), so
// no locale tables ship with Triggerbench; see docs/expression.md.

/** What the expression functions need to know about a locale. */
export interface Culture {
  /** The name as given ('' for the invariant culture). */
  name: string;
  /** The BCP 47 tag handed to Intl. */
  tag: string;
  decimal: string;
  group: string;
  minus: string;
  months: string[];
  monthsShort: string[];
  days: string[];
  daysShort: string[];
  am: string;
  pm: string;
  /** How infinity is written: 'Infinity' in the invariant culture, '∞' in the others (ICU's, and .NET's since 5). */
  infinity: string;
  /** What '/' and ':' stand for in a custom date format (de-DE writes 31.01.2016). */
  dateSeparator: string;
  timeSeparator: string;
  /** .NET standard date patterns: d, D, t, T, M (month-day), Y (year-month). */
  patterns: { d: string; D: string; t: string; T: string; M: string; Y: string };
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const EN_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** .NET's invariant culture: English names, fixed patterns, '.' and ','. */
export const INVARIANT: Culture = {
  name: '',
  tag: 'en-US',
  decimal: '.',
  group: ',',
  minus: '-',
  months: EN_MONTHS,
  monthsShort: EN_MONTHS.map((m) => m.slice(0, 3)),
  days: EN_DAYS,
  daysShort: EN_DAYS.map((d) => d.slice(0, 3)),
  am: 'AM',
  pm: 'PM',
  infinity: 'Infinity',
  dateSeparator: '/',
  timeSeparator: ':',
  patterns: { d: 'MM/dd/yyyy', D: 'dddd, dd MMMM yyyy', t: 'HH:mm', T: 'HH:mm:ss', M: 'MMMM dd', Y: 'yyyy MMMM' },
};

/** en-US, the culture Azure uses when no locale is given. */
export const EN_US: Culture = {
  ...INVARIANT,
  name: 'en-US',
  infinity: '∞',
  patterns: { d: 'M/d/yyyy', D: 'dddd, MMMM d, yyyy', t: 'h:mm tt', T: 'h:mm:ss tt', M: 'MMMM d', Y: 'MMMM yyyy' },
};

/** The culture float() reads text in when no locale is given: en-US's separators and infinity ('∞'). */
export const FLOAT_DEFAULT: Culture = { ...EN_US, infinity: '∞' };

const cache = new Map<string, Culture | undefined>();

// A date whose parts are all different and unambiguous: Sunday 2016-01-31 13:05:09 UTC.
const SAMPLE = new Date(Date.UTC(2016, 0, 31, 13, 5, 9));

/** Turns Intl's parts for SAMPLE into a .NET custom pattern ('31' -> 'dd', 'janvier' -> 'MMMM'). */
function toPattern(parts: Array<{ type: string; value: string }>, c: Omit<Culture, 'patterns'>): string {
  return parts
    .map(({ type, value }) => {
      switch (type) {
        case 'year':
          return value.length === 2 ? 'yy' : 'yyyy';
        case 'month':
          if (/^\d+$/.test(value)) return value.length === 2 ? 'MM' : 'M';
          return value === c.months[0] ? 'MMMM' : 'MMM';
        case 'day':
          return value.length === 2 && value.startsWith('0') ? 'dd' : 'd';
        case 'weekday':
          return value === c.days[0] ? 'dddd' : 'ddd';
        case 'hour':
          return value === '13' ? 'HH' : value === '01' ? 'hh' : 'h';
        case 'minute':
          return 'mm';
        case 'second':
          return 'ss';
        case 'dayPeriod':
          return 'tt';
        default:
          return value.replace(/[\\'"dfFghHKmMstyz:/%]/g, (ch) => `\\${ch}`);
      }
    })
    .join('');
}

/** The first literal between two numeric parts of a date or time the locale writes (its separator). */
function separatorOf(tag: string, options: Intl.DateTimeFormatOptions, fallback: string): string {
  const parts = new Intl.DateTimeFormat(tag, { ...options, timeZone: 'UTC' }).formatToParts(SAMPLE);
  const at = parts.findIndex((p, i) => p.type === 'literal' && i > 0 && i < parts.length - 1);
  return at > 0 ? parts[at]!.value.trim() || fallback : fallback;
}

function build(name: string, tag: string): Culture {
  const names = (options: Intl.DateTimeFormatOptions, count: number, at: (i: number) => Date): string[] => {
    const format = new Intl.DateTimeFormat(tag, { ...options, timeZone: 'UTC' });
    return Array.from({ length: count }, (_, i) => format.format(at(i)));
  };
  const month = (i: number): Date => new Date(Date.UTC(2016, i, 15));
  // 2016-01-31 was a Sunday, so day i of the week is 2016-01-31 + i days.
  const day = (i: number): Date => new Date(Date.UTC(2016, 0, 31 + i));
  const numberParts = new Intl.NumberFormat(tag).formatToParts(-12345.6);
  const part = (type: string, fallback: string): string => numberParts.find((p) => p.type === type)?.value ?? fallback;
  const periods = new Intl.DateTimeFormat(tag, { hour: 'numeric', hour12: true, timeZone: 'UTC' });
  const period = (hour: number): string =>
    periods.formatToParts(new Date(Date.UTC(2016, 0, 1, hour))).find((p) => p.type === 'dayPeriod')?.value ?? (hour < 12 ? 'AM' : 'PM');
  const base = {
    name,
    tag,
    decimal: part('decimal', '.'),
    group: part('group', ','),
    minus: part('minusSign', '-'),
    months: names({ month: 'long' }, 12, month),
    monthsShort: names({ month: 'short' }, 12, month),
    days: names({ weekday: 'long' }, 7, day),
    daysShort: names({ weekday: 'short' }, 7, day),
    am: period(9),
    pm: period(15),
    infinity: new Intl.NumberFormat(tag).format(Infinity),
    dateSeparator: separatorOf(tag, { year: 'numeric', month: '2-digit', day: '2-digit' }, '/'),
    timeSeparator: separatorOf(tag, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, ':'),
  };
  const pattern = (options: Intl.DateTimeFormatOptions): string =>
    toPattern(new Intl.DateTimeFormat(tag, { ...options, timeZone: 'UTC' }).formatToParts(SAMPLE), base);
  return {
    ...base,
    patterns: {
      d: pattern({ year: 'numeric', month: '2-digit', day: '2-digit' }),
      D: pattern({ dateStyle: 'full' }),
      t: pattern({ timeStyle: 'short' }),
      T: pattern({ timeStyle: 'medium' }),
      M: pattern({ month: 'long', day: 'numeric' }),
      Y: pattern({ month: 'long', year: 'numeric' }),
    },
  };
}

/**
 * The culture called `name` (RFC 4646, any case: 'fr-fr', 'de-DE'), INVARIANT for '', or
 * undefined when the name is malformed or no locale data exists for it.
 */
export function resolveCulture(name: string): Culture | undefined {
  if (name === '') return INVARIANT;
  const key = name.toLowerCase();
  if (cache.has(key)) return cache.get(key);
  let culture: Culture | undefined;
  try {
    const [tag] = Intl.getCanonicalLocales(name);
    const supported = tag ? Intl.DateTimeFormat.supportedLocalesOf([tag]) : [];
    if (tag && supported.length > 0) culture = key === 'en-us' ? EN_US : build(name, tag);
  } catch {
    culture = undefined;
  }
  if (cache.size > 200) cache.clear();
  cache.set(key, culture);
  return culture;
}
