import { isNumber, numberOf } from './float-value.ts';

/**
 * Orders two values for greater/less: numbers by value, strings ordinally (as .NET's
 * CompareOrdinal), null as '' (docs/expression.md, "Comparisons"). Returns undefined when the two cannot be
 * ordered (different types, booleans, objects, arrays).
 */
export function compareValues(a: unknown, b: unknown): number | undefined {
  if (a === null || a === undefined) a = '';
  if (b === null || b === undefined) b = '';
  if (isNumber(a) && isNumber(b)) {
    const x = numberOf(a);
    const y = numberOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}
