import { decodeContent, isContentEnvelope } from './content.ts';
import { DecimalValue } from './decimal-value.ts';
import { FloatValue, isFloat } from './float-value.ts';

/** A plain JSON object (not null, not an array). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof FloatValue) && !(v instanceof DecimalValue);
}

/** The .NET/JSON type name Azure uses in its messages ('Null', 'Integer', 'Float', 'String', 'Boolean', 'Array', 'Object'). */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'Null';
  if (typeof v === 'boolean') return 'Boolean';
  if (typeof v === 'string') return 'String';
  if (v instanceof DecimalValue) return 'Decimal';
  if (typeof v === 'number' || v instanceof FloatValue) return isFloat(v) ? 'Float' : 'Integer';
  if (Array.isArray(v)) return 'Array';
  return 'Object';
}

/**
 * Looks a property up the Logic Apps way: an exact match first, then the first key that
 * matches ignoring case (Azure property selection is case-insensitive).
 */
export function findKey(obj: Record<string, unknown>, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(obj, name)) return name;
  const lower = name.toLowerCase();
  for (const key of Object.keys(obj)) if (key.toLowerCase() === lower) return key;
  return undefined;
}

/**
 * Formats a float as .NET's Double.ToString() does: shortest round-trip digits, whole
 * values without '.0', and scientific notation with an upper-case 'E' and at least two
 * exponent digits below 0.0001 (1E-05) and from 1E+15.
 */
export function formatFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs >= 1e-4 && abs < 1e15) {
    const plain = String(n);
    if (!plain.includes('e')) return plain;
    return n.toFixed(20).replace(/\.?0+$/, '');
  }
  const [mantissa, exponent] = n.toExponential().split('e') as [string, string];
  const sign = exponent.startsWith('-') ? '-' : '+';
  const digits = exponent.replace(/^[+-]/, '').padStart(2, '0');
  return `${mantissa}E${sign}${digits}`;
}

/**
 * Converts a value to text the way `string()` and `@{...}` do on Azure: strings as they
 * are, null as '', booleans as 'True'/'False' (.NET), numbers in .NET format, objects and
 * arrays as compact JSON, and a binary body `{ "$content-type", "$content" }` decoded
 * from base64 as UTF-8 (implicit conversion).
 */
export function toText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v instanceof FloatValue) return formatFloat(v.value);
  // Every digit a decimal holds, as .NET's decimal.ToString() writes it.
  if (v instanceof DecimalValue) return v.toString();
  // Integers past 2^53 are written digit for digit (String() would round to '...6000').
  if (typeof v === 'number') return Number.isInteger(v) ? (Math.abs(v) > Number.MAX_SAFE_INTEGER ? BigInt(v).toString() : String(v)) : formatFloat(v);
  if (isContentEnvelope(v)) return decodeContent(v);
  return JSON.stringify(v);
}

/**
 * Deep equality for `equals()`: numbers by value (1 equals 1.0), strings ordinally,
 * arrays element by element, objects by the same keys (any order) with equal values.
 * A boolean also equals its .NET text ('True'/'False'), as Azure compares it.
 */
export function deepEquals(a: unknown, b: unknown): boolean {
  if (a instanceof DecimalValue && b instanceof DecimalValue) return a.value.equals(b.value);
  a = a instanceof FloatValue ? a.value : a instanceof DecimalValue ? a.value.toNumber() : a;
  b = b instanceof FloatValue ? b.value : b instanceof DecimalValue ? b.value.toNumber() : b;
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return true;
  if (typeof a === 'boolean' && typeof b === 'string') return b === (a ? 'True' : 'False');
  // The reference's equals(true, 1) is true: a boolean equals the number 1 or 0.
  if (typeof a === 'boolean' && typeof b === 'number') return b === (a ? 1 : 0);
  if (typeof b === 'boolean' && typeof a === 'number') return a === (b ? 1 : 0);
  if (typeof b === 'boolean' && typeof a === 'string') return a === (b ? 'True' : 'False');
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEquals(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEquals(a[k], b[k]));
  }
  return false;
}
