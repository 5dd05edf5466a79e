import { describe, expect, it } from 'vitest';
import { ev, evError, pointed } from './helpers.ts';

// Rules of the reference's functions beyond its examples: case, edge cases, and the
// errors a user meets, with a message that says how to fix the call.

describe('string functions: case and edges', () => {
  it('indexOf, lastIndexOf, nthIndexOf, startsWith and endsWith ignore case; replace and contains do not', () => {
    expect(ev("@indexOf('Hello World', 'WORLD')")).toBe(6);
    expect(ev("@lastIndexOf('abcABC', 'c')")).toBe(5);
    expect(ev("@nthIndexOf('aAaA', 'a', 3)")).toBe(2);
    expect(ev("@nthIndexOf('aAaA', 'a', -1)")).toBe(3);
    expect(ev("@startsWith('Hello', 'hE')")).toBe(true);
    expect(ev("@endsWith('Hello', 'LLO')")).toBe(true);
    expect(ev("@replace('Old old', 'old', 'new')")).toBe('Old new');
    expect(ev("@contains('Hello', 'hello')")).toBe(false);
  });

  it('lastIndexOf follows the reference for empty strings', () => {
    expect(ev("@lastIndexOf('', 'x')")).toBe(-1);
    expect(ev("@lastIndexOf('', '')")).toBe(0);
  });

  it('substring without a length runs to the end; out of range it fails and points at the index', () => {
    expect(ev("@substring('hello world', 6)")).toBe('world');
    const error = evError("@substring('hello', 2, 10)");
    expect(error.code).toBe('IndexOutOfRange');
    expect(error.message).toContain("parameters are out of range: 'start index' and 'length' must be non-negative integers and their sum must be no larger than the length of the string");
    expect(error.message).toContain('must not exceed the length of the string (5); use slice()');
    expect(pointed(error)).toBe('10');
    expect(evError("@substring('hello', -1, 1)").code).toBe('IndexOutOfRange');
  });

  it('refuses wrong argument types with the parameter and the type it got', () => {
    const error = evError("@indexOf(123, 'x')");
    expect(error.code).toBe('InvalidArgument');
    expect(error.message).toBe("The template language function 'indexOf' expects its first parameter to be of type string, but the provided value is of type 'Integer'.");
    expect(evError("@nthIndexOf('abc', 'b', 0)").message).toContain('occurrence of 1 or more');
    expect(evError("@replace('abc', '', 'x')").message).toContain('cannot replace an empty string');
  });
});

describe('collection functions: edges and errors', () => {
  it('skip and take accept strings; union and intersection of objects merge by property', () => {
    expect(ev("@skip('abcdef', 4)")).toBe('ef');
    expect(ev("@union(json('{\"a\":1,\"b\":2}'), json('{\"b\":3}'))")).toEqual({ a: 1, b: 3 });
    expect(ev("@intersection(json('{\"a\":1,\"b\":2}'), json('{\"b\":3,\"c\":4}'))")).toEqual({});
    expect(ev("@intersection(json('{\"spam\":\"eggs\",\"food\":\"fungus\"}'), json('{\"spam\":\"eggs\",\"food\":\"plant\"}'))")).toEqual({ spam: 'eggs' });
    expect(ev("@union(json('{\"spam\":\"eggs\",\"thing\":3}'), json('{\"spam\":3,\"food\":\"eggs\"}'))")).toEqual({ spam: 3, thing: 3, food: 'eggs' });
    expect(ev('@intersection(createArray(4,4,4,4,5,4,5,5,5), createArray(5,4,5,5,4,5,4,4,5,4,5,5,4))')).toEqual([4, 5]);
    expect(ev("@join(createArray('a', createArray('b', 'c'), 'd'), 'x')")).toBe('ax["b","c"]xd');
    expect(ev("@join(createArray(binary('test'), xml('<!-- lol --><ing/>')), 'x')")).toBe('testx<!-- lol --><ing />');
    expect(evError('@first(null)').message).toContain("expects its first parameter to be a string or an array, but the provided value is of type 'Null'");
    expect(evError("@join(null, 'x')").code).toBe('InvalidArgument');
    expect(ev("@join(createArray(1, true, null, 'x'), ', ')")).toBe('1, True, , x');
  });

  it('sorting mixed kinds, chunks of zero and mixing arrays with objects are clear errors', () => {
    expect(evError("@sort(createArray(1, 'a'))").message).toContain('can sort only numbers, strings or booleans of one kind');
    expect(evError("@chunk('abc', 0)").message).toContain('chunk length of 1 or more');
    expect(evError("@union(createArray(1), json('{}'))").message).toContain('all to be objects');
    expect(evError('@skip(createArray(1), -1)').message).toContain('count of 0 or more');
  });
});

describe('conversion and manipulation errors', () => {
  it('json(null) is an empty object, as the reference says', () => {
    expect(ev('@json(null)')).toEqual({});
  });

  it('concat and join refuse results past 104,857,600 characters', () => {
    const big = { variables: { chunk: 'x'.repeat(60_000_000) } };
    expect(evError("@concat(variables('chunk'), variables('chunk'))", big).message).toContain('the limit is 104,857,600');
    expect(evError("@join(createArray(variables('chunk'), variables('chunk')), '')", big).message).toContain('the limit is 104,857,600');
  });

  it('addProperty on an existing property fails and says to use setProperty', () => {
    const error = evError("@addProperty(json('{\"a\":1}'), 'a', 2)");
    expect(error.code).toBe('InvalidArgument');
    expect(error.message).toContain("expects the property to not exist in the object, but 'a' is there already; use setProperty()");
    // Names compare ignoring case, as in property selection.
    expect(evError("@addProperty(json('{\"a\":1}'), 'A', 2)").code).toBe('InvalidArgument');
    expect(ev("@setProperty(json('{\"a\":1,\"b\":2}'), 'A', 3)")).toEqual({ b: 2, a: 3 });
    expect(Object.keys(ev("@setProperty(json('{\"a\":1,\"b\":2,\"c\":3}'), 'b', 9)") as object)).toEqual(['a', 'c', 'b']);
    expect(ev("@removeProperty(json('{\"aAa\":1,\"AaA\":2}'), 'aaa')")).toEqual({ AaA: 2 });
  });

  it('xml() refuses text that is not XML and JSON with several roots', () => {
    expect(evError("@xml('<a>')").message).toContain('cannot be parsed as XML');
    expect(evError("@xml(json('{\"a\":1,\"b\":2}'))").message).toContain('it must have exactly one, which becomes the root element');
    expect(evError("@xml(json('{\"a\":[1,2]}'))").message).toContain("wrap it in an object");
  });

  it('xpath() refuses an XPath that is not XPath 1.0, naming it', () => {
    const error = evError("@xpath(xml('<a/>'), '/a[')");
    expect(error.message).toContain("the XPath '/a[', which is not valid XPath 1.0");
    expect(pointed(error)).toBe("'/a['");
    expect(ev("@xpath(xml('<a><b x=\"1\"/></a>'), '/a/b/@x')")).toEqual(['1']);
    expect(ev("@xpath(xml('<a/>'), 'count(/a)')")).toBe(1);
    expect(ev("@xpath(xml('<a/>'), '/b')")).toEqual([]);
  });

  it('an unknown locale is refused with examples of valid ones', () => {
    const error = evError("@formatDateTime('2020-01-01', 'D', 'xx-not-a-locale-at-all')");
    expect(error.message).toContain("use an RFC 4646 name such as 'en-US', 'fr-FR' or 'de-DE'");
    expect(pointed(error)).toBe("'xx-not-a-locale-at-all'");
  });

  it('data URIs, ranges and URIs that are not valid fail clearly', () => {
    expect(evError("@dataUriToString('hello')").message).toContain("expects a data URI such as 'data:text/plain;charset=utf-8;base64,aGVsbG8='");
    expect(evError('@range(1, 100001)').message).toContain('count from 0 to 100,000');
    expect(evError("@uriHost('/relative/path')").message).toContain('well-formed absolute URI');
    expect(evError("@parseDateTime('not a date', 'fr-FR')").message).toContain("cannot read 'not a date' as a timestamp in the 'fr-FR' culture");
    expect(evError("@formatNumber(1.5, 'D')").message).toContain("the format 'D' is only for integers");
  });

  it('float, isFloat and isInt read the locale given, and the invariant culture otherwise', () => {
    expect(ev("@float('1 234,5', 'fr-FR')")).toBe(1234.5);
    expect(ev("@isFloat('1,5')")).toBe(true);
    expect(ev("@isFloat('abc')")).toBe(false);
    expect(ev("@isInt('1.5')")).toBe(false);
    expect(ev("@isInt(' -42 ')")).toBe(true);
    expect(ev("@isInt('99999999999999999999')")).toBe(false);
    expect(ev("@isInt('1,000')")).toBe(true);
    expect(ev("@isInt('1e3')")).toBe(true);
    expect(ev("@isInt('1e30')")).toBe(false);
  });
});

describe("the reference's implicit conversions", () => {
  it('round-trips text through the base64 and data-URI forms the designer hides', () => {
    expect(ev("@base64(decodeDataUri('data:text/plain;charset=utf-8;base64,aGVsbG8='))")).toBe('aGVsbG8=');
    expect(ev("@dataUriToString(concat('data:;base64,', base64('hello')))")).toBe('hello');
    expect(ev("@dataUriToString(concat('data:,', encodeUriComponent('hello world')))")).toBe('hello world');
    expect(ev("@base64ToString(base64ToBinary('aGVsbG8='))")).toBe('hello');
    expect(ev("@concat('<', binary('hi'), '>')")).toBe('<hi>');
    expect(ev("@dataUri(xml('<a/>'))")).toBe('data:application/xml;charset=utf-8;base64,PGEgLz4=');
  });
});

describe('numbers from text, as Azure reads them', () => {
  it.each([
    ["@{float('  +1,000 ')}", '1000'],
    ["@{float('  200- ')}", '-200'],
    ["@{float('NaN')}", 'NaN'],
    ["@{float('nan')}", 'NaN'],
    ["@{float('Infinity', '')}", 'Infinity'],
    ["@{float('400,000', 'en-gb')}", '400000'],
    ["@{float('400.000', 'en-gb')}", '400'],
    ["@{float('400,000', 'de-de')}", '400'],
    ["@{float('400.000', 'de-de')}", '400000'],
    ["@{float(decimal('10000000000.00000000001234'))}", '10000000000'],
    ["@{decimal('  +1,000 ')}", '1000'],
    ["@{decimal('  200- ')}", '-200'],
    ["@{decimal('5.0')}", '5.0'],
    ["@{decimal('5.0000')}", '5.0000'],
    ["@{string(decimal(float('0')))}", '0'],
    ["@{string(add(decimal(float('0')), float('3')))}", '3'],
    ["@{string(add(decimal('1.50'), decimal('2.5')))}", '4.00'],
    ["@{string(mul(decimal('1.5'), decimal('2.00')))}", '3.000'],
    ["@{int('1.0')}", '1'],
    ["@{int(decimal('1.00000'))}", '1'],
    ["@{int('  +1,000 ')}", '1000'],
    ["@{int('nan')}", '-9223372036854775808'],
    ["@{int('100000000000000010')}", '100000000000000016'],
    ["@{isFloat('NaN', 'de-de')}", 'True'],
    ["@{isFloat('Infinity')}", 'True'],
    ["@{isFloat('infINITY', '')}", 'True'],
    ["@{isFloat('Infinity', 'en-us')}", 'False'],
    ["@{isFloat('inf')}", 'False'],
    ["@{isFloat('111.222.333')}", 'False'],
    ["@{isFloat('111.222.333', 'de-de')}", 'True'],
  ])('%s is %s', (expr, expected) => {
    expect(ev(expr)).toBe(expected);
  });

  it.each(["@int('  200- ')", "@int('(200)')", "@float('(200)')", "@float('Infinity')", "@float('inf')", "@decimal('(200)')", "@decimal('3e-1')", "@decimal('7e28')", "@decimal(binary('123.0'))", "@float(binary('123.0'))", "@int(binary('123.0'))", '@isFloat(3.14)'])(
    '%s fails',
    (expr) => {
      expect(['InvalidConversion', 'InvalidArgument', 'Overflow']).toContain(evError(expr).code);
    },
  );
});

describe('binary values and data URIs, as Azure makes them', () => {
  const bin = (content: string, type = 'application/octet-stream') => ({ '$content-type': type, $content: content });
  it.each([
    ["@binary(json('{\"hello\": \"world\"}'))", bin('eyJoZWxsbyI6IndvcmxkIn0=')],
    ['@binary(3.14)', bin('My4xNA==')],
    ['@binary(true)', bin('VHJ1ZQ==')],
    ["@binary(createArray('a','b','c'))", bin('WyJhIiwiYiIsImMiXQ==')],
    ["@base64ToBinary('')", bin('')],
    ["@base64ToBinary('aGVsbG8 gd29ybGQ=')", bin('aGVsbG8 gd29ybGQ=')],
    ["@dataUriToBinary('data:text/plain;charset=utf-8,aGVsbG8=')", bin('YUdWc2JHOD0=', 'text/plain;charset=utf-8')],
    ["@dataUriToBinary('data:text/plain;charset=utf-8,abc+def ghi+jkl=asdf+qwer?abc+def=ghi+jkl')", bin('YWJjIGRlZiBnaGkgamtsPWFzZGYgcXdlcj9hYmMgZGVmPWdoaSBqa2w=', 'text/plain;charset=utf-8')],
    ["@dataUriToBinary('data:,  [ 1, 2, 3 ]  ')", bin('ICBbIDEsIDIsIDMgXSAg', 'text/plain')],
    ["@dataUriToBinary('data:base64,dGVzdA==')", bin('dGVzdA==', 'text/plain')],
    ["@dataUriToBinary('data:;base64,dGVzdA==')", bin('dGVzdA==', 'text/plain')],
    ["@dataUriToBinary('data:text/plain;base64;charset=ascii,dGVzdA==')", bin('ZEdWemRBPT0=', 'text/plain;base64;charset=ascii')],
    ["@dataUriToBinary('DATA:TEXT/PLAIN;COWS=MOO;CHARSET=UTF-8;CATS=CUTE;BASE64,dGVzdA==')", bin('dGVzdA==', 'TEXT/PLAIN;COWS=MOO;CHARSET=UTF-8;CATS=CUTE')],
    ["@dataUriToString('data:text/plain;charset=utf-8,%22hello,%20world%22')", '"hello, world"'],
    ["@dataUriToString('data:text/plain;charset=utf-8;base64,aGVsbG8 gd29ybGQ=')", 'hello world'],
    ["@{dataUriToBinary('data:text/plain;charset=utf-8;base64,JTIyaGVsbG8rd29ybGQlMjIlM0YlM2Y=')}", '%22hello+world%22%3F%3f'],
    ["@dataUri(json('{\"a\":3}'))", 'data:application/json;charset=utf-8;base64,eyJhIjozfQ=='],
    ['@{dataUri(true)}', 'data:application/json;charset=utf-8;base64,VHJ1ZQ=='],
    ["@{base64ToBinary('test')}", '\ufffd\ufffd-'],
  ])('%s', (expr, expected) => {
    expect(ev(expr)).toEqual(expected);
  });

  it.each(['@binary(null)', "@base64ToBinary('$#[<')", "@base64ToBinary('aa')", "@dataUriToBinary('data:;;base64,dGVzdA==')", "@dataUriToBinary('data:;,test')", '@{dataUri(null)}', "@dataUriToString('data:text/plain;charset=utf-8;base64,aGVsbG8%20gd29ybGQ=')"])(
    '%s fails',
    (expr) => {
      expect(['InvalidArgument', 'InvalidConversion']).toContain(evError(expr).code);
    },
  );
});

describe('numeric limits, as Azure applies them', () => {
  it.each([
    ['@{-9223372036854775808}', '-9223372036854775808'],
    ['@{9223372036854775809.5}', '9.223372036854776E+18'],
    ["@{float('5e-324')}", '5E-324'],
    ["@{float('1.7e+308')}", '1.7E+308'],
    ["@{float('5e-350')}", '0'],
    ["@{float('1.7e+350')}", 'Infinity'],
    ["@{float('-1e400')}", '-Infinity'],
    ['@{decimal(100000.000009)}', '100000.000009'],
    ["@{decimal('10000000000.00000000001234')}", '10000000000.00000000001234'],
    ["@{decimal('70000000000000000000000000000')}", '70000000000000000000000000000'],
    ['@{add(2147483647, 1)}', '2147483648'],
    ['@{mul(1e308, 2)}', 'Infinity'],
    ['@{mul(4294967295, 4294967295.0)}', '1.8446744065119617E+19'],
    ["@{mul(decimal('4294967295'), 4294967295)}", '18446744065119617025'],
  ])('%s is %s', (expr, expected) => {
    expect(ev(expr)).toBe(expected);
  });

  it.each(["@{mul(decimal('70000000000000000000000000000'), 10)}", '@{add(9223372036854775807, 1)}', '@{mul(4294967295, 4294967295)}', '@div(-1, 0)', "@int('9223372036854775808')", "@decimal('3e50')", "@int('1.5')", '@int(100000.000009)'])(
    '%s fails',
    (expr) => {
      expect(['Overflow', 'InvalidConversion', 'DivideByZero', 'InvalidArgument']).toContain(evError(expr).code);
    },
  );
});

describe('formats with a locale', () => {
  it('formatNumber handles the standard letters and custom sections', () => {
    expect(ev("@formatNumber(1234.5678, 'N2', 'en-US')")).toBe('1,234.57');
    expect(ev("@formatNumber(0.256, 'P1')")).toBe('25.6%');
    expect(ev("@formatNumber(255, 'X4')")).toBe('00FF');
    expect(ev("@formatNumber(42, 'D5')")).toBe('00042');
    expect(ev("@formatNumber(1234.5, 'E2')")).toBe('1.23E+003');
    expect(ev("@formatNumber(-5, '#;(#);zero')")).toBe('(5)');
    expect(ev("@formatNumber(0, '#;(#);zero')")).toBe('zero');
    expect(ev("@formatNumber(5551234567, '(###) ###-####')")).toBe('(555) 123-4567');
    expect(ev("@formatNumber(1e21, 'N0')")).toBe('1,000,000,000,000,000,000,000');
    expect(ev("@formatNumber(1234567, '#,##0,K')")).toBe('1,235K');
    expect(ev("@formatNumber(1234.5, 'N', 'de-DE')")).toBe('1.234,50');
  });

  it('formatDateTime writes month and day names of the locale', () => {
    expect(ev("@formatDateTime('2020-10-20T00:00:00Z', 'D', 'de-DE')")).toBe('Dienstag, 20. Oktober 2020');
    expect(ev("@formatDateTime('2020-10-20T15:04:00Z', 'f')")).toBe('Tuesday, October 20, 2020 3:04 PM');
    // '/' and ':' in a custom format are the culture's separators, as in .NET.
    expect(ev("@formatDateTime('2020-10-20T15:04:00Z', 'dd/MM/yyyy HH:mm', 'de-DE')")).toBe('20.10.2020 15:04');
    expect(ev("@formatDateTime('2020-10-20T15:04:00Z', 'dd/MM/yyyy', 'fr-FR')")).toBe('20/10/2020');
    expect(ev("@formatDateTime('2020-10-20T15:04:00Z', 'MMM d', 'fr-FR')")).toBe('oct. 20');
  });
});
