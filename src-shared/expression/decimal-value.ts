import { Decimal as DecimalJs } from 'decimal.js';

/**
 * .NET's decimal arithmetic (28-29 significant digits, banker's rounding), from decimal.js:
 * a well-kept arbitrary-precision library, so decimal() keeps the digits a double loses.
 */
export const Decimal = DecimalJs.clone({ precision: 29, rounding: DecimalJs.ROUND_HALF_EVEN, toExpNeg: -29, toExpPos: 29 });

/** A Decimal instance of the configured class. */
export type DecimalNumber = InstanceType<typeof Decimal>;

/**
 * A value made by decimal(): it travels boxed between functions marked `keepsFloat`
 * (math, string(), comparisons), so string(add(decimal(a), decimal(b))) keeps every
 * digit; anywhere else it becomes a plain (double) number, as the reference describes.
 */
export class DecimalValue {
  readonly value: DecimalNumber;
  /** Digits after the point that .NET keeps and writes (decimal('5.0') is 5.0, not 5). */
  readonly scale: number;

  constructor(value: DecimalNumber, scale = value.decimalPlaces()) {
    this.value = value;
    this.scale = Math.max(scale, value.decimalPlaces());
  }

  /** The decimal as .NET's decimal.ToString() writes it: every digit, trailing zeros of its scale kept. */
  toString(): string {
    return this.value.toFixed(this.scale);
  }
}

/** A DecimalValue of `value`, with at least `scale` digits after the point. */
export function decimalOf(value: DecimalNumber, scale = 0): DecimalValue {
  return new DecimalValue(value, scale);
}

/** .NET decimal's largest magnitude (2^96 - 1). */
export const DECIMAL_MAX = new Decimal('79228162514264337593543950335');
