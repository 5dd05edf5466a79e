import { exceedsJsonDepth, MAX_JSON_DEPTH } from './json-depth.ts';

/**
 * How the run history stores large and repeated values (docs/history.md, "Limits"):
 * a value over the record limit becomes a TruncatedValue, and a value that is another
 * part of the same record (the trigger body inside the Response action's inputs, say)
 * becomes a reference to it, resolved again when the record is read.
 */

/** A value too large for the run record: its size and the start of its JSON. */
export interface TruncatedValue {
  $truncated: true;
  /** Size of the value's JSON, in bytes (UTF-8 estimated as UTF-16 length). */
  size: number;
  /** The first bytes of the value's JSON. */
  text: string;
}

/** True for a value the history cut (the console shows it with a "truncated" notice). */
export function isTruncatedValue(value: unknown): value is TruncatedValue {
  return typeof value === 'object' && value !== null && (value as { $truncated?: unknown }).$truncated === true && typeof (value as TruncatedValue).text === 'string';
}

/**
 * Size of a value's JSON (exact for ASCII text without escapes, an estimate otherwise)
 * when it is at most `limit` characters, else `limit + 1`.
 * Iterative and stops early, so measuring a 95 MB value costs what the limit costs.
 */
export function jsonSizeUpTo(value: unknown, limit: number): number {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current === 'string') size += current.length + 2;
    else if (typeof current === 'number' || typeof current === 'boolean') size += String(current).length;
    else if (current === null || current === undefined) size += 4;
    else if (typeof current === 'object') {
      if (Array.isArray(current)) {
        size += 2 + Math.max(0, current.length - 1);
        for (let i = current.length - 1; i >= 0; i--) stack.push(current[i]);
      } else {
        const keys = Object.keys(current);
        size += 2 + Math.max(0, keys.length - 1);
        for (const key of keys) {
          size += key.length + 3;
          stack.push((current as Record<string, unknown>)[key]);
        }
      }
    }
    if (size > limit) return limit + 1;
  }
  return size;
}

type Frame = { kind: 'array'; items: unknown[]; index: number } | { kind: 'object'; entries: [string, unknown][]; index: number };

/**
 * The start of a value's JSON, at most `maxChars` long, written iteratively (a value
 * too large or too deep for JSON.stringify is fine). Returns the text and whether the
 * value was written whole.
 */
export function jsonPrefix(value: unknown, maxChars: number): { text: string; complete: boolean } {
  const parts: string[] = [];
  let length = 0;
  const push = (text: string): boolean => {
    if (length + text.length > maxChars) {
      parts.push(text.slice(0, maxChars - length));
      length = maxChars;
      return false;
    }
    parts.push(text);
    length += text.length;
    return true;
  };
  const scalar = (item: unknown): string => {
    if (typeof item === 'string') return JSON.stringify(item.length > maxChars ? item.slice(0, maxChars) : item);
    if (typeof item === 'number') return Number.isFinite(item) ? String(item) : 'null';
    if (typeof item === 'boolean') return String(item);
    return 'null';
  };
  const open = (item: unknown): Frame | string => {
    if (typeof item !== 'object' || item === null) return scalar(item);
    return Array.isArray(item) ? { kind: 'array', items: item, index: 0 } : { kind: 'object', entries: Object.entries(item).filter(([, v]) => v !== undefined), index: 0 };
  };
  const stack: Frame[] = [];
  const start = (item: unknown): boolean => {
    const opened = open(item);
    if (typeof opened === 'string') return push(opened);
    stack.push(opened);
    return push(opened.kind === 'array' ? '[' : '{');
  };
  if (!start(value)) return { text: parts.join(''), complete: false };
  while (stack.length > 0) {
    const frame = stack.at(-1)!;
    const size = frame.kind === 'array' ? frame.items.length : frame.entries.length;
    if (frame.index >= size) {
      stack.pop();
      if (!push(frame.kind === 'array' ? ']' : '}')) return { text: parts.join(''), complete: stack.length === 0 && length <= maxChars };
      continue;
    }
    if (frame.index > 0 && !push(',')) return { text: parts.join(''), complete: false };
    const index = frame.index++;
    if (frame.kind === 'array') {
      if (!start(frame.items[index])) return { text: parts.join(''), complete: false };
    } else {
      const [key, item] = frame.entries[index]!;
      if (!push(`${JSON.stringify(key)}:`) || !start(item)) return { text: parts.join(''), complete: false };
    }
  }
  return { text: parts.join(''), complete: true };
}

/**
 * A value's JSON size as the record limit sees it: `limit + 1` when it is larger, or
 * nests deeper than MAX_JSON_DEPTH. Nesting that deep needs more than twice as many
 * brackets, so only values past that size are walked for depth.
 */
export function recordSize(value: unknown, limit: number): number {
  const size = jsonSizeUpTo(value, limit);
  if (size > limit || size <= 2 * MAX_JSON_DEPTH) return size;
  return exceedsJsonDepth(value, MAX_JSON_DEPTH) ? limit + 1 : size;
}

/**
 * The value as the record keeps it: itself when its JSON fits `limit` and it nests at
 * most MAX_JSON_DEPTH levels (a value an expression built deeper, which every reader
 * would have to walk, docs/history.md), else a TruncatedValue.
 */
export function boundedValue(value: unknown, limit: number): unknown {
  if (typeof value !== 'object' || value === null) {
    if (typeof value !== 'string' || value.length + 2 <= limit) return value;
  } else if (recordSize(value, limit) <= limit) {
    return value;
  }
  const prefix = jsonPrefix(value, limit);
  return { $truncated: true, size: jsonSizeUpTo(value, Number.MAX_SAFE_INTEGER), text: prefix.text } satisfies TruncatedValue;
}
