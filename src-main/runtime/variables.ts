import { CodedError } from '../../src-shared/coded-error.ts';
import { typeName } from '../../src-shared/expression/values.ts';
import type { ErrorInfo } from '../../src-shared/runs.ts';

/** The variable types InitializeVariable accepts (docs/runtime.md, "Variables"). */
export const VARIABLE_TYPES = ['array', 'boolean', 'float', 'integer', 'object', 'string'] as const;

/** One of the variable types, lower case. */
export type VariableType = (typeof VARIABLE_TYPES)[number];

/** A variable of one run: its name as declared, its type and its current value. */
export interface Variable {
  name: string;
  type: VariableType;
  value: unknown;
}

/** A variable rule broken by an action: the action fails with this code and message. */
export class VariableError extends CodedError {
  /** The action error Azure's run view would show. */
  toErrorInfo(): ErrorInfo {
    return { code: this.code, message: this.message };
  }
}

const TYPE_LABEL: Record<VariableType, string> = { array: 'Array', boolean: 'Boolean', float: 'Float', integer: 'Integer', object: 'Object', string: 'String' };

/** True when `value` fits a variable of `type` (an integer fits a float; null fits none but object). */
function fits(type: VariableType, value: unknown): boolean {
  switch (type) {
    case 'array':
      return Array.isArray(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'float':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'string':
      return typeof value === 'string';
    case 'object':
      return value === null || (typeof value === 'object' && !Array.isArray(value));
  }
}

/**
 * The variables of one run. Variables are global to the run (Logic Apps has no local
 * variables), initialised once, and typed: every update must keep the declared type.
 * Updates are atomic: JavaScript runs one action's read-modify-write at a time, so
 * IncrementVariable and AppendTo*Variable inside a concurrent Foreach never lose an update.
 */
export class VariableStore {
  private readonly byLower = new Map<string, Variable>();

  /** The variable, or undefined when no InitializeVariable created it (yet). */
  get(name: string): Variable | undefined {
    return this.byLower.get(name.toLowerCase());
  }

  /** Creates a variable; fails when the name exists, the type is unknown or the value does not fit. */
  initialize(name: unknown, type: unknown, value: unknown): Variable {
    if (typeof name !== 'string' || name.trim() === '') throw new VariableError('InvalidVariableName', `A variable needs a non-empty "name"; got ${JSON.stringify(name)}.`);
    const lowerType = typeof type === 'string' ? type.toLowerCase() : '';
    if (!(VARIABLE_TYPES as readonly string[]).includes(lowerType)) {
      throw new VariableError('InvalidVariableType', `Variable '${name}' has type ${JSON.stringify(type)}; use one of Array, Boolean, Float, Integer, Object, String.`);
    }
    if (this.byLower.has(name.toLowerCase())) {
      throw new VariableError('VariableAlreadyInitialized', `The variable '${name}' is already initialized. A variable is initialized once per run; use Set variable to change it.`);
    }
    const variableType = lowerType as VariableType;
    // A null value (often an absent trigger property) starts the variable at its type's default.
    const initial = value === undefined || value === null ? defaultValue(variableType) : coerce(variableType, value, name);
    const variable = { name, type: variableType, value: initial };
    this.byLower.set(name.toLowerCase(), variable);
    return variable;
  }

  /** Replaces a variable's value (Set variable). */
  set(name: unknown, value: unknown): Variable {
    const variable = this.require(name);
    variable.value = coerce(variable.type, value, variable.name);
    return variable;
  }

  /** Adds `by` (default 1) to an Integer or Float variable; a negative step decrements. */
  increment(name: unknown, by: unknown, verb: 'increment' | 'decrement'): Variable {
    const variable = this.require(name);
    if (variable.type !== 'integer' && variable.type !== 'float') {
      throw new VariableError('InvalidVariableType', `The variable '${variable.name}' is of type '${TYPE_LABEL[variable.type]}'; only Integer and Float variables can ${verb}.`);
    }
    const step = by === undefined || by === null || by === '' ? 1 : typeof by === 'string' ? Number(by) : by;
    if (typeof step !== 'number' || !Number.isFinite(step) || (variable.type === 'integer' && !Number.isInteger(step))) {
      throw new VariableError('InvalidVariableValue', `Cannot ${verb} the ${TYPE_LABEL[variable.type]} variable '${variable.name}' by ${JSON.stringify(by)}: the value must be ${variable.type === 'integer' ? 'an integer' : 'a number'}.`);
    }
    variable.value = (variable.value as number) + (verb === 'increment' ? step : -step);
    return variable;
  }

  /** Appends one value to an Array variable (an array value is added as one element). */
  appendToArray(name: unknown, value: unknown): Variable {
    const variable = this.require(name);
    if (variable.type !== 'array') throw new VariableError('InvalidVariableType', `The variable '${variable.name}' is of type '${TYPE_LABEL[variable.type]}'; Append to array variable needs an Array variable.`);
    variable.value = [...(variable.value as unknown[]), value ?? null];
    return variable;
  }

  /** Appends text to a String variable. */
  appendToString(name: unknown, value: unknown): Variable {
    const variable = this.require(name);
    if (variable.type !== 'string') throw new VariableError('InvalidVariableType', `The variable '${variable.name}' is of type '${TYPE_LABEL[variable.type]}'; Append to string variable needs a String variable.`);
    const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    variable.value = (variable.value as string) + text;
    return variable;
  }

  private require(name: unknown): Variable {
    const variable = typeof name === 'string' ? this.get(name) : undefined;
    if (!variable) {
      throw new VariableError('InvalidVariable', `The variable '${String(name)}' does not exist. Initialize it with an Initialize variable action at the top level of the workflow that runs before this one.`);
    }
    return variable;
  }
}

function defaultValue(type: VariableType): unknown {
  return { array: [], boolean: false, float: 0, integer: 0, object: null, string: '' }[type];
}

/** The value as the variable's type stores it; numeric strings become numbers as in Azure. */
function coerce(type: VariableType, value: unknown, name: string): unknown {
  if ((type === 'integer' || type === 'float') && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    const number = Number(value);
    if (type === 'float' || Number.isInteger(number)) return number;
  }
  if (type === 'boolean' && typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  if (!fits(type, value)) {
    throw new VariableError(
      'InvalidVariableValue',
      `The variable '${name}' of type '${TYPE_LABEL[type]}' cannot be initialized or updated with a value of type '${typeName(value)}'. The variable '${name}' only supports values of type '${TYPE_LABEL[type]}'.`,
    );
  }
  return value;
}
