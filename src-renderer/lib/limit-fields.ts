import type { RuntimeLimits } from '../../src-shared/contract.ts';
import { DEFAULT_RUNTIME_LIMITS, RUNTIME_LIMIT_BOUNDS } from '../../src-shared/runtime-limits.ts';

/** A global limit as the Settings form shows it: in runs, MiB or KiB rather than bytes. */
export interface LimitField {
  name: keyof RuntimeLimits;
  label: string;
  unit: 'runs' | 'MiB' | 'KiB';
  /** Bytes (or runs) per unit shown. */
  scale: number;
  hint: string;
}

/** The three global limits of docs/runtime.md (Limits), in the order the form lists them. */
export const LIMIT_FIELDS: readonly LimitField[] = [
  { name: 'maxRunsInFlight', label: 'Runs in flight', unit: 'runs', scale: 1, hint: 'Runs admitted and not finished, all workflows together. Beyond it a call gets 429 with Retry-After.' },
  { name: 'maxBufferedBodyBytes', label: 'Request bodies held in flight', unit: 'MiB', scale: 1024 * 1024, hint: 'Request body bytes the calls in flight hold in memory. Beyond it a call gets 429 before its body is read.' },
  { name: 'recordValueBytes', label: 'Kept of each value in a run record', unit: 'KiB', scale: 1024, hint: 'The most of each body, action input and output a run record keeps; the rest is cut and marked truncated.' },
];

/** A limit's value in the field's unit, as text. */
export function limitText(field: LimitField, value: number): string {
  return String(value / field.scale);
}

/** The documented default in the field's unit, for the hint ("Default: 256 MiB"). */
export function limitDefaultText(field: LimitField): string {
  return `${(DEFAULT_RUNTIME_LIMITS[field.name] / field.scale).toLocaleString('en-US')} ${field.unit}`;
}

/** What a field's text means: the stored value, or what is wrong with it in the field's unit. */
export function parseLimitField(field: LimitField, text: string): { value: number } | { error: string } {
  const { min, max } = RUNTIME_LIMIT_BOUNDS[field.name];
  const low = Math.ceil(min / field.scale);
  const high = Math.floor(max / field.scale);
  const range = `${low.toLocaleString('en-US')} to ${high.toLocaleString('en-US')} ${field.unit}`;
  const trimmed = text.trim().replace(/[,_\s]/g, '');
  if (trimmed === '') return { error: `Enter a number of ${field.unit} (${range}); the default is ${limitDefaultText(field)}.` };
  if (!/^\d+$/.test(trimmed)) return { error: `Enter a whole number of ${field.unit}, from ${range}.` };
  const shown = Number(trimmed);
  if (shown < low || shown > high) return { error: `Must be from ${range}.` };
  return { value: shown * field.scale };
}
