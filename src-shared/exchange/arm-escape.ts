/**
 * ARM evaluates any template string that starts with `[` and ends with `]` as a template
 * expression; a literal such string is written with a doubled `[[` (docs/exchange.md).
 * Workflow definitions are full of strings ARM must leave alone, so export escapes them
 * and import unescapes them.
 */

/** True for a string ARM reads as a template expression (`[...]`, not `[[...`). */
export function isArmExpression(value: string): boolean {
  return value.startsWith('[') && !value.startsWith('[[') && value.endsWith(']');
}

/** Escapes every string ARM would evaluate, at any depth, keys included. */
export function escapeArmStrings(value: unknown): unknown {
  if (typeof value === 'string') return value.startsWith('[') && value.endsWith(']') ? `[${value}` : value;
  if (Array.isArray(value)) return value.map(escapeArmStrings);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [escapeArmStrings(key) as string, escapeArmStrings(item)]));
  }
  return value;
}

/**
 * Undoes ARM's `[[` escape at any depth and reports each remaining ARM expression (by JSON
 * pointer): those only have a value once ARM deploys the template.
 */
export function unescapeArmStrings(value: unknown, pointer: string, expression: (pointer: string, text: string) => void): unknown {
  if (typeof value === 'string') {
    if (value.startsWith('[[') && value.endsWith(']')) return value.slice(1);
    if (isArmExpression(value)) expression(pointer, value);
    return value;
  }
  if (Array.isArray(value)) return value.map((item, i) => unescapeArmStrings(item, `${pointer}/${i}`, expression));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => {
        const name = key.startsWith('[[') && key.endsWith(']') ? key.slice(1) : key;
        return [name, unescapeArmStrings(item, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, expression)];
      }),
    );
  }
  return value;
}
