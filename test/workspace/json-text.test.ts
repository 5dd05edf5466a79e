import { describe, expect, it } from 'vitest';
import { locateProblems, parseJsonFile } from '../../src-shared/workflow/json-text.ts';
import type { Problem } from '../../src-shared/problems.ts';

describe('parseJsonFile', () => {
  it('parses JSON and ignores a leading byte-order mark', () => {
    expect(parseJsonFile('\uFEFF{"a": 1}', 'f.json')).toEqual({ value: { a: 1 } });
  });

  it.each([
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, "',' was expected"],
    ['{\n  "a": 1,\n}', 3, 1, 'trailing comma'],
    ['{\n  "a": tru\n}', 2, 8, 'unexpected character'],
    ['{"a": [1, 2}', 1, 12, "a closing '}' or ']' is missing"],
    ['{\n  // note\n  "a": 1\n}', 2, 3, 'comments are not allowed'],
    ['{"a": "x', 1, 7, 'string is not closed'],
    ['', 1, 1, 'ends before'],
  ])('reports line and column for %j', (text, line, column, words) => {
    const { value, problem } = parseJsonFile(text, 'orders/workflow.json', 'orders');
    expect(value).toBeUndefined();
    expect(problem).toMatchObject({ code: 'InvalidJson', severity: 'error', file: 'orders/workflow.json', workflow: 'orders', pointer: '', line, column });
    expect(problem!.message).toContain(words);
    expect(problem!.message).toContain(`line ${line}, column ${column}`);
  });

  it('counts lines after a BOM and with CRLF line ends', () => {
    const { problem } = parseJsonFile('\uFEFF{\r\n  "a": 1\r\n  "b": 2\r\n}', 'f.json');
    expect(problem).toMatchObject({ line: 3, column: 3 });
  });
});

describe('locateProblems', () => {
  const text = '{\n  "definition": {\n    "actions": {\n      "a/b": { "type": "Compose" },\n      "list": [10, 20]\n    }\n  }\n}';
  const problem = (pointer: string): Problem => ({ code: 'X', severity: 'error', message: 'm', file: 'f', pointer });

  it('points at the key of the property a pointer names', () => {
    const [located] = locateProblems(text, [problem('/definition/actions/a~1b')]);
    expect(located).toMatchObject({ line: 4, column: 7 });
  });

  it('locates array items, nested values and the whole document', () => {
    const located = locateProblems(text, [problem('/definition/actions/list/1'), problem('/definition/actions/a~1b/type'), problem('')]);
    expect(located.map((p) => [p.line, p.column])).toEqual([
      [5, 20],
      [4, 16],
      [1, 1],
    ]);
  });

  it('falls back to the nearest existing parent for a missing key', () => {
    const [located] = locateProblems(text, [problem('/definition/actions/a~1b/runAfter/x')]);
    expect(located).toMatchObject({ line: 4, column: 7 });
  });

  it('keeps positions that are already known', () => {
    const known = { ...problem('/definition'), line: 9, column: 9 };
    expect(locateProblems(text, [known])[0]).toBe(known);
  });
});
