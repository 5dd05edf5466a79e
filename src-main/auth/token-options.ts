import { AuthSetupError } from './auth-failure.ts';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** The longest lifetime accepted: one year, far beyond Azure AD's (60-90 min), enough for any local test. */
export const MAX_TOKEN_TTL_SECONDS = 365 * 86_400;

/** Parses a token lifetime: `90s`, `30m`, `1h`, `2d`, or plain seconds (`3600`). */
export function parseTtl(text: string): number {
  const match = /^\s*(\d+)\s*([smhd]?)\s*$/i.exec(text);
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[(match[2] || 's').toLowerCase()]! : NaN;
  if (!match || !Number.isSafeInteger(seconds) || seconds <= 0) {
    throw new AuthSetupError('InvalidTokenLifetime', `'${text}' is not a token lifetime. Write a positive whole number with an optional unit: 90s, 30m, 1h, 2d, or 3600 (seconds).`);
  }
  if (seconds > MAX_TOKEN_TTL_SECONDS) {
    throw new AuthSetupError('InvalidTokenLifetime', `'${text}' is longer than the maximum token lifetime of 365d.`);
  }
  return seconds;
}

// Values that read as JSON (arrays, objects, numbers, booleans) become JSON; the rest stay text.
const JSON_LOOKING = /^(\[.*\]|\{.*\}|-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false)$/s;

/**
 * Parses `--claim name=value` arguments into token claims. `roles=["a","b"]` gives an
 * array, `n=3` a number, `flag=true` a boolean, anything else the text after the first `=`.
 * A claim given twice is an error (for several values write a JSON array).
 */
export function parseClaimArgs(args: string[]): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq).trim() : '';
    if (!name) {
      throw new AuthSetupError('InvalidClaimArgument', `'${arg}' is not a claim. Write name=value, e.g. --claim oid=1234 or --claim roles='["Reader","Writer"]'.`);
    }
    if (Object.hasOwn(claims, name)) {
      throw new AuthSetupError('InvalidClaimArgument', `The claim '${name}' is given twice. For several values write a JSON array: ${name}='["a","b"]'.`);
    }
    const raw = arg.slice(eq + 1);
    let value: unknown = raw;
    if (JSON_LOOKING.test(raw.trim())) {
      try {
        value = JSON.parse(raw);
      } catch (error) {
        throw new AuthSetupError('InvalidClaimArgument', `The value of claim '${name}' looks like JSON but does not parse (${(error as Error).message}). Quote it for your shell, e.g. ${name}='["a","b"]'.`);
      }
    }
    claims[name] = value;
  }
  return claims;
}
