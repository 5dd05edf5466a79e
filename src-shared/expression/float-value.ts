import { DecimalValue } from './decimal-value.ts';

/**
 * A float whose value happens to be whole (7.0, float('5'), mul(1.5, 2)). Azure runs on
 * .NET, where 7.0 stays a Double and `div(7.0, 2)` is 3.5; a bare JavaScript number 7
 * would look like an integer. Non-whole floats are plain numbers (they can only be
 * floats). The box only travels between functions marked `keepsFloat` in the registry
 * (math and conversions); every other function and every result is unboxed.
 */
export class FloatValue {
  readonly value: number;

  constructor(value: number) {
    this.value = value;
  }
}

/** Wraps a float result so it stays a float even when whole. */
export function makeFloat(n: number): number | FloatValue {
  return Number.isInteger(n) ? new FloatValue(n) : n;
}

/** True for a non-integer: a boxed whole float, a decimal, a non-whole number, NaN or an infinity. */
export function isFloat(v: unknown): boolean {
  return v instanceof FloatValue || v instanceof DecimalValue || (typeof v === 'number' && !Number.isInteger(v));
}

/** True for a number of any kind (integer, float, boxed float, decimal). */
export function isNumber(v: unknown): v is number | FloatValue | DecimalValue {
  return typeof v === 'number' || v instanceof FloatValue || v instanceof DecimalValue;
}

/** The JavaScript number of a number of any kind (a decimal rounds to the nearest double). */
export function numberOf(v: number | FloatValue | DecimalValue): number {
  if (typeof v === 'number') return v;
  return v instanceof FloatValue ? v.value : v.value.toNumber();
}

/** Removes the float or decimal box, giving the plain JSON value. */
export function unbox(v: unknown): unknown {
  if (v instanceof FloatValue) return v.value;
  return v instanceof DecimalValue ? v.value.toNumber() : v;
}
