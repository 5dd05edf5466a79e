import type { ExpressionContext } from './context.ts';
import type { ExpressionErrorCode } from './errors.ts';

/** What a function implementation gets besides its arguments. */
export interface FunctionCall {
  /** The function's canonical name (as Microsoft spells it), for messages. */
  readonly name: string;
  readonly ctx: ExpressionContext;
  /** "The template language function '<name>'", Azure's opening for function errors. */
  readonly prefix: string;
  /** Throws an ExpressionError with `message`, pointing at argument `argIndex` when given, else at the call. */
  fail(code: ExpressionErrorCode, message: string, argIndex?: number): never;
}

/** One function of the language: arity, implementation and a signature for editors. */
export interface FunctionSpec {
  /** Canonical name; calls match it ignoring case (real files call both appSetting() and appsetting()). */
  name: string;
  minArgs: number;
  /** `Infinity` for functions taking any number of arguments. */
  maxArgs: number;
  /** Arguments arrive evaluated, left to right. */
  fn: (args: unknown[], call: FunctionCall) => unknown;
  /**
   * Short-circuit form (if/and/or): gets a function that evaluates argument i on demand.
   * The evaluator prefers it to `fn`; `fn` stays for callers holding evaluated values.
   */
  lazyFn?: (arg: (index: number) => unknown, count: number, call: FunctionCall) => unknown;
  /** Receives and may return whole floats boxed (see float-value.ts); math and conversions set it. */
  keepsFloat?: boolean;
  /** The first argument names an action or scope (body('X'), outputs('X'), ...): used by referencedActions(). */
  namesAction?: boolean;
  /** Signature shown by editors, e.g. `concat(text1, text2, ...)`. */
  signature: string;
}

/** Functions keyed by lower-case name. */
export type FunctionRegistry = ReadonlyMap<string, FunctionSpec>;

/**
 * Builds a registry from category lists (one file per category under functions/), and
 * refuses a name defined twice so a new category file cannot silently shadow another.
 */
export function createRegistry(...groups: ReadonlyArray<readonly FunctionSpec[]>): FunctionRegistry {
  const map = new Map<string, FunctionSpec>();
  for (const group of groups) {
    for (const spec of group) {
      const key = spec.name.toLowerCase();
      if (map.has(key)) throw new Error(`Expression function '${spec.name}' is defined twice.`);
      map.set(key, spec);
    }
  }
  return map;
}

/** Describes an arity for messages: "1 argument", "2 to 3 arguments", "at least 1 argument". */
export function describeArity(spec: FunctionSpec): string {
  const plural = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;
  if (spec.maxArgs === Infinity) return `at least ${plural(spec.minArgs)}`;
  if (spec.minArgs === spec.maxArgs) return `exactly ${plural(spec.minArgs)}`;
  return `${spec.minArgs} to ${plural(spec.maxArgs)}`;
}
