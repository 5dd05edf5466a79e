import { CompletionContext } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { expressionBefore, expressionCompletions, functionAt, hoverHelp } from '../../src-renderer/lib/expression-assist.ts';

function complete(doc: string, explicit = false) {
  const state = EditorState.create({ doc });
  return expressionCompletions(new CompletionContext(state, doc.length, explicit));
}

describe('expression completion and hover', () => {
  it('finds the expression the cursor is in, in JSON text and in a plain field', () => {
    expect(expressionBefore('{ "body": "@conc', true)).toBe('@conc');
    expect(expressionBefore('{ "body": "Hello @{toUp', true)).toBe('@{toUp');
    expect(expressionBefore('{ "body": "plain', true)).toBeUndefined();
    expect(expressionBefore('{ "key', true)).toBeUndefined();
    expect(expressionBefore("{ \"b\": \"@concat('conc", true)).toBeUndefined();
    expect(expressionBefore('@add(1, su', false)).toBe('@add(1, su');
    expect(expressionBefore('@@literal', false)).toBeUndefined();
  });

  it('offers every function with its signature and description, replacing the word typed', () => {
    const result = complete('{ "body": "@conc')!;
    expect(result.from).toBe('{ "body": "@'.length);
    const concat = result.options.find((o) => o.label === 'concat')!;
    expect(concat).toMatchObject({ type: 'function', detail: 'concat(text1, text2, ...)', info: 'Joins two or more values into one string.', apply: 'concat(' });
    expect(result.options.find((o) => o.label === 'utcNow')).toMatchObject({ type: 'function', apply: 'utcNow(' });
    expect(result.options.find((o) => o.label === 'xpath')?.detail).toBe('xpath(xml, xpathExpression)');
    expect(result.options.find((o) => o.label === 'trigger')?.apply).toBe('trigger()');
    expect(result.options.every((o) => typeof o.info === 'string' && o.info.length > 0)).toBe(true);
  });

  it('offers nothing outside expressions, inside string literals or after a dot', () => {
    expect(complete('{ "body": "conc')).toBeNull();
    expect(complete("{ \"body\": \"@concat('ab")).toBeNull();
    expect(complete('{ "body": "@triggerBody().na')).toBeNull();
  });

  it('hovering a function name shows its signature and description', () => {
    expect(functionAt("@concat('a')", 3)).toEqual({ name: 'concat', from: 1, to: 7 });
    expect(functionAt("@concat('a')", 9)).toBeUndefined();
    const doc = '{ "body": "@formatNumber(1, \'N2\')" }';
    const state = EditorState.create({ doc });
    const found = hoverHelp(state, doc.indexOf('format') + 2)!;
    expect(found.from).toBe(doc.indexOf('formatNumber'));
    expect(found.to).toBe(doc.indexOf('formatNumber') + 'formatNumber'.length);
    expect(found.help.signature).toBe("formatNumber(number, format, locale?: 'en-US' | 'is-IS' | ...)");
    expect(found.help.description).toContain('Writes a number as text with a .NET numeric format');
    expect(hoverHelp(EditorState.create({ doc: '{ "formatNumber(": 1 }' }), 5)).toBeUndefined();
  });
});
