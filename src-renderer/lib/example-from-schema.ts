/**
 * A starter body shaped like a trigger's schema (empty strings, zeros, one array item),
 * so a new user sees what to send instead of a blank editor.
 */
export function exampleFromSchema(schema: unknown, depth = 0): unknown {
  if (typeof schema !== 'object' || schema === null || depth > 8) return null;
  const s = schema as Record<string, unknown>;
  if ('default' in s) return s.default;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const properties = (s.properties ?? {}) as Record<string, unknown>;
      for (const [key, child] of Object.entries(properties)) out[key] = exampleFromSchema(child, depth + 1);
      return out;
    }
    case 'array':
      return s.items && !Array.isArray(s.items) ? [exampleFromSchema(s.items, depth + 1)] : [];
    case 'string':
      return '';
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    default:
      return s.properties ? exampleFromSchema({ ...s, type: 'object' }, depth) : null;
  }
}
