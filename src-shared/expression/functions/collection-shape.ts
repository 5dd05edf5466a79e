import { isNumber, numberOf } from '../float-value.ts';
import type { FunctionCall, FunctionSpec } from '../registry.ts';
import { deepEquals, findKey, isPlainObject, toText, typeName } from '../values.ts';
import { integerArg, stringArg, wrongType } from './args.ts';
import { checkLength } from './string.ts';

/** Argument `i` as an array, or a clear error (null too, as on Azure). */
function arrayArg(args: unknown[], i: number, call: FunctionCall): unknown[] {
  const v = args[i];
  if (!Array.isArray(v)) return wrongType(call, i, 'an array', v);
  return v;
}

function countArg(args: unknown[], i: number, call: FunctionCall): number {
  const n = integerArg(args, i, call);
  if (n < 0) return call.fail('InvalidArgument', `${call.prefix} expects a count of 0 or more, not ${n}.`, i);
  return n;
}

/** A sort key's rank so mixed kinds fail clearly instead of sorting by accident. */
function sortKind(v: unknown): 'number' | 'string' | 'boolean' | 'null' | undefined {
  if (v === null || v === undefined) return 'null';
  if (isNumber(v)) return 'number';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  return undefined;
}

function compareKeys(a: unknown, b: unknown): number {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  if (isNumber(a) && isNumber(b)) return numberOf(a) - numberOf(b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Arrays or objects, all of one kind, for union() and intersection(). */
function collections(args: unknown[], call: FunctionCall): { arrays?: unknown[][]; objects?: Array<Record<string, unknown>> } {
  if (args.every((v) => Array.isArray(v))) return { arrays: args as unknown[][] };
  if (args.every((v) => isPlainObject(v))) return { objects: args as Array<Record<string, unknown>> };
  const bad = args.findIndex((v) => !Array.isArray(v) && !isPlainObject(v));
  if (bad >= 0) return wrongType(call, bad, 'an array or an object', args[bad]);
  return call.fail(
    'InvalidArgument',
    `${call.prefix} expects all its parameters to be arrays or all to be objects, but got ${args.map(typeName).join(', ')}.`,
  );
}

function distinct(items: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const item of items) if (!out.some((seen) => deepEquals(seen, item))) out.push(item);
  return out;
}

/** Collection functions that cut, order and combine arrays (Microsoft's "Collection functions" table). */
export const collectionShapeFunctions: readonly FunctionSpec[] = [
  {
    name: 'chunk',
    minArgs: 2,
    maxArgs: 2,
    signature: 'chunk(collection, length)',
    fn: (args, call) => {
      const v = args[0];
      const size = integerArg(args, 1, call);
      if (size < 1) return call.fail('InvalidArgument', `${call.prefix} expects a chunk length of 1 or more, not ${size}.`, 1);
      if (typeof v !== 'string' && !Array.isArray(v)) return wrongType(call, 0, 'a string or an array', v);
      const out: unknown[] = [];
      for (let i = 0; i < v.length; i += size) out.push(v.slice(i, i + size));
      return out;
    },
  },
  {
    name: 'join',
    minArgs: 2,
    maxArgs: 2,
    signature: 'join(array, delimiter)',
    // Items are written as string() writes them (null as '', booleans 'True').
    fn: (args, call) => checkLength(arrayArg(args, 0, call).map(toText).join(stringArg(args, 1, call)), call),
  },
  {
    name: 'reverse',
    minArgs: 1,
    maxArgs: 1,
    signature: 'reverse(array)',
    fn: (args, call) => [...arrayArg(args, 0, call)].reverse(),
  },
  {
    name: 'skip',
    minArgs: 2,
    maxArgs: 2,
    signature: 'skip(collection, count)',
    fn: (args, call) => {
      const v = args[0];
      const n = countArg(args, 1, call);
      if (typeof v === 'string') return v.slice(n);
      return arrayArg(args, 0, call).slice(n);
    },
  },
  {
    name: 'take',
    minArgs: 2,
    maxArgs: 2,
    signature: 'take(collection, count)',
    fn: (args, call) => {
      const v = args[0];
      const n = countArg(args, 1, call);
      if (typeof v === 'string') return v.slice(0, n);
      return arrayArg(args, 0, call).slice(0, n);
    },
  },
  {
    name: 'sort',
    minArgs: 1,
    maxArgs: 2,
    signature: 'sort(array, sortBy?)',
    // Stable; numbers by value, strings ordinally; objects by the property named sortBy.
    fn: (args, call) => {
      const items = arrayArg(args, 0, call);
      const by = args.length > 1 ? stringArg(args, 1, call) : undefined;
      const keyOf = (item: unknown, index: number): unknown => {
        if (by === undefined) return item;
        if (!isPlainObject(item)) {
          return call.fail('InvalidArgument', `${call.prefix} can sort by '${by}' only objects, but item ${index} is of type '${typeName(item)}'.`, 0);
        }
        const key = findKey(item, by);
        return key === undefined ? null : item[key];
      };
      const keyed = items.map((item, index) => ({ item, key: keyOf(item, index) }));
      const kinds = new Set(keyed.map(({ key }) => sortKind(key)).filter((k) => k !== 'null'));
      if (kinds.has(undefined) || kinds.size > 1) {
        const shown = by === undefined ? 'its items' : `the values of '${by}'`;
        return call.fail(
          'InvalidArgument',
          `${call.prefix} can sort only numbers, strings or booleans of one kind, but ${shown} are of types ${[...new Set(keyed.map(({ key }) => typeName(key)))].join(', ')}.`,
          0,
        );
      }
      return keyed.sort((a, b) => compareKeys(a.key, b.key)).map(({ item }) => item);
    },
  },
  {
    name: 'union',
    minArgs: 2,
    maxArgs: Infinity,
    signature: 'union(collection1, collection2, ...)',
    // Arrays: every item once, in first-seen order. Objects: every property, the last value winning.
    fn: (args, call) => {
      const { arrays, objects } = collections(args, call);
      if (arrays) return distinct(arrays.flat());
      return Object.assign({}, ...objects!);
    },
  },
  {
    name: 'intersection',
    minArgs: 2,
    maxArgs: Infinity,
    signature: 'intersection(collection1, collection2, ...)',
    // Arrays: the first array's items found in every other, once. Objects: the properties
    // every object has with an equal value.
    fn: (args, call) => {
      const { arrays, objects } = collections(args, call);
      if (arrays) {
        const [first, ...rest] = arrays;
        return distinct(first!.filter((item) => rest.every((other) => other.some((x) => deepEquals(x, item)))));
      }
      const [first, ...rest] = objects!;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(first!)) {
        if (rest.every((o) => Object.prototype.hasOwnProperty.call(o, key) && deepEquals(o[key], first![key]))) out[key] = first![key];
      }
      return out;
    },
  },
];
