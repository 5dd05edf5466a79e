import type { AccessNode, CallNode, ExpressionNode } from './ast.ts';
import type { ExpressionContext } from './context.ts';
import { ExpressionError } from './errors.ts';
import type { ExpressionErrorCode } from './errors.ts';
import { FloatValue, isFloat, unbox } from './float-value.ts';
import { lookupFunction } from './functions/index.ts';
import type { FunctionCall, FunctionSpec } from './registry.ts';
import type { Segment } from './syntax-error.ts';
import { findKey, isPlainObject, typeName } from './values.ts';

/**
 * Evaluates one parsed expression. Arguments evaluate left to right; the result may be a
 * boxed whole float (see float-value.ts), which callers unbox or format. `seg` is the
 * expression's range in its template, used to quote it in error messages.
 */
export function evaluateNode(node: ExpressionNode, ctx: ExpressionContext, seg: Segment): unknown {
  switch (node.kind) {
    case 'string':
    case 'boolean':
      return node.value;
    case 'null':
      return null;
    case 'number':
      return node.isFloat && Number.isInteger(node.value) ? new FloatValue(node.value) : node.value;
    case 'call':
      return evaluateCall(node, ctx, seg);
    case 'access':
      return evaluateAccess(node, ctx, seg);
  }
}

function fail(code: ExpressionErrorCode, message: string, seg: Segment, start: number, end: number): never {
  throw new ExpressionError(code, message, seg.text, start, end);
}

function source(seg: Segment): string {
  return seg.text.slice(seg.start, seg.end).trim();
}

/**
 * What a function gets besides its arguments. A class, so a call costs one small object
 * (its methods and the message prefix live on the prototype and are built only on use):
 * this runs for every function call of every evaluation.
 */
class Call implements FunctionCall {
  readonly name: string;
  readonly ctx: ExpressionContext;
  private readonly node: CallNode;
  private readonly seg: Segment;

  constructor(spec: FunctionSpec, ctx: ExpressionContext, node: CallNode, seg: Segment) {
    this.name = spec.name;
    this.ctx = ctx;
    this.node = node;
    this.seg = seg;
  }

  get prefix(): string {
    return `The template language function '${this.name}'`;
  }

  fail(code: ExpressionErrorCode, message: string, argIndex?: number): never {
    const at = argIndex === undefined ? this.node : this.node.args[argIndex] ?? this.node;
    return fail(code, message, this.seg, at.start, at.end);
  }
}

/** Each parsed call's function, found once (parsed templates are cached and reused). */
const specs = new WeakMap<CallNode, FunctionSpec>();

function evaluateCall(node: CallNode, ctx: ExpressionContext, seg: Segment): unknown {
  let spec = specs.get(node);
  if (!spec) {
    spec = lookupFunction(node.name);
    // Templates are validated before evaluation; this guards direct callers of evaluateNode.
    if (!spec) return fail('UnknownFunction', `The template language function '${node.name}' is not defined or not valid.`, seg, node.start, node.nameEnd);
    specs.set(node, spec);
  }
  const call = new Call(spec, ctx, node, seg);
  const keepsFloat = spec.keepsFloat === true;
  try {
    let result: unknown;
    if (spec.lazyFn) {
      const evaluateArg = (index: number): unknown => {
        const value = evaluateNode(node.args[index]!, ctx, seg);
        return keepsFloat ? value : unbox(value);
      };
      result = spec.lazyFn(evaluateArg, node.args.length, call);
    } else {
      const args = new Array<unknown>(node.args.length);
      for (let i = 0; i < args.length; i++) {
        const value = evaluateNode(node.args[i]!, ctx, seg);
        args[i] = keepsFloat ? value : unbox(value);
      }
      result = spec.fn(args, call);
    }
    return result === undefined ? null : result;
  } catch (error) {
    if (error instanceof ExpressionError) throw error;
    // Nothing swallowed: a bug in a function still reaches the user with where it happened.
    const reason = error instanceof Error ? error.message : String(error);
    return fail('InternalError', `${call.prefix} failed unexpectedly in '${source(seg)}': ${reason}`, seg, node.start, node.end);
  }
}

function evaluateAccess(node: AccessNode, ctx: ExpressionContext, seg: Segment): unknown {
  const target = unbox(evaluateNode(node.target, ctx, seg));
  const key = unbox(evaluateNode(node.member, ctx, seg));
  // The common case first, without building error helpers: a string key on an object.
  if (typeof key === 'string' && isPlainObject(target)) {
    const value = Object.prototype.hasOwnProperty.call(target, key) ? target[key] : undefined;
    if (value !== undefined) return value;
  }
  const cannot = (code: ExpressionErrorCode, reason: string): never =>
    fail(
      code,
      `The template language expression '${source(seg)}' cannot be evaluated because ${reason}`,
      seg,
      node.member.start,
      node.end,
    );
  const shownKey = typeof key === 'string' ? key : JSON.stringify(key);

  if (typeof key !== 'string' && !(typeof key === 'number' && !isFloat(key))) {
    return cannot('InvalidArgument', `a property name must be a string or an integer index, not a value of type '${typeName(key)}'.`);
  }
  if (target === null || target === undefined) {
    if (node.nullSafe) return null;
    return cannot(
      'PropertySelectionNotSupported',
      `property '${shownKey}' cannot be selected. Property selection is not supported on values of type 'Null'. Use '?' to allow a missing value, as in x?['${shownKey}'].`,
    );
  }
  if (Array.isArray(target)) {
    if (typeof key !== 'number') {
      return cannot(
        'PropertySelectionNotSupported',
        `property '${shownKey}' cannot be selected. Array elements can only be selected using an integer index.`,
      );
    }
    if (key < 0 || key >= target.length) {
      if (node.nullSafe) return null;
      return cannot('IndexOutOfRange', `array index '${key}' is outside bounds (0 - ${target.length - 1}) of array.`);
    }
    const item: unknown = target[key];
    return item === undefined ? null : item;
  }
  if (isPlainObject(target)) {
    const found = findKey(target, String(key));
    if (found === undefined) {
      if (node.nullSafe) return null;
      return cannot(
        'PropertyNotFound',
        `property '${shownKey}' doesn't exist, available properties are '${Object.keys(target).join(', ')}'. If it may be missing, select it with '?', as in ?['${shownKey}'].`,
      );
    }
    const value = target[found];
    return value === undefined ? null : value;
  }
  return cannot(
    'PropertySelectionNotSupported',
    `property '${shownKey}' cannot be selected. Property selection is not supported on values of type '${typeName(target)}'.`,
  );
}
