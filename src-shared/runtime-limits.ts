import type { RuntimeLimits } from './contract.ts';

/** Each global limit's documented default (docs/runtime.md, Limits); Settings' `limits` overrides each. */
export const DEFAULT_RUNTIME_LIMITS: RuntimeLimits = {
  maxRunsInFlight: 1_000,
  maxBufferedBodyBytes: 256 * 1024 * 1024,
  recordValueBytes: 1024 * 1024,
};

/** The values each limit accepts, in the unit it is stored in (runs or bytes). */
export const RUNTIME_LIMIT_BOUNDS: Record<keyof RuntimeLimits, { min: number; max: number }> = {
  maxRunsInFlight: { min: 1, max: 1_000_000 },
  // Below 1 MiB no ordinary call would be admitted; 64 GiB is past any machine's memory.
  maxBufferedBodyBytes: { min: 1024 * 1024, max: 64 * 1024 * 1024 * 1024 },
  // A record keeps at least 1 KiB of a value, at most 100 MiB (the history stores every copy).
  recordValueBytes: { min: 1024, max: 100 * 1024 * 1024 },
};

/** Why a value cannot be the limit `name` (null when it can), in words for the settings file and the form. */
export function runtimeLimitProblem(name: keyof RuntimeLimits, value: unknown): string | null {
  const { min, max } = RUNTIME_LIMIT_BOUNDS[name];
  if (typeof value !== 'number' || !Number.isInteger(value)) return `'limits.${name}' must be a whole number.`;
  if (value < min || value > max) return `'limits.${name}' must be from ${min} to ${max}.`;
  return null;
}
