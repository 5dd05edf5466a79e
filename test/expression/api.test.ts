import { describe, expect, it } from 'vitest';
import {
  ExpressionError,
  FUNCTIONS,
  MICROSOFT_FUNCTIONS,
  diagnose,
  evaluateValue,
  referencedActions,
} from '../../src-shared/expression/index.ts';
import { makeContext, triggerWith } from './helpers.ts';

describe('evaluateValue', () => {
  const ctx = makeContext({
    trigger: triggerWith({ name: 'Ada', n: 2 }),
    parameters: { key: 'K' },
  });

  it('walks objects and arrays, evaluating every expression string and keeping other values', () => {
    const input = {
      statusCode: "@add(triggerBody()['n'], 198)",
      headers: { 'Content-Type': 'application/json', 'x-name': "@{triggerBody()['name']}" },
      body: ['@triggerBody()', 1, true, null, 'text', { deep: '@@escaped' }],
    };
    expect(evaluateValue(input, ctx)).toEqual({
      statusCode: 200,
      headers: { 'Content-Type': 'application/json', 'x-name': 'Ada' },
      body: [{ name: 'Ada', n: 2 }, 1, true, null, 'text', { deep: '@escaped' }],
    });
    // The input is not changed.
    expect(input.statusCode).toBe("@add(triggerBody()['n'], 198)");
  });

  it('evaluates object keys that are expressions', () => {
    expect(evaluateValue({ "@parameters('key')": 1, "k-@{triggerBody()['n']}": 'v' }, ctx)).toEqual({ K: 1, 'k-2': 'v' });
  });

  it('passes non-strings through', () => {
    expect(evaluateValue(5, ctx)).toBe(5);
    expect(evaluateValue(null, ctx)).toBeNull();
  });

  it('reports the JSON pointer of the string that failed', () => {
    try {
      evaluateValue({ a: { 'b/c': ['ok', "@triggerBody()['missing']"] } }, ctx);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionError);
      const e = error as ExpressionError;
      expect(e.pointer).toBe('/a/b~1c/1');
      expect(e.code).toBe('PropertyNotFound');
      expect(e.expression).toBe("@triggerBody()['missing']");
    }
  });
});

describe('diagnose', () => {
  it('returns [] for plain text and valid expressions', () => {
    expect(diagnose('hello')).toEqual([]);
    expect(diagnose("@concat('a', body('X'))")).toEqual([]);
    expect(diagnose('@@{not evaluated')).toEqual([]);
  });

  it('reports every unknown function and wrong argument count with offsets', () => {
    const text = "@concat(frob(), xpath(utcNow()), equals(1))";
    expect(diagnose(text)).toEqual([
      expect.objectContaining({ code: 'UnknownFunction', start: 8, end: 12 }),
      expect.objectContaining({ code: 'WrongArgumentCount', start: 16, end: 31 }),
      expect.objectContaining({ code: 'WrongArgumentCount', start: 33, end: 42 }),
    ]);
    expect(text.slice(16, 31)).toBe('xpath(utcNow())');
    expect(text.slice(33, 42)).toBe('equals(1)');
  });

  it('reports one syntax error per interpolated part, with offsets into the whole string', () => {
    const text = 'a @{concat("x")} b @{add(1,}';
    const found = diagnose(text);
    expect(found.map((d) => d.code)).toEqual(['DoubleQuotedString', 'UnexpectedToken']);
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe('"x"');
    expect(found[1]!.start).toBe(text.length - 1);
  });
});

describe('referencedActions', () => {
  it('finds actions named by body, outputs, actions, result and friends anywhere in a value', () => {
    const value = {
      a: "@body('Get_Customer')",
      b: ["Status: @{outputs('HTTP')['statusCode']} @{actions('Get_Customer').status}"],
      c: { "@{result('Try')}": "@formDataValue('Post', 'k')" },
      d: "@concat(triggerBody(), parameters('p'), variables('v'))",
      e: "@@body('Escaped')",
      f: "@body(concat('Dyn', 'amic'))",
    };
    expect(referencedActions(value)).toEqual(['Get_Customer', 'HTTP', 'Try', 'Post']);
  });

  it('ignores strings with syntax errors (diagnose reports those)', () => {
    expect(referencedActions(["@body('A'", "@body('B')"])).toEqual(['B']);
  });
});

describe('registry', () => {
  it('holds every required function, each named as Microsoft spells it', () => {
    const required = [
      'trigger', 'triggerBody', 'triggerOutputs', 'body', 'outputs', 'actions', 'parameters', 'appsetting',
      'workflow', 'concat', 'string', 'json', 'int', 'float', 'add', 'sub', 'mul', 'div', 'mod', 'equals', 'not',
      'and', 'or', 'if', 'coalesce', 'toUpper', 'toLower', 'length', 'empty', 'guid', 'utcNow', 'createArray',
      'first', 'last', 'contains', 'greater', 'less', 'greaterOrEquals', 'lessOrEquals', 'bool', 'setProperty',
      'addProperty', 'removeProperty', 'triggerFormDataValue', 'triggerFormDataMultiValues',
      'triggerMultipartBody', 'result', 'variables', 'item', 'items',
    ];
    const names = [...FUNCTIONS.values()].map((f) => f.name);
    for (const name of required) expect(names).toContain(name);
    for (const name of names) expect(MICROSOFT_FUNCTIONS).toContain(name);
  });
});
