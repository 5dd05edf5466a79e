import type { FunctionSpec } from '../registry.ts';
import { objectArg, stringArg } from './args.ts';

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
  },
  {
    name: 'setProperty',
    minArgs: 3,
    maxArgs: 3,
    signature: 'setProperty(object, property, value)',
    fn: (args, call) => {
      const obj = objectArg(args, 0, call);
      const property = stringArg(args, 1, call);
      return { ...obj, [property]: args[2] ?? null };
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
      if (Object.prototype.hasOwnProperty.call(obj, property)) {
        return call.fail(
          'InvalidArgument',
          `${call.prefix} cannot add the property '${property}' because the object already has it; use setProperty() to change it.`,
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
      const copy = { ...obj };
      delete copy[property];
      return copy;
    },
  },
];
