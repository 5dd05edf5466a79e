import type { DecimalValue } from '../decimal-value.ts';
import { FloatValue, isNumber } from '../float-value.ts';
import type { FunctionCall } from '../registry.ts';
import { isPlainObject, typeName } from '../values.ts';

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/** "first parameter", "second parameter", ... for messages. */
export function nth(i: number): string {
  return `${ORDINALS[i] ?? `${i + 1}th`} parameter`;
}

/** Fails with Azure's "expects its <n>th parameter to be <what>" wording. */
export function wrongType(call: FunctionCall, i: number, what: string, value: unknown): never {
  return call.fail(
    'InvalidArgument',
    `${call.prefix} expects its ${nth(i)} to be ${what}, but the provided value is of type '${typeName(value)}'.`,
    i,
  );
}

/** Argument `i` as a string, or a clear InvalidArgument error. */
export function stringArg(args: unknown[], i: number, call: FunctionCall): string {
  const v = args[i];
  // Azure's words for one type: "to be of type string".
  if (typeof v !== 'string') wrongType(call, i, 'of type string', v);
  return v;
}

/** Argument `i` as a number of either kind, or a clear InvalidArgument error. */
export function numberArg(args: unknown[], i: number, call: FunctionCall): number | FloatValue | DecimalValue {
  const v = args[i];
  if (!isNumber(v)) wrongType(call, i, 'an integer or a float', v);
  return v;
}

/** Argument `i` as an integer (a whole float is not accepted), or a clear InvalidArgument error. */
export function integerArg(args: unknown[], i: number, call: FunctionCall): number {
  const v = args[i];
  if (typeof v !== 'number' || !Number.isInteger(v)) wrongType(call, i, 'an integer', v);
  return v;
}

/** Argument `i` as a boolean, or a clear InvalidArgument error. */
export function booleanArg(args: unknown[], i: number, call: FunctionCall): boolean {
  const v = args[i];
  if (typeof v !== 'boolean') wrongType(call, i, 'a boolean', v);
  return v;
}

/** Argument `i` as a JSON object, or a clear InvalidArgument error. */
export function objectArg(args: unknown[], i: number, call: FunctionCall): Record<string, unknown> {
  const v = args[i];
  if (!isPlainObject(v)) wrongType(call, i, 'of type object', v);
  return v;
}

/** Shortens a value quoted in a message so a 100 MB body does not end up in an error. */
export function quote(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
