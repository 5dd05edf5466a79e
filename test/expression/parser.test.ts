import { describe, expect, it } from 'vitest';
import { EXPRESSION_LIMITS, diagnose, parseTemplate } from '../../src-shared/expression/index.ts';
import type { ExpressionNode } from '../../src-shared/expression/index.ts';
import { ev, evError, pointed } from './helpers.ts';

function ast(text: string): ExpressionNode {
  const template = parseTemplate(text);
  if (template.kind !== 'expression' || !template.part.node) throw new Error(`not a valid expression: ${text}`);
  return template.part.node;
}

describe('parser: literals', () => {
  it('reads single-quoted strings with doubled quotes', () => {
    expect(ev("@'don''t worry'")).toBe("don't worry");
    expect(ev("@''")).toBe('');
    expect(ev("@'a,b)c'")).toBe('a,b)c');
  });

  it('reads integers and floats, signed, with fractions and exponents', () => {
    expect(ev('@1')).toBe(1);
    expect(ev('@-51')).toBe(-51);
    expect(ev('@+54')).toBe(54);
    expect(ev('@0.5')).toBe(0.5);
    expect(ev('@+.5')).toBe(0.5);
    expect(ev('@-01.0')).toBe(-1);
    expect(ev('@3.2e1')).toBe(32);
    expect(ev('@3.2e-1')).toBe(0.32);
    expect(ev('@{3e1}')).toBe('30');
    expect(ev('@{1.50}')).toBe('1.5');
  });

  it('marks float literals as floats even when whole', () => {
    expect(ast('@2.0')).toMatchObject({ kind: 'number', value: 2, isFloat: true });
    expect(ast('@2')).toMatchObject({ kind: 'number', value: 2, isFloat: false });
  });

  it('reads true, false and null, ignoring case', () => {
    expect(ev('@true')).toBe(true);
    expect(ev('@false')).toBe(false);
    expect(ev('@null')).toBeNull();
    expect(ev('@True')).toBe(true);
    expect(ev('@NULL')).toBeNull();
  });

  it('allows whitespace between tokens', () => {
    expect(ev("@ concat ( 'a' ,\n 'b' ) ")).toBe('ab');
  });
});

describe('parser: calls and member access with source ranges', () => {
  it('records the range of a call and its name', () => {
    const node = ast("@concat('a', 'b')");
    expect(node).toMatchObject({ kind: 'call', name: 'concat', start: 1, nameEnd: 7, end: 17 });
    if (node.kind !== 'call') throw new Error('call expected');
    expect(node.args.map((a) => [a.start, a.end])).toEqual([
      [8, 11],
      [13, 16],
    ]);
  });

  it('parses dot, bracket and null-safe access in a chain', () => {
    const text = "@triggerOutputs()?.headers?['x'].y[0]";
    const node = ast(text);
    const chain: string[] = [];
    let n: ExpressionNode = node;
    while (n.kind === 'access') {
      chain.unshift(`${n.nullSafe ? '?' : ''}${n.dot ? '.' : '[]'}`);
      n = n.target;
    }
    expect(n).toMatchObject({ kind: 'call', name: 'triggerOutputs' });
    expect(chain).toEqual(['?.', '?[]', '.', '[]']);
    expect(node.start).toBe(1);
    expect(node.end).toBe(text.length);
  });

  it('parses an expression as an index', () => {
    expect(ev("@createArray('a', 'b', 'c')[add(1, 1)]")).toBe('c');
  });

  it('allows dashes in dotted member names', () => {
    expect(ev("@json('{\"x-ms-id\": 5}').x-ms-id")).toBe(5);
  });
});

describe('parser: errors name the problem and point at it', () => {
  const cases: Array<[string, string, string, RegExp]> = [
    ['@concat("a")', 'DoubleQuotedString', '"a"', /single quotes/],
    ["@concat('a", 'UnterminatedString', "'a", /not closed/],
    ["@concat('a'", 'UnexpectedToken', '', /not closed; add '\)'/],
    ["@concat('a' 'b')", 'UnexpectedToken', "'b'", /expected ',' or '\)'/],
    ['@concat', 'UnexpectedToken', 'concat', /not a function call or a literal/],
    ["@body('X'))", 'UnexpectedToken', ')', /not expected after the end/],
    ["@'a', 'b'", 'UnexpectedToken', ',', /single value/],
    ["@'abc'[0]", 'UnexpectedToken', '[', /only allowed after a function call/],
    ['@x()?', 'UnexpectedToken', '?', /must be followed by/],
    ['@x().', 'UnexpectedToken', '', /property name after '\.'/],
    ['@x()[1', 'UnexpectedToken', '', /']' to close/],
    ['@1e', 'InvalidNumber', '1e', /exponent/],
    ['@++1', 'InvalidNumber', '++', /sign must be followed/],
    ['@12abc', 'InvalidNumber', '12a', /runs into/],
    ['@add(1 = 2)', 'UnexpectedCharacter', '=', /character '='/],
    ['@()', 'UnexpectedToken', '(', /value \(function call or literal\) is expected/],
    ['@9223372036854775808', 'InvalidNumber', '9223372036854775808', /64-bit/],
  ];
  for (const [text, code, at, message] of cases) {
    it(`${text} -> ${code}`, () => {
      const error = evError(text);
      expect(error.code).toBe(code);
      expect(pointed(error)).toBe(at);
      expect(error.message).toMatch(message);
      expect(error.message).toContain(`The template language expression '${text.slice(1)}' is not valid`);
      expect(error.message).toContain(`(at character ${error.start + 1})`);
    });
  }

  it('draws a caret under the error', () => {
    const error = evError('@concat("a")');
    expect(error.caret()).toBe('@concat("a")\n        ^^^');
  });

  it('shows only the failing line of a multi-line string in the caret', () => {
    const error = evError('first line @{trigger()}\nsecond @{concat("a")} end');
    expect(error.caret().split('\n')).toEqual(['second @{concat("a")} end', '                ^^^']);
  });

  it('keeps a long line readable by windowing the caret', () => {
    const text = `@concat(${"'x', ".repeat(100)}"y")`;
    const lines = evError(text).caret().split('\n');
    expect(lines[0]!.length).toBeLessThanOrEqual(102);
    expect(lines[0]!.startsWith('…')).toBe(true);
    expect(lines[0]![lines[1]!.indexOf('^')]).toBe('"');
  });
});

describe('limits', () => {
  it('are frozen', () => {
    expect(Object.isFrozen(EXPRESSION_LIMITS)).toBe(true);
    expect(EXPRESSION_LIMITS.maxLength).toBe(8192);
  });

  it('accept an expression of exactly 8,192 characters and refuse one more', () => {
    const fill = (n: number): string => `@concat('${'a'.repeat(n - 11)}')`;
    expect(fill(8192)).toHaveLength(8192);
    expect(ev(fill(8192))).toHaveLength(8192 - 11);
    const error = evError(fill(8193));
    expect(error.code).toBe('ExpressionTooLong');
    expect(error.message).toContain('8193 characters');
    expect(error.start).toBe(8192);
  });

  it('apply the length limit to interpolated strings too', () => {
    const text = `@{'a'}${'b'.repeat(8200)}`;
    expect(diagnose(text)).toMatchObject([{ code: 'ExpressionTooLong' }]);
  });

  it(`accept nesting up to ${EXPRESSION_LIMITS.maxDepth} levels and refuse deeper`, () => {
    const nest = (n: number): string => `@${'string('.repeat(n - 1)}1${')'.repeat(n - 1)}`;
    expect(ev(nest(EXPRESSION_LIMITS.maxDepth))).toBe('1');
    const error = evError(nest(EXPRESSION_LIMITS.maxDepth + 1));
    expect(error.code).toBe('ExpressionTooDeep');
    expect(error.message).toContain(`deeper than ${EXPRESSION_LIMITS.maxDepth}`);
  });

  it('count bracket indexes toward the depth', () => {
    // Each level nests one bracket: createArray(0)[createArray(0)[...0]].
    const nest = (levels: number): string => {
      let inner = '0';
      for (let k = 0; k < levels; k++) inner = `createArray(0)[${inner}]`;
      return `@${inner}`;
    };
    expect(diagnose(nest(EXPRESSION_LIMITS.maxDepth))).toMatchObject([{ code: 'ExpressionTooDeep' }]);
    expect(ev(nest(EXPRESSION_LIMITS.maxDepth - 1))).toBe(0);
  });
});
