import { describe, expect, it } from 'vitest';
import { b64, ev, evError, triggerWith } from './helpers.ts';

describe('conversion functions', () => {
  it('string() gives .NET text: True/False, numbers, JSON for objects, empty for null', () => {
    expect(ev('@string(true)')).toBe('True');
    expect(ev('@string(false)')).toBe('False');
    expect(ev('@string(10)')).toBe('10');
    expect(ev('@string(1.25)')).toBe('1.25');
    expect(ev("@string(float('5.0'))")).toBe('5');
    expect(ev('@string(1e15)')).toBe('1E+15');
    expect(ev('@string(0.00001)')).toBe('1E-05');
    expect(ev('@string(null)')).toBe('');
    expect(ev("@string(json('{\"a\":[true,null]}'))")).toBe('{"a":[true,null]}');
    expect(ev("@string('x')")).toBe('x');
  });

  it('json() parses text and names the text it cannot parse', () => {
    expect(ev("@json('{\"a\": [1, 2.5, \"x\"]}')")).toEqual({ a: [1, 2.5, 'x'] });
    expect(ev("@json('null')")).toBeNull();
    const error = evError("@json('{not json')");
    expect(error.code).toBe('InvalidJson');
    expect(error.message).toContain("The provided value '{not json' cannot be parsed as JSON");
    expect(evError("@json(json('{}'))").message).toContain("expects its first parameter to be a string or an XML, but the provided value is of type 'Object'");
  });

  it('int() converts numbers and numeric text; refuses fractions and words', () => {
    expect(ev("@int('42')")).toBe(42);
    expect(ev("@int(' -7 ')")).toBe(-7);
    expect(ev("@int('+1,000')")).toBe(1000);
    expect(ev("@int('1.0')")).toBe(1);
    expect(ev('@int(3.0)')).toBe(3);
    expect(ev('@int(12)')).toBe(12);
    expect(evError("@int('1.5')").code).toBe('InvalidConversion');
    expect(evError('@int(2.5)').code).toBe('InvalidConversion');
    const error = evError("@int('abc')");
    expect(error.message).toContain("the value 'abc' of type 'String' cannot be converted to an integer");
    expect(evError('@int(true)').code).toBe('InvalidConversion');
  });

  it('float() converts numbers and text to floats', () => {
    expect(ev("@float('10.333')")).toBe(10.333);
    expect(ev("@float('1,000.5')")).toBe(1000.5);
    expect(ev("@float('-2e3')")).toBe(-2000);
    expect(ev('@float(3)')).toBe(3);
    expect(ev("@float('1.5', 'en-us')")).toBe(1.5);
    expect(evError("@float('abc')").code).toBe('InvalidConversion');
    expect(ev("@float('1,5', 'de-de')")).toBe(1.5);
    expect(evError("@float('1', 'not a locale')").message).toContain("locale 'not a locale', which is not valid");
  });

  it('bool() converts booleans, numbers and true/false text', () => {
    expect(ev('@bool(1)')).toBe(true);
    expect(ev('@bool(0)')).toBe(false);
    expect(ev("@bool('TRUE')")).toBe(true);
    expect(ev("@bool('false')")).toBe(false);
    expect(ev('@bool(false)')).toBe(false);
    expect(evError("@bool('yes')").code).toBe('InvalidConversion');
  });

  it('string() and json() decode a base64 binary body (implicit conversion)', () => {
    const csv = { trigger: triggerWith({ '$content-type': 'text/csv', $content: b64('a,é\n1,2') }) };
    expect(ev('@string(triggerBody())', csv)).toBe('a,é\n1,2');
    expect(ev('Body: @{triggerBody()}', csv)).toBe('Body: a,é\n1,2');
    const json = { trigger: triggerWith({ '$content-type': 'application/octet-stream', $content: b64('{"n": 5}') }) };
    expect(ev('@json(triggerBody())', json)).toEqual({ n: 5 });
    expect(ev("@json(triggerBody())['n']", json)).toBe(5);
    const xml = { trigger: triggerWith({ '$content-type': 'application/xml', $content: b64('<a/>') }) };
    expect(ev('@json(triggerBody())', xml)).toEqual({ a: null });
  });
});

describe('math functions', () => {
  it('add, sub, mul keep integers integer and go float with a float', () => {
    expect(ev('@add(1, 2)')).toBe(3);
    expect(ev('@add(1, 2.5)')).toBe(3.5);
    expect(ev('@sub(10, 4)')).toBe(6);
    expect(ev('@mul(20, 3)')).toBe(60);
    expect(ev('@mul(1.5, 2)')).toBe(3);
    expect(ev('@string(mul(1.5, 2))')).toBe('3');
  });

  it('div truncates toward zero for integers and keeps fractions for floats', () => {
    expect(ev('@div(7, 2)')).toBe(3);
    expect(ev('@div(-7, 2)')).toBe(-3);
    expect(ev('@div(7, 2.0)')).toBe(3.5);
    expect(ev('@div(7.0, 2)')).toBe(3.5);
    expect(ev("@div(float('7'), 2)")).toBe(3.5);
    expect(ev('@div(mul(1.5, 2), 2)')).toBe(1.5);
    expect(ev('@div(if(true, 7.0, 1), 2)')).toBe(3.5);
  });

  it('mod keeps the sign of the dividend', () => {
    expect(ev('@mod(7, 3)')).toBe(1);
    expect(ev('@mod(-7, 3)')).toBe(-1);
    expect(ev('@mod(7.5, 2)')).toBe(1.5);
  });

  it('division and modulo by zero are errors pointing at the divisor', () => {
    for (const text of ['@div(1, 0)', '@mod(1, 0)', '@div(1.5, 0.0)']) {
      const error = evError(text);
      expect(error.code).toBe('DivideByZero');
      expect(error.message).toContain('cannot divide by zero');
    }
  });

  it('math refuses text and integer overflow', () => {
    expect(evError("@add('1', 2)").code).toBe('InvalidArgument');
    expect(evError('@mul(9223372036854775807, 2)').code).toBe('Overflow');
  });

  it('min, max and rand', () => {
    expect(ev('@min(3, 1, 2)')).toBe(1);
    expect(ev('@max(createArray(3, 7.5, 2))')).toBe(7.5);
    for (let i = 0; i < 20; i++) {
      const n = ev('@rand(1, 4)') as number;
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThan(4);
      expect(Number.isInteger(n)).toBe(true);
    }
    expect(evError('@rand(5, 1)').code).toBe('InvalidArgument');
  });
});
