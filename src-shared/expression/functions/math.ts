import { DECIMAL_MAX, Decimal, DecimalValue } from '../decimal-value.ts';
import type { DecimalNumber } from '../decimal-value.ts';
import { FloatValue, isFloat, isNumber, makeFloat, numberOf } from '../float-value.ts';
import type { FunctionCall, FunctionSpec } from '../registry.ts';
import { numberArg, wrongType } from './args.ts';

const INT64_LIMIT = 2 ** 63;

type Num = number | FloatValue | DecimalValue;

const scaleOf = (v: Num): number => (v instanceof DecimalValue ? v.scale : 0);

/** The scale .NET gives a result: the larger for + and -, the sum for *, the digits needed for / and %. */
function decimalResult(name: string, a: Num, b: Num, value: DecimalNumber, call: FunctionCall): DecimalValue {
  if (value.abs().greaterThan(DECIMAL_MAX)) {
    return call.fail('Overflow', `${call.prefix} gives ${value.toString()}, outside the range of a decimal (±79,228,162,514,264,337,593,543,950,335); use float() to compute with floats.`);
  }
  if (name === 'add' || name === 'sub') return new DecimalValue(value, Math.max(scaleOf(a), scaleOf(b)));
  if (name === 'mul') return new DecimalValue(value, Math.min(28, scaleOf(a) + scaleOf(b)));
  return new DecimalValue(value);
}

function toDecimal(v: Num): DecimalNumber {
  return v instanceof DecimalValue ? v.value : new Decimal(numberOf(v));
}

/**
 * Integer arithmetic stays integer, anything with a float gives a float (.NET long and
 * double). Integer results past the 64-bit range are an overflow error, as in .NET checked
 * arithmetic; floats may reach Infinity.
 */
function arithmetic(
  name: string,
  signature: string,
  intOp: (a: number, b: number) => number,
  floatOp: (a: number, b: number) => number,
  checkZero: boolean,
  decimalOp: (a: DecimalNumber, b: DecimalNumber) => DecimalNumber,
): FunctionSpec {
  return {
    name,
    minArgs: 2,
    maxArgs: 2,
    signature,
    keepsFloat: true,
    fn: (args, call: FunctionCall) => {
      const a = numberArg(args, 0, call);
      const b = numberArg(args, 1, call);
      if (checkZero && numberOf(b) === 0) {
        return call.fail('DivideByZero', `${call.prefix} cannot divide by zero (its second parameter is 0).`, 1);
      }
      // A decimal on either side keeps the exact decimal digits (decimal()).
      if (a instanceof DecimalValue || b instanceof DecimalValue) return decimalResult(name, a, b, decimalOp(toDecimal(a), toDecimal(b)), call);
      if (isFloat(a) || isFloat(b)) return makeFloat(floatOp(numberOf(a), numberOf(b)));
      const result = intOp(numberOf(a), numberOf(b));
      // 2^63 itself is past Int64 (its largest value rounds to 2^63 as a double).
      if (result >= INT64_LIMIT || result < -INT64_LIMIT) {
        return call.fail(
          'Overflow',
          `${call.prefix} gives ${result}, outside the 64-bit integer range; convert a parameter with float() to compute with floats.`,
        );
      }
      return result;
    },
  };
}

function extreme(name: string, pick: (a: number, b: number) => boolean): FunctionSpec {
  return {
    name,
    minArgs: 1,
    maxArgs: Infinity,
    signature: `${name}(numbersArray) | ${name}(number1, number2, ...)`,
    keepsFloat: true,
    fn: (args, call) => {
      const list: unknown[] = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
      if (list.length === 0) return call.fail('InvalidArgument', `${call.prefix} needs at least one number.`, 0);
      let best: Num | undefined;
      list.forEach((v, i) => {
        if (!isNumber(v)) wrongType(call, args.length === 1 ? 0 : i, 'numbers', v);
        if (best === undefined || pick(numberOf(v), numberOf(best))) best = v;
      });
      return best;
    },
  };
}

/** Argument `i` as an integer (a whole float is refused, as Azure's Int32/Int64 parameters do). */
function integerArgOf(args: unknown[], i: number, call: FunctionCall): number {
  const v = numberArg(args, i, call);
  if (isFloat(v)) return wrongType(call, i, 'an integer', v);
  return numberOf(v);
}

/** Math functions (Microsoft's "Math functions" table). */
export const mathFunctions: readonly FunctionSpec[] = [
  arithmetic('add', 'add(summand1, summand2)', (a, b) => a + b, (a, b) => a + b, false, (a, b) => a.plus(b)),
  arithmetic('sub', 'sub(minuend, subtrahend)', (a, b) => a - b, (a, b) => a - b, false, (a, b) => a.minus(b)),
  arithmetic('mul', 'mul(multiplicand1, multiplicand2)', (a, b) => a * b, (a, b) => a * b, false, (a, b) => a.times(b)),
  // Integer division truncates toward zero, as .NET's long division does.
  arithmetic('div', 'div(dividend, divisor)', (a, b) => Math.trunc(a / b), (a, b) => a / b, true, (a, b) => a.dividedBy(b)),
  // The remainder takes the dividend's sign in both .NET and JavaScript.
  arithmetic('mod', 'mod(dividend, divisor)', (a, b) => a % b, (a, b) => a % b, true, (a, b) => a.modulo(b)),
  extreme('min', (a, b) => a < b),
  extreme('max', (a, b) => a > b),
  {
    name: 'range',
    minArgs: 2,
    maxArgs: 2,
    signature: 'range(startIndex, count)',
    // The reference's limits: a count from 0 to 100,000, and start + count within Int32.
    fn: (args, call) => {
      const start = integerArgOf(args, 0, call);
      const count = integerArgOf(args, 1, call);
      if (count < 0 || count > 100000) {
        return call.fail('InvalidArgument', `${call.prefix} expects a count from 0 to 100,000, not ${count}.`, 1);
      }
      if (start + count > 2147483647) {
        return call.fail('InvalidArgument', `${call.prefix} expects the start (${start}) plus the count (${count}) not to exceed 2,147,483,647.`, 1);
      }
      return Array.from({ length: count }, (_, i) => start + i);
    },
  },
  {
    name: 'rand',
    minArgs: 2,
    maxArgs: 2,
    signature: 'rand(minValue, maxValue)',
    // An integer from minValue (inclusive) to maxValue (exclusive).
    fn: (args, call) => {
      const low = numberArg(args, 0, call);
      const high = numberArg(args, 1, call);
      if (isFloat(low)) return wrongType(call, 0, 'an integer', low);
      if (isFloat(high)) return wrongType(call, 1, 'an integer', high);
      const min = numberOf(low);
      const max = numberOf(high);
      if (max < min) {
        return call.fail('InvalidArgument', `${call.prefix} expects its minimum (${min}) not to exceed its maximum (${max}).`, 1);
      }
      return max === min ? min : min + Math.floor(Math.random() * (max - min));
    },
  },
];
