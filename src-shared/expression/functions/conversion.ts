import { findJsonDepthExcess } from '../../json-depth.ts';
import { decodeContent, isContentEnvelope, isXmlContent, mediaTypeOf, tryDecodeContent } from '../content.ts';
import { FLOAT_DEFAULT, INVARIANT } from '../culture.ts';
import { DECIMAL_MAX, Decimal, DecimalValue, decimalOf } from '../decimal-value.ts';
import { isNumber, makeFloat, numberOf } from '../float-value.ts';
import { normaliseNumber, parseCultureFloat } from '../number-parse.ts';
import { xmlToJson } from '../xml/xml-json.ts';
import { parseXmlArg } from './xml.ts';
import type { FunctionCall, FunctionSpec } from '../registry.ts';
import { toText, typeName } from '../values.ts';
import { quote, stringArg, wrongType } from './args.ts';
import { cultureArg } from './date-time.ts';

// .NET Int64 bounds: int() refuses values outside them.
const INT64_MIN = -9223372036854775808;
// Int64's largest value is 2^63 - 1, which a double rounds to 2^63: anything from 2^63 is past it.
const INT64_MAX = 2 ** 63;

// Int64.Parse with the invariant culture: sign, thousands separators, and a fraction made
// only of zeros ('1.0' is 1, '1.5' is refused).
const INT_TEXT = /^[+-]?\d[\d,]*(\.0*)?$/;

function notConvertible(call: FunctionCall, value: unknown, target: string): never {
  const shown = typeof value === 'string' ? ` '${quote(value)}'` : '';
  return call.fail(
    'InvalidConversion',
    `${call.prefix} was invoked with a parameter that is not valid: the value${shown} of type '${typeName(value)}' cannot be converted to ${target}.`,
    0,
  );
}

function toInteger(value: unknown, call: FunctionCall): number {
  let n: number;
  if (isNumber(value)) {
    n = numberOf(value);
  } else if (typeof value === 'string' && INT_TEXT.test(value.trim())) {
    n = Number(value.trim().replace(/,/g, '').replace(/\.0*$/, ''));
  } else if (typeof value === 'string' && /^\s*nan\s*$/i.test(value)) {
    // Azure reads 'NaN' as a double and converts it: Int64.MinValue.
    return INT64_MIN;
  } else {
    return notConvertible(call, value, 'an integer');
  }
  if (!Number.isInteger(n)) return notConvertible(call, value, 'an integer (it has a fractional part)');
  if (n < INT64_MIN || n >= INT64_MAX) {
    return call.fail('Overflow', `${call.prefix} cannot convert ${n} to an integer: it is outside the 64-bit range.`, 0);
  }
  return n;
}

function toFloat(args: unknown[], call: FunctionCall): unknown {
  const value = args[0];
  // float('10.000,333', 'de-DE') is 10000.333; without a locale, '.' and ',' as in en-US,
  // where infinity is written '∞' (Azure refuses float('Infinity') but not float('Infinity', '')).
  const culture = args.length > 1 ? cultureArg(args, 1, call) : FLOAT_DEFAULT;
  if (isNumber(value)) return makeFloat(numberOf(value));
  if (typeof value === 'string') {
    const n = parseCultureFloat(value, culture);
    if (n !== undefined) return makeFloat(n);
  }
  return notConvertible(call, value, 'a float');
}

function parseJson(text: string, call: FunctionCall): unknown {
  const excess = findJsonDepthExcess(text);
  if (excess) {
    // The run record and every later walk of the value would overflow on deeper JSON.
    return call.fail('InvalidJson', `${call.prefix} parameter is not valid. The provided JSON nests more than ${excess.limit} levels deep; at most ${excess.limit} are accepted.`, 0);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return call.fail(
      'InvalidJson',
      `${call.prefix} parameter is not valid. The provided value '${quote(text)}' cannot be parsed as JSON: ${reason}.`,
      0,
    );
  }
}

/** Conversion functions (Microsoft's "Conversion functions" table). */
export const conversionFunctions: readonly FunctionSpec[] = [
  {
    name: 'string',
    minArgs: 1,
    maxArgs: 1,
    signature: 'string(value)',
    keepsFloat: true,
    fn: (args) => toText(args[0]),
  },
  {
    name: 'json',
    minArgs: 1,
    maxArgs: 1,
    signature: 'json(textOrBinaryBody)',
    fn: (args, call) => {
      const v = args[0];
      if (typeof v === 'string') return parseJson(v, call);
      // The reference: "If the string is null, the function returns an empty object."
      if (v === null) return {};
      if (isXmlContent(v)) return xmlToJson(parseXmlArg(decodeContent(v), call, 0));
      if (isContentEnvelope(v)) {
        const text = tryDecodeContent(v);
        if (text === undefined) {
          return call.fail('InvalidJson', `${call.prefix} was given a binary body whose '$content' is not valid base64.`, 0);
        }
        return parseJson(text, call);
      }
      return wrongType(call, 0, 'a string or an XML', v);
    },
  },
  {
    name: 'int',
    minArgs: 1,
    maxArgs: 1,
    signature: 'int(value)',
    keepsFloat: true,
    // A text body (text/*) is read as its text; other binary values are refused, as on Azure.
    fn: (args, call) => toInteger(isContentEnvelope(args[0]) && mediaTypeOf(args[0]).startsWith('text/') ? decodeContent(args[0]) : args[0], call),
  },
  {
    name: 'float',
    minArgs: 1,
    maxArgs: 2,
    signature: "float(value, locale?: 'en-US' | 'de-DE' | ...)",
    keepsFloat: true,
    fn: (args, call) => toFloat(args, call),
  },
  {
    name: 'decimal',
    minArgs: 1,
    maxArgs: 1,
    signature: 'decimal(text)',
    keepsFloat: true,
    // .NET decimal: 28-29 significant digits, kept through math and string() (decimal-value.ts).
    fn: (args, call) => {
      const v = args[0];
      if (v instanceof DecimalValue) return v;
      if (isNumber(v)) return decimalOf(new Decimal(numberOf(v)));
      if (typeof v === 'string') {
        const text = normaliseNumber(v, INVARIANT, false);
        // .NET decimals keep the scale they were written with: decimal('5.0') writes '5.0'.
        if (text !== undefined) {
          const value = new Decimal(text);
          if (value.abs().greaterThanOrEqualTo(DECIMAL_MAX)) return notConvertible(call, v, 'a decimal (it is larger than 79,228,162,514,264,337,593,543,950,335)');
          return decimalOf(value, Math.min(28, /\.(\d*)/.exec(text)?.[1]?.length ?? 0));
        }
      }
      return notConvertible(call, v, 'a decimal');
    },
  },
  {
    name: 'array',
    minArgs: 1,
    maxArgs: 1,
    signature: 'array(value)',
    // One item in an array, whatever its type (an array too): createArray() for several.
    fn: (args) => [args[0] ?? null],
  },
  {
    name: 'bool',
    minArgs: 1,
    maxArgs: 1,
    signature: 'bool(value)',
    keepsFloat: true,
    fn: (args, call) => {
      const v = args[0];
      if (typeof v === 'boolean') return v;
      if (isNumber(v)) return numberOf(v) !== 0;
      if (typeof v === 'string') {
        const text = v.trim().toLowerCase();
        if (text === 'true') return true;
        if (text === 'false') return false;
      }
      return notConvertible(call, v, 'a boolean');
    },
  },
];
