import { CodedError } from '../../src-shared/coded-error.ts';
import { lookupFunction, type FunctionCall } from '../../src-shared/expression/index.ts';

/** A condition the designer writes as JSON, or an expression that must give a boolean. */
export class ConditionError extends CodedError<'InvalidCondition'> {
  constructor(message: string) {
    super('InvalidCondition', message);
  }
}

/**
 * Evaluates an If/Until `expression`: either an expression string (`@equals(...)`) or
 * the designer's object form `{ "and": [ { "equals": ["@x", "y"] } ] }`, where every key
 * but and/or/not names a comparison function called with its evaluated arguments.
 */
export function evaluateCondition(condition: unknown, evaluate: (value: unknown) => unknown): boolean {
  if (typeof condition === 'string' || typeof condition === 'boolean') {
    const value = typeof condition === 'string' ? evaluate(condition) : condition;
    if (typeof value !== 'boolean') throw new ConditionError(`The condition '${String(condition)}' gave ${JSON.stringify(value)}, not true or false.`);
    return value;
  }
  if (!condition || typeof condition !== 'object' || Array.isArray(condition)) throw new ConditionError(`A condition must be an expression or an object such as {"equals": [a, b]}; got ${JSON.stringify(condition)}.`);
  const entries = Object.entries(condition);
  if (entries.length !== 1) throw new ConditionError(`A condition object must have exactly one operator; got ${entries.map(([k]) => k).join(', ') || 'none'}.`);
  const [operator, operand] = entries[0]!;
  const op = operator.toLowerCase();
  if (op === 'and' || op === 'or') {
    if (!Array.isArray(operand)) throw new ConditionError(`'${operator}' takes an array of conditions.`);
    const results = operand.map((item) => evaluateCondition(item, evaluate));
    return op === 'and' ? results.every(Boolean) : results.some(Boolean);
  }
  if (op === 'not') return !evaluateCondition(operand, evaluate);
  const spec = lookupFunction(operator);
  if (!spec) throw new ConditionError(`The condition operator '${operator}' is not a known function (use equals, greater, less, greaterOrEquals, lessOrEquals, contains, startsWith, endsWith, and, or, not).`);
  const args = (Array.isArray(operand) ? operand : [operand]).map((arg) => evaluate(arg));
  const call: FunctionCall = {
    name: spec.name,
    ctx: undefined as never, // comparison functions never read the workflow context
    prefix: `The template language function '${spec.name}'`,
    fail: (_code, message) => {
      throw new ConditionError(message);
    },
  };
  const result = spec.fn(args, call);
  if (typeof result !== 'boolean') throw new ConditionError(`The condition operator '${operator}' gave ${JSON.stringify(result)}, not true or false.`);
  return result;
}
