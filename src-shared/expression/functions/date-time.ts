import { DateFormatError, formatDotNetDate } from '../dotnet-date-format.ts';
import type { FunctionSpec } from '../registry.ts';
import { stringArg } from './args.ts';

/** Date and time functions (Microsoft's "Date and time functions" table). */
export const dateTimeFunctions: readonly FunctionSpec[] = [
  {
    name: 'utcNow',
    minArgs: 0,
    maxArgs: 1,
    signature: "utcNow(format?: 'o' | 'yyyy-MM-dd' | ...)",
    fn: (args, call) => {
      const format = args.length > 0 ? stringArg(args, 0, call) : 'o';
      const now = call.ctx.now ? call.ctx.now() : new Date();
      try {
        return formatDotNetDate(now, format);
      } catch (error) {
        if (!(error instanceof DateFormatError)) throw error;
        return call.fail('InvalidArgument', `${call.prefix} was given a format that is not valid: ${error.message}.`, 0);
      }
    },
  },
];
