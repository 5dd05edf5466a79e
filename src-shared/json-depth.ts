/**
 * The nesting limit for JSON that users send or write (docs/runtime.md, "Limits").
 * Every part that walks a value (recording, search text, schema validation, expressions,
 * the workflow validators, the console's JSON tree) relies on values never being deeper,
 * so a 9 KB body of nested arrays cannot exhaust the stack of a recursive walk.
 */

/** Deepest nesting of arrays and objects accepted in a request body, a workflow file or `json()`. */
export const MAX_JSON_DEPTH = 128;

/** Where JSON text first nests deeper than the limit. */
export interface JsonDepthExcess {
  /** UTF-16 offset of the bracket that goes one level too deep. */
  offset: number;
  /** The limit that was passed. */
  limit: number;
}

/**
 * Finds the first `[` or `{` that nests deeper than `limit`, outside strings, in one pass
 * without parsing (so it runs before JSON.parse, whose result a deep text would make
 * dangerous to walk). Text that is not JSON is scanned the same way; the parser reports it.
 */
export function findJsonDepthExcess(text: string, limit = MAX_JSON_DEPTH): JsonDepthExcess | undefined {
  // Nesting deeper than the limit needs more opening brackets than that.
  if (text.length <= limit) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return { offset: i, limit };
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}

/**
 * True when a value (already parsed, or built by an expression) nests arrays and objects
 * deeper than `limit`. Iterative, so it is safe on any value.
 */
export function exceedsJsonDepth(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  // A value built by expressions may share parts: each is walked again only when met deeper.
  const deepestSeen = new Map<object, number>();
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (typeof current !== 'object' || current === null || (deepestSeen.get(current) ?? -1) >= depth) continue;
    if (depth + 1 > limit) return true;
    deepestSeen.set(current, depth);
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}
