import type { FunctionSpec } from '../registry.ts';
import { findKey } from '../values.ts';
import { objectArg, stringArg } from './args.ts';

/** A copy of `obj` without `key`, which keeps the other properties' order. */
function without(obj: Record<string, unknown>, key: string | undefined): Record<string, unknown> {
  const copy = { ...obj };
  if (key !== undefined) delete copy[key];
  return copy;
}

/**
 * Manipulation functions (Microsoft's "JSON and XML manipulation" table). They return a
 * new object and never change their argument: the same trigger body may feed several
 * actions.
 */
export const manipulationFunctions: readonly FunctionSpec[] = [
  {
    name: 'coalesce',
    minArgs: 1,
    maxArgs: Infinity,
    signature: 'coalesce(value1, value2, ...)',
    keepsFloat: true,
    fn: (args) => args.find((v) => v !== null && v !== undefined) ?? null,
    // Stops at the first value that is not null, as Azure does: later ones are not evaluated.
    lazyFn: (arg, count) => {
      for (let i = 0; i < count; i++) {
        const v = arg(i);
        if (v !== null && v !== undefined) return v;
      }
      return null;
    },
  },
  {
    name: 'setProperty',
    minArgs: 3,
    maxArgs: 3,
    signature: 'setProperty(object, property, value)',
    // An existing property (matched as property selection does: exact, else ignoring
    // case) keeps its spelling and moves to the end, as Azure's output shows.
    fn: (args, call) => {
      const obj = objectArg(args, 0, call);
      const property = stringArg(args, 1, call);
      const existing = findKey(obj, property);
      return { ...without(obj, existing), [existing ?? property]: args[2] ?? null };
    },
  },
  {
    name: 'addProperty',
    minArgs: 3,
    maxArgs: 3,
    signature: 'addProperty(object, property, value)',
    fn: (args, call) => {
      const obj = objectArg(args, 0, call);
      const property = stringArg(args, 1, call);
      // Property names are compared ignoring case: 'A' exists when 'a' does.
      const existing = findKey(obj, property);
      if (existing !== undefined) {
        return call.fail(
          'InvalidArgument',
          `${call.prefix} expects the property to not exist in the object, but '${existing}' is there already; use setProperty() to change it.`,
          1,
        );
      }
      return { ...obj, [property]: args[2] ?? null };
    },
  },
  {
    name: 'removeProperty',
    minArgs: 2,
    maxArgs: 2,
    signature: 'removeProperty(object, property)',
    fn: (args, call) => {
      const obj = objectArg(args, 0, call);
      const property = stringArg(args, 1, call);
      return without(obj, findKey(obj, property));
    },
  },
];
