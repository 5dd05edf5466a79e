import { INVARIANT } from '../culture.ts';
import { NumberFormatError, formatDotNetNumber } from '../dotnet-number-format.ts';
import { isNumber, numberOf } from '../float-value.ts';
import { isCultureInteger, parseCultureFloat } from '../number-parse.ts';
import type { FunctionSpec } from '../registry.ts';
import { stringArg, wrongType } from './args.ts';
import { cultureArg } from './date-time.ts';

/** Number-to-text and text-is-number functions (Microsoft's "String functions" table). */
export const numberTextFunctions: readonly FunctionSpec[] = [
  {
    name: 'formatNumber',
    minArgs: 2,
    maxArgs: 3,
    signature: "formatNumber(number, format, locale?: 'en-US' | 'is-IS' | ...)",
    keepsFloat: true,
    fn: (args, call) => {
      const v = args[0];
      if (!isNumber(v)) return wrongType(call, 0, 'an integer or a float', v);
      const format = stringArg(args, 1, call);
      const culture = cultureArg(args, 2, call);
      try {
        return formatDotNetNumber(numberOf(v), format, culture);
      } catch (error) {
        if (!(error instanceof NumberFormatError)) throw error;
        return call.fail('InvalidArgument', `${call.prefix} was given a format that is not valid: ${error.message}. Use a .NET numeric format such as 'N2', 'C2' or '#,##0.00'.`, 1);
      }
    },
  },
  {
    name: 'isInt',
    minArgs: 1,
    maxArgs: 2,
    signature: "isInt(text, locale?: 'en-US' | ...)",
    fn: (args, call) => {
      const text = stringArg(args, 0, call);
      return isCultureInteger(text, args.length > 1 ? cultureArg(args, 1, call) : INVARIANT);
    },
  },
  {
    name: 'isFloat',
    minArgs: 1,
    maxArgs: 2,
    signature: "isFloat(text, locale?: 'en-US' | 'de-DE' | ...)",
    // The invariant culture unless a locale is given, as the reference says.
    fn: (args, call) => {
      const text = stringArg(args, 0, call);
      const value = parseCultureFloat(text, args.length > 1 ? cultureArg(args, 1, call) : INVARIANT);
      return value !== undefined;
    },
  },
];
