import type { FunctionSpec } from '../registry.ts';
import { deepEquals, findKey, isPlainObject } from '../values.ts';
import { wrongType } from './args.ts';

/** Collection functions (Microsoft's "Collection functions" table). */
export const collectionFunctions: readonly FunctionSpec[] = [
  {
    name: 'length',
    minArgs: 1,
    maxArgs: 1,
    signature: 'length(textOrArray)',
    // UTF-16 code units, as .NET's String.Length counts.
    fn: (args, call) => {
      const v = args[0];
      if (typeof v === 'string' || Array.isArray(v)) return v.length;
      return wrongType(call, 0, 'a string or an array', v);
    },
  },
  {
    name: 'empty',
    minArgs: 1,
    maxArgs: 1,
    signature: 'empty(value)',
    fn: (args, call) => {
      const v = args[0];
      if (v === null || v === undefined) return true;
      if (typeof v === 'string' || Array.isArray(v)) return v.length === 0;
      if (isPlainObject(v)) return Object.keys(v).length === 0;
      return wrongType(call, 0, 'a string, an array, an object or null', v);
    },
  },
  {
    name: 'first',
    minArgs: 1,
    maxArgs: 1,
    signature: 'first(textOrArray)',
    // An empty array gives null (a Query that matched nothing, then first(): a common
    // pattern); null itself is refused, as on Azure.
    fn: (args, call) => {
      const v = args[0];
      if (Array.isArray(v)) return v.length > 0 ? v[0] : null;
      if (typeof v === 'string') return v.length > 0 ? v[0] : '';
      return wrongType(call, 0, 'a string or an array', v);
    },
  },
  {
    name: 'last',
    minArgs: 1,
    maxArgs: 1,
    signature: 'last(textOrArray)',
    fn: (args, call) => {
      const v = args[0];
      if (Array.isArray(v)) return v.length > 0 ? v[v.length - 1] : null;
      if (typeof v === 'string') return v.length > 0 ? v[v.length - 1] : '';
      return wrongType(call, 0, 'a string or an array', v);
    },
  },
  {
    name: 'contains',
    minArgs: 2,
    maxArgs: 2,
    signature: 'contains(collection, value)',
    // A string holds a substring (case-sensitive); an array an equal item (deep); an object a key.
    fn: (args, call) => {
      const [collection, value] = args;
      if (typeof collection === 'string') {
        if (typeof value !== 'string') return wrongType(call, 1, 'a string when the collection is a string', value);
        return collection.includes(value);
      }
      if (Array.isArray(collection)) return collection.some((item) => deepEquals(item, value));
      if (isPlainObject(collection)) {
        if (typeof value !== 'string') return wrongType(call, 1, 'a string (a key) when the collection is an object', value);
        return findKey(collection, value) !== undefined;
      }
      return wrongType(call, 0, 'a string, an array or an object', collection);
    },
  },
  {
    name: 'createArray',
    minArgs: 1,
    maxArgs: Infinity,
    signature: 'createArray(value1, value2, ...)',
    fn: (args) => args.map((v) => (v === undefined ? null : v)),
  },
];
