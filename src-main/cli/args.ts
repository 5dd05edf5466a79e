import { CodedError } from '../../src-shared/coded-error.ts';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A usage mistake: the CLI prints it with the command's help hint and exits with code 2. */
export class UsageError extends CodedError<'UsageError'> {
  constructor(message: string) {
    super('UsageError', message);
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every command accepts. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  'data-dir': { type: 'string' },
} as const satisfies Options;

/** Parses argv strictly (unknown flags and missing values are UsageErrors). */
export function parseCommandArgs<O extends Options>(args: string[], options: O, maxPositionals: number) {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, '.'));
  }
  if (parsed.positionals.length > maxPositionals) throw new UsageError(`Unexpected argument '${parsed.positionals[maxPositionals]}'.`);
  return parsed;
}

/** Parses a whole number option within bounds. */
export function intOption(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got '${value}').`);
  return Number(value);
}

/** Parses an option restricted to a few words. */
export function choiceOption<T extends string>(value: string | undefined, name: string, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  const match = choices.find((choice) => choice.toLowerCase() === value.toLowerCase());
  if (!match) throw new UsageError(`--${name} must be one of ${choices.join(', ')} (got '${value}').`);
  return match;
}
