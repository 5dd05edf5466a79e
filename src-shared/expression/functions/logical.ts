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

/**
 * Logical comparison functions. Decision (docs/expression.md): like every function,
 * `if`, `and` and `or` receive all their arguments evaluated, left to right.
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
  },
  {
    name: 'or',
    minArgs: 1,
    maxArgs: Infinity,
    signature: 'or(boolean1, boolean2, ...)',
    fn: (args, call) => args.map((_, i) => booleanArg(args, i, call)).some(Boolean),
  },
  {
    name: 'if',
    minArgs: 3,
    maxArgs: 3,
    signature: 'if(condition, valueIfTrue, valueIfFalse)',
    keepsFloat: true,
    fn: (args, call) => (booleanArg(args, 0, call) ? args[1] : args[2]),
  },
  ordering('greater', (o) => o > 0),
  ordering('greaterOrEquals', (o) => o >= 0),
  ordering('less', (o) => o < 0),
  ordering('lessOrEquals', (o) => o <= 0),
];
