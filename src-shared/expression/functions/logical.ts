import { compareValues } from '../compare.ts';
import type { FunctionCall, FunctionSpec } from '../registry.ts';
import { deepEquals, typeName } from '../values.ts';
import { booleanArg } from './args.ts';

function ordering(name: string, test: (order: number) => boolean): FunctionSpec {
  return {
    name,
    minArgs: 2,
    maxArgs: 2,
    signature: `${name}(value, compareTo)`,
    keepsFloat: true,
    fn: (args, call: FunctionCall) => {
      const order = compareValues(args[0], args[1]);
      if (order === undefined) {
        return call.fail(
          'InvalidArgument',
          `${call.prefix} expects two numbers or two strings (null counts as ''), but got values of type '${typeName(args[0])}' and '${typeName(args[1])}'.`,
        );
      }
      return test(order);
    },
  };
}

/** Evaluates boolean arguments left to right until `stop` is met (and: false, or: true). */
function shortCircuit(arg: (index: number) => unknown, count: number, call: FunctionCall, stop: boolean): boolean {
  const values: unknown[] = [];
  for (let i = 0; i < count; i++) {
    values[i] = arg(i);
    if (booleanArg(values, i, call) === stop) return stop;
  }
  return !stop;
}

/**
 * Logical comparison functions. Decision (docs/expression.md): `if`, `and` and `or`
 * short-circuit, as current Azure does, so
 * `if(empty(x), null, x['a'])` works; every other function gets all its arguments.
 */
export const logicalFunctions: readonly FunctionSpec[] = [
  {
    name: 'equals',
    minArgs: 2,
    maxArgs: 2,
    signature: 'equals(value1, value2)',
    keepsFloat: true,
    fn: (args) => deepEquals(args[0], args[1]),
  },
  {
    name: 'not',
    minArgs: 1,
    maxArgs: 1,
    signature: 'not(boolean)',
    fn: (args, call) => !booleanArg(args, 0, call),
  },
  {
    name: 'and',
    minArgs: 1,
    maxArgs: Infinity,
    signature: 'and(boolean1, boolean2, ...)',
    fn: (args, call) => args.map((_, i) => booleanArg(args, i, call)).every(Boolean),
    lazyFn: (arg, count, call) => shortCircuit(arg, count, call, false),
  },
  {
    name: 'or',
    minArgs: 1,
    maxArgs: Infinity,
    signature: 'or(boolean1, boolean2, ...)',
    fn: (args, call) => args.map((_, i) => booleanArg(args, i, call)).some(Boolean),
    lazyFn: (arg, count, call) => shortCircuit(arg, count, call, true),
  },
  {
    name: 'if',
    minArgs: 3,
    maxArgs: 3,
    signature: 'if(condition, valueIfTrue, valueIfFalse)',
    keepsFloat: true,
    fn: (args, call) => (booleanArg(args, 0, call) ? args[1] : args[2]),
    lazyFn: (arg, _count, call) => (booleanArg([arg(0)], 0, call) ? arg(1) : arg(2)),
  },
  ordering('greater', (o) => o > 0),
  ordering('greaterOrEquals', (o) => o >= 0),
  ordering('less', (o) => o < 0),
  ordering('lessOrEquals', (o) => o <= 0),
];
