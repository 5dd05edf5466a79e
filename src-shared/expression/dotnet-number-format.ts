// Formats numbers with .NET numeric format strings, as formatNumber() does on Azure:
// the standard letters (C, D, E, F, G, N, P, R, X with a precision) and custom patterns
// ('#,##0.00', '0.###E+0', '(###) ###-####', sections split by ';'), in a culture whose
// separators and currency come from Intl (see culture.ts).
import type { Culture } from './culture.ts';
import { formatFloat } from './values.ts';

/** Thrown for a format .NET refuses; callers turn it into an ExpressionError. */
export class NumberFormatError extends Error {}

// The currency of a culture's region (ISO 4217), for 'C'. Intl formats a currency but does
// not say which one a region uses; this is the part of CLDR's region data the format needs.
const REGION_CURRENCY: Record<string, string> = {
  US: 'USD', GB: 'GBP', IE: 'EUR', FR: 'EUR', DE: 'EUR', ES: 'EUR', IT: 'EUR', NL: 'EUR', BE: 'EUR', AT: 'EUR', PT: 'EUR',
  FI: 'EUR', GR: 'EUR', LU: 'EUR', SK: 'EUR', SI: 'EUR', EE: 'EUR', LV: 'EUR', LT: 'EUR', MT: 'EUR', CY: 'EUR', HR: 'EUR',
  IS: 'ISK', NO: 'NOK', SE: 'SEK', DK: 'DKK', CH: 'CHF', LI: 'CHF', PL: 'PLN', CZ: 'CZK', HU: 'HUF', RO: 'RON', BG: 'BGN',
  RU: 'RUB', UA: 'UAH', TR: 'TRY', IL: 'ILS', SA: 'SAR', AE: 'AED', EG: 'EGP', ZA: 'ZAR', NG: 'NGN', KE: 'KES', MA: 'MAD',
  IN: 'INR', PK: 'PKR', CN: 'CNY', HK: 'HKD', TW: 'TWD', JP: 'JPY', KR: 'KRW', SG: 'SGD', MY: 'MYR', TH: 'THB', ID: 'IDR',
  PH: 'PHP', VN: 'VND', AU: 'AUD', NZ: 'NZD', CA: 'CAD', MX: 'MXN', BR: 'BRL', AR: 'ARS', CL: 'CLP', CO: 'COP', PE: 'PEN',
};

// Where .NET's currency symbol differs from ICU's (.NET writes Icelandic krónur as 'kr').
const SYMBOL_OVERRIDES: Record<string, string> = { ISK: 'kr' };

// Intl formatters by locale and options: building one costs far more than using it.
const formatters = new Map<string, Intl.NumberFormat>();

function numberFormat(tag: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${tag}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    if (formatters.size > 200) formatters.clear();
    formatter = new Intl.NumberFormat(tag, options);
    formatters.set(key, formatter);
  }
  return formatter;
}

function regionOf(culture: Culture): string {
  try {
    return new Intl.Locale(culture.tag).maximize().region ?? 'US';
  } catch {
    return 'US';
  }
}

const grouped = (digits: string, group: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, group);

/** Fixed-point digits of |n| with `decimals` fraction digits, rounded half away from zero on the exact value. */
function fixed(n: number, decimals: number): { whole: string; fraction: string } {
  const abs = Math.abs(n);
  // toFixed writes 1e21 and above in exponent form; those doubles are whole numbers.
  if (abs >= 1e21 && Number.isFinite(abs)) return { whole: BigInt(abs).toString(), fraction: '0'.repeat(Math.min(decimals, 100)) };
  const text = abs.toFixed(Math.min(decimals, 100));
  const [whole = '0', fraction = ''] = text.split('.');
  return { whole, fraction };
}

function withSign(negative: boolean, text: string, c: Culture): string {
  return negative && /[1-9]/.test(text) ? `${c.minus}${text}` : text;
}

function standard(n: number, letter: string, precision: number | undefined, c: Culture): string {
  const negative = n < 0 || Object.is(n, -0);
  switch (letter.toUpperCase()) {
    case 'C': {
      const currency = REGION_CURRENCY[regionOf(c)] ?? 'USD';
      const digits = precision ?? 2;
      const parts = numberFormat(c.tag, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).formatToParts(n);
      const symbol = SYMBOL_OVERRIDES[currency];
      // .NET's currency patterns put a plain space between the number and the symbol.
      return parts.map((p) => (p.type === 'currency' && symbol ? symbol : p.type === 'literal' ? p.value.replace(/\u00a0/g, ' ') : p.value)).join('');
    }
    case 'D': {
      if (!Number.isInteger(n)) throw new NumberFormatError(`the format '${letter}' is only for integers`);
      return withSign(negative, String(Math.abs(n)).padStart(precision ?? 0, '0'), c);
    }
    case 'E': {
      const [mantissa = '0', exponent = '0'] = Math.abs(n).toExponential(precision ?? 6).split('e');
      const exp = Number(exponent);
      const text = `${mantissa.replace('.', c.decimal)}${letter}${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(3, '0')}`;
      return withSign(negative, text, c);
    }
    case 'F':
    case 'N': {
      const { whole, fraction } = fixed(n, precision ?? 2);
      const integer = letter.toUpperCase() === 'N' ? grouped(whole, c.group) : whole;
      return withSign(negative, fraction ? `${integer}${c.decimal}${fraction}` : integer, c);
    }
    case 'G':
    case 'R': {
      const text = precision && letter.toUpperCase() === 'G' ? formatFloat(Number(Math.abs(n).toPrecision(precision))) : formatFloat(Math.abs(n));
      return withSign(negative, text.replace('.', c.decimal), c);
    }
    case 'P': {
      const digits = precision ?? 2;
      return numberFormat(c.tag, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
    }
    case 'X': {
      if (!Number.isInteger(n)) throw new NumberFormatError(`the format '${letter}' is only for integers`);
      const hex = (n < 0 ? BigInt.asUintN(64, BigInt(n)) : BigInt(n)).toString(16);
      return (letter === 'X' ? hex.toUpperCase() : hex).padStart(precision ?? 0, '0');
    }
    default:
      throw new NumberFormatError(`'${letter}' is not a .NET standard numeric format`);
  }
}

/** One item of a custom pattern: a digit placeholder, the decimal point, or literal text. */
type Item = { kind: '0' | '#' | '.' } | { kind: 'text'; text: string } | { kind: 'exp'; sign: boolean; digits: number; letter: string };

function splitSections(format: string): string[] {
  const sections: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      current += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      current += ch;
    } else if (ch === '\\') {
      current += ch + (format[i + 1] ?? '');
      i++;
    } else if (ch === ';') {
      sections.push(current);
      current = '';
    } else current += ch;
  }
  sections.push(current);
  return sections;
}

interface Section {
  items: Item[];
  grouping: boolean;
  scale: number;
}

function parseSection(pattern: string, c: Culture): Section {
  const items: Item[] = [];
  let grouping = false;
  let scale = 1;
  let seenPoint = false;
  let pendingCommas = 0;
  let seenDigit = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '0' || ch === '#') {
      if (pendingCommas > 0 && seenDigit && !seenPoint) grouping = true;
      pendingCommas = 0;
      seenDigit = true;
      items.push({ kind: ch });
    } else if (ch === '.') {
      if (pendingCommas > 0) scale /= 1000 ** pendingCommas;
      pendingCommas = 0;
      if (!seenPoint) items.push({ kind: '.' });
      seenPoint = true;
    } else if (ch === ',') {
      if (!seenPoint && seenDigit) pendingCommas++;
    } else if (ch === '%' || ch === '‰') {
      scale *= ch === '%' ? 100 : 1000;
      items.push({ kind: 'text', text: ch === '%' ? (numberFormat(c.tag, { style: 'percent' }).formatToParts(1).find((p) => p.type === 'percentSign')?.value ?? '%') : '‰' });
    } else if ((ch === 'E' || ch === 'e') && /^[+-]?0/.test(pattern.slice(i + 1))) {
      const m = /^([+-]?)(0+)/.exec(pattern.slice(i + 1))!;
      items.push({ kind: 'exp', sign: m[1] === '+', digits: m[2]!.length, letter: ch });
      i += m[0].length;
    } else if (ch === "'" || ch === '"') {
      const close = pattern.indexOf(ch, i + 1);
      if (close === -1) throw new NumberFormatError(`the quote at position ${i + 1} of the format is not closed`);
      items.push({ kind: 'text', text: pattern.slice(i + 1, close) });
      i = close;
    } else if (ch === '\\') {
      items.push({ kind: 'text', text: pattern[i + 1] ?? '' });
      i++;
    } else {
      items.push({ kind: 'text', text: ch });
    }
  }
  // Commas right before the point (or at the end of the digits) divide by 1,000 each.
  if (pendingCommas > 0 && !seenPoint) scale /= 1000 ** pendingCommas;
  return { items, grouping, scale };
}

function renderSection(value: number, section: Section, c: Culture, signed: boolean): string {
  const { items, grouping, scale } = section;
  const point = items.findIndex((it) => it.kind === '.');
  const expAt = items.findIndex((it) => it.kind === 'exp');
  const intEnd = point >= 0 ? point : expAt >= 0 ? expAt : items.length;
  const intItems = items.slice(0, intEnd);
  const fracItems = point >= 0 ? items.slice(point + 1, expAt >= 0 ? expAt : items.length) : [];
  const intSlots = intItems.filter((it) => it.kind === '0' || it.kind === '#');
  const fracSlots = fracItems.filter((it) => it.kind === '0' || it.kind === '#');
  let minInt = intSlots.length - intSlots.findIndex((it) => it.kind === '0');
  if (intSlots.findIndex((it) => it.kind === '0') === -1) minInt = 0;
  let lastZero = -1;
  fracSlots.forEach((it, i) => {
    if (it.kind === '0') lastZero = i;
  });
  let n = Math.abs(value * scale);
  let exponent = 0;
  const exp = expAt >= 0 ? (items[expAt] as Extract<Item, { kind: 'exp' }>) : undefined;
  if (exp && n !== 0) {
    exponent = Math.floor(Math.log10(n)) - (Math.max(1, intSlots.length) - 1);
    n /= 10 ** exponent;
    if (Number(n.toFixed(fracSlots.length)) >= 10 ** Math.max(1, intSlots.length)) {
      exponent++;
      n /= 10;
    }
  }
  const { whole, fraction: rawFraction } = fixed(n, fracSlots.length);
  let fraction = rawFraction;
  while (fraction.length > lastZero + 1 && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  let digits = whole === '0' ? '' : whole;
  digits = digits.padStart(minInt, '0');
  const negative = value < 0 && /[1-9]/.test(digits + fraction);
  let intText = '';
  if (grouping) {
    const groupedDigits = grouped(digits, c.group);
    let placed = false;
    for (const it of intItems) {
      if (it.kind === 'text') intText += it.text;
      else if (!placed) {
        intText += groupedDigits;
        placed = true;
      }
    }
  } else {
    // Digits fill the placeholders from the right; the leftmost one takes any extra digits.
    let rest = digits;
    const out: string[] = [];
    const firstSlot = intItems.findIndex((it) => it.kind === '0' || it.kind === '#');
    for (let i = intItems.length - 1; i >= 0; i--) {
      const it = intItems[i]!;
      if (it.kind === 'text') out.unshift(it.text);
      else if (i === firstSlot) {
        out.unshift(rest);
        rest = '';
      } else {
        out.unshift(rest.slice(-1));
        rest = rest.slice(0, -1);
      }
    }
    intText = out.join('');
  }
  let fracText = '';
  let f = 0;
  for (const it of fracItems) {
    if (it.kind === 'text') fracText += it.text;
    else fracText += fraction[f++] ?? '';
  }
  let text = intText + (fraction.length > 0 ? c.decimal + fracText : fracText);
  if (exp) {
    const expText = String(Math.abs(exponent)).padStart(exp.digits, '0');
    text += `${exp.letter}${exponent < 0 ? '-' : exp.sign ? '+' : ''}${expText}`;
    for (const it of items.slice(expAt + 1)) if (it.kind === 'text') text += it.text;
  }
  return negative && signed ? `${c.minus}${text}` : text;
}

/** Formats `n` with the .NET numeric format `format` in `culture`. */
export function formatDotNetNumber(n: number, format: string, culture: Culture): string {
  const letter = /^([a-zA-Z])(\d{0,2})$/.exec(format);
  if (letter) return standard(n, letter[1]!, letter[2] ? Number(letter[2]) : undefined, culture);
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '∞' : `${culture.minus}∞`;
  const sections = splitSections(format).map((s) => parseSection(s, culture));
  const [positive, negativeSection, zeroSection] = sections as [Section, Section | undefined, Section | undefined];
  if (n === 0 && zeroSection) return renderSection(0, zeroSection, culture, false);
  if (n < 0 && negativeSection && negativeSection.items.length > 0) return renderSection(n, negativeSection, culture, false);
  return renderSection(n, positive, culture, true);
}
