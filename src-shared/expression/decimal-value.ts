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

  constructor(value: DecimalNumber) {
    this.value = value;
  }
}
