import { describe, expect, it } from 'vitest';
import { ev, evError } from './helpers.ts';

describe('string functions', () => {
  it('concat joins text and converts other values as string() does', () => {
    expect(ev("@concat('a', 'b', 'c')")).toBe('abc');
    expect(ev("@concat('n=', 1, ' f=', 1.5, ' b=', true, ' null=', null, ' o=', json('{\"a\":1}'))")).toBe(
      'n=1 f=1.5 b=True null= o={"a":1}',
    );
  });

  it('toUpper and toLower need text', () => {
    expect(ev("@toUpper('abc')")).toBe('ABC');
    expect(ev("@toLower('ÀBC')")).toBe('àbc');
    expect(evError('@toLower(null)').message).toContain("expects its first parameter to be of type string, but the provided value is of type 'Null'");
  });

  it('guid gives a new version-4 GUID in each format', () => {
    const a = ev('@guid()') as string;
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ev('@guid()')).not.toBe(a);
    expect(ev("@guid('N')")).toMatch(/^[0-9a-f]{32}$/);
    expect(ev("@guid('B')")).toMatch(/^\{[0-9a-f-]{36}\}$/);
    expect(ev("@guid('P')")).toMatch(/^\([0-9a-f-]{36}\)$/);
    expect(ev("@guid('X')")).toMatch(/^\{0x[0-9a-f]{8},0x[0-9a-f]{4},0x[0-9a-f]{4},\{(0x[0-9a-f]{2},){7}0x[0-9a-f]{2}\}\}$/);
    expect(evError("@guid('Q')").message).toContain("'N', 'D', 'B', 'P' or 'X'");
  });
});

describe('collection functions', () => {
  it('length of text and arrays', () => {
    expect(ev("@length('héllo')")).toBe(5);
    expect(ev('@length(createArray(1, 2, 3))')).toBe(3);
    expect(evError("@length(json('{}'))").code).toBe('InvalidArgument');
  });

  it('empty is true for null, empty text, array and object', () => {
    expect(ev('@empty(null)')).toBe(true);
    expect(ev("@empty('')")).toBe(true);
    expect(ev("@empty(json('[]'))")).toBe(true);
    expect(ev("@empty(json('{}'))")).toBe(true);
    expect(ev("@empty(' ')")).toBe(false);
    expect(ev('@empty(createArray(null))')).toBe(false);
    expect(ev("@empty(json('{\"a\":null}'))")).toBe(false);
    expect(evError('@empty(0)').code).toBe('InvalidArgument');
  });

  it('first and last of arrays and text; an empty array gives null', () => {
    expect(ev('@first(createArray(1, 2, 3))')).toBe(1);
    expect(ev('@last(createArray(1, 2, 3))')).toBe(3);
    expect(ev("@first('abc')")).toBe('a');
    expect(ev("@last('abc')")).toBe('c');
    expect(ev("@first(json('[]'))")).toBeNull();
    expect(ev("@last(json('[]'))")).toBeNull();
  });

  it('contains looks for a substring, an equal item or a key', () => {
    expect(ev("@contains('hello world', 'world')")).toBe(true);
    expect(ev("@contains('hello world', 'World')")).toBe(false);
    expect(ev("@contains(createArray('a', 'b'), 'b')")).toBe(true);
    expect(ev("@contains(createArray(json('{\"a\":[1]}')), json('{\"a\":[1]}'))")).toBe(true);
    expect(ev("@contains(json('{\"Key\":1}'), 'Key')")).toBe(true);
    expect(ev("@contains(json('{\"Key\":1}'), 'nope')")).toBe(false);
    expect(evError("@contains(null, 'x')").code).toBe('InvalidArgument');
  });

  it('createArray builds an array and can be indexed', () => {
    expect(ev("@createArray('a', 1, null, true)")).toEqual(['a', 1, null, true]);
    expect(ev("@createArray('Sunday', 'Monday')[mod(3, 2)]")).toBe('Monday');
  });
});

describe('logical comparison functions', () => {
  it('equals compares deeply; 1 equals 1.0; objects ignore key order', () => {
    expect(ev("@equals('a', 'a')")).toBe(true);
    expect(ev("@equals('a', 'A')")).toBe(false);
    expect(ev('@equals(1, 1.0)')).toBe(true);
    expect(ev("@equals(json('{\"a\":1,\"b\":[1,2]}'), json('{\"b\":[1,2],\"a\":1}'))")).toBe(true);
    expect(ev("@equals(json('{\"a\":1}'), json('{\"a\":1,\"b\":2}'))")).toBe(false);
    expect(ev("@equals(createArray(1, 2), createArray(2, 1))")).toBe(false);
    expect(ev('@equals(null, null)')).toBe(true);
    expect(ev("@equals(null, '')")).toBe(false);
    expect(ev("@equals(true, 'True')")).toBe(true);
  });

  it('not, and, or work on booleans and refuse anything else', () => {
    expect(ev('@not(false)')).toBe(true);
    expect(ev('@and(true, true, false)')).toBe(false);
    expect(ev('@and(true)')).toBe(true);
    expect(ev('@or(false, false, true)')).toBe(true);
    expect(ev('@or(false)')).toBe(false);
    const error = evError("@and(true, 'yes')");
    expect(error.message).toContain("expects its second parameter to be a boolean, but the provided value is of type 'String'");
    expect(evError('@not(1)').code).toBe('InvalidArgument');
  });

  it('if picks a branch by a boolean condition', () => {
    expect(ev("@if(equals(1, 1), 'yes', 'no')")).toBe('yes');
    expect(ev("@if(false, 'yes', 2)")).toBe(2);
    expect(evError("@if('true', 1, 2)").code).toBe('InvalidArgument');
  });

  it('greater, less and the OrEquals forms order numbers and strings; null compares as empty text', () => {
    expect(ev('@greater(2, 1)')).toBe(true);
    expect(ev('@greater(1, 1.5)')).toBe(false);
    expect(ev('@greaterOrEquals(2, 2.0)')).toBe(true);
    expect(ev("@less('apple', 'banana')")).toBe(true);
    expect(ev("@less('B', 'a')")).toBe(true);
    expect(ev('@lessOrEquals(3, 2)')).toBe(false);
    expect(ev("@less(null, 'a')")).toBe(true);
    expect(ev("@greaterOrEquals(null, '')")).toBe(true);
    expect(ev("@greater('a', null)")).toBe(true);
    const error = evError("@greater(1, '1')");
    expect(error.message).toContain("two numbers or two strings");
    expect(error.message).toContain("'Integer' and 'String'");
  });
});
