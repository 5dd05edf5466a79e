// Reading numbers written the way a culture writes them, as .NET's Double.Parse,
// Decimal.Parse and Int64.Parse do for float(), decimal(), isFloat() and isInt().
import type { Culture } from './culture.ts';

const escapeRegex = (text: string): string => text.replace(/[-.*+?^${}()|[\]\\]/g, '\\$&');

/** The separator as a regex, with every space-like character standing for a space-like separator (fr-FR writes U+202F). */
function separator(text: string): string {
  return /^\s$/u.test(text) || text === '\u202f' ? '[\\s\u00a0\u202f]' : escapeRegex(text);
}

const cache = new Map<string, RegExp>();

/** Longest text read as a number. */
const MAX_NUMBER_TEXT = 4096;

/**
 * A regex for NumberStyles.Float | AllowThousands | AllowTrailingSign in `culture`: spaces
 * around, a leading or trailing sign, group separators anywhere in the integer part
 * ('12,3,4,5678'), a decimal separator, an exponent (unless `exponent` is false).
 */
function numberRegex(culture: Culture, exponent: boolean): RegExp {
  const key = `${culture.tag}|${culture.decimal}|${culture.group}|${exponent}`;
  let re = cache.get(key);
  if (!re) {
    const sign = `[+\\-${escapeRegex(culture.minus)}\u2212]`;
    const exp = exponent ? '(?:[eE]([+\\-]?\\d+))?' : '()';
    re = new RegExp(`^\\s*(${sign})?\\s*(\\d(?:\\d|${separator(culture.group)})*)?(?:${separator(culture.decimal)}(\\d*))?${exp}\\s*(${sign})?\\s*$`, 'u');
    cache.set(key, re);
  }
  return re;
}

/** The parts of a number in culture text, normalised to JavaScript's form ('-12345.6'); undefined when it is not one. */
export function normaliseNumber(text: string, culture: Culture, exponent = true): string | undefined {
  // No number is this long; the cap keeps a 100 MB body from meeting the regex.
  if (text.length > MAX_NUMBER_TEXT) return undefined;
  const m = numberRegex(culture, exponent).exec(text);
  if (!m) return undefined;
  const [, lead, whole = '', fraction = '', exp = '', trail] = m;
  if (lead && trail) return undefined;
  const digits = whole.replace(/\D/g, '');
  if (digits === '' && fraction === '') return undefined;
  const negative = [lead, trail].some((s) => s !== undefined && s !== '+');
  return `${negative ? '-' : ''}${digits || '0'}${fraction ? `.${fraction}` : ''}${exp ? `e${exp}` : ''}`;
}

/** Parses a floating-point number written in `culture`; undefined when the text is not one. */
export function parseCultureFloat(text: string, culture: Culture): number | undefined {
  const trimmed = text.trim();
  // 'NaN' in any case everywhere; infinity only as the culture writes it ('Infinity' in the
  // invariant culture, in any case; '∞' elsewhere), as Azure's isFloat and float show.
  if (/^nan$/i.test(trimmed)) return NaN;
  const sign = /^[-\u2212]/.test(trimmed) ? -1 : 1;
  const body = trimmed.replace(/^[+\-\u2212]/, '');
  if (body.toLowerCase() === culture.infinity.toLowerCase()) return sign * Infinity;
  const normal = normaliseNumber(text, culture);
  return normal === undefined ? undefined : Number(normal);
}

/**
 * True for an integer written in `culture` within Int64, read as Int64.TryParse does with
 * NumberStyles.Integer | AllowThousands | AllowExponent: spaces, a leading sign, group
 * separators in the digits ('1,000', as int() accepts) and an exponent ('1e3').
 */
export function isCultureInteger(text: string, culture: Culture): boolean {
  if (text.length > MAX_NUMBER_TEXT) return false;
  const m = new RegExp(`^\\s*([+\\-${escapeRegex(culture.minus)}])?(\\d(?:\\d|${separator(culture.group)})*)(?:[eE]\\+?(\\d{1,3}))?\\s*$`, 'u').exec(text);
  if (!m) return false;
  const digits = m[2]!.replace(/\D/g, '') + '0'.repeat(Number(m[3] ?? 0));
  const value = BigInt(`${m[1] && m[1] !== '+' ? '-' : ''}${digits}`);
  return value >= -9223372036854775808n && value <= 9223372036854775807n;
}
