import { FloatValue, isFloat, isNumber, makeFloat, numberOf } from '../float-value.ts';
import type { FunctionCall, FunctionSpec } from '../registry.ts';
import { numberArg, wrongType } from './args.ts';

const INT64_LIMIT = 9223372036854775807;

type Num = number | FloatValue;

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
      if (isFloat(a) || isFloat(b)) return makeFloat(floatOp(numberOf(a), numberOf(b)));
      const result = intOp(numberOf(a), numberOf(b));
      if (Math.abs(result) > INT64_LIMIT) {
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

/** Math functions (Microsoft's "Math functions" table). */
export const mathFunctions: readonly FunctionSpec[] = [
  arithmetic('add', 'add(summand1, summand2)', (a, b) => a + b, (a, b) => a + b, false),
  arithmetic('sub', 'sub(minuend, subtrahend)', (a, b) => a - b, (a, b) => a - b, false),
  arithmetic('mul', 'mul(multiplicand1, multiplicand2)', (a, b) => a * b, (a, b) => a * b, false),
  // Integer division truncates toward zero, as .NET's long division does.
  arithmetic('div', 'div(dividend, divisor)', (a, b) => Math.trunc(a / b), (a, b) => a / b, true),
  // The remainder takes the dividend's sign in both .NET and JavaScript.
  arithmetic('mod', 'mod(dividend, divisor)', (a, b) => a % b, (a, b) => a % b, true),
  extreme('min', (a, b) => a < b),
  extreme('max', (a, b) => a > b),
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
