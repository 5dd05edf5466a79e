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

/** True for a float: a boxed whole float, a non-whole number, NaN or an infinity. */
export function isFloat(v: unknown): boolean {
  return v instanceof FloatValue || (typeof v === 'number' && !Number.isInteger(v));
}

/** True for a number of either kind. */
export function isNumber(v: unknown): v is number | FloatValue {
  return typeof v === 'number' || v instanceof FloatValue;
}

/** The JavaScript number of a number of either kind. */
export function numberOf(v: number | FloatValue): number {
  return typeof v === 'number' ? v : v.value;
}

/** Removes the float box, giving the plain JSON value. */
export function unbox(v: unknown): unknown {
  return v instanceof FloatValue ? v.value : v;
}
