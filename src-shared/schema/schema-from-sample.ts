/**
 * "Use sample payload to generate schema", as the Logic Apps designer does it
 * (Azure/LogicAppsUX `workflow/schema/generator.ts`): `type` and `properties`, `items`
 * for arrays, integer vs number, `{}` for null, draft-04 keywords only, no `$schema` and
 * no top-level `required`. Where several array elements are objects, the item schema
 * lists the properties of all of them and `required` names those present in every
 * element: the designer does exactly this, and Triggerbench keeps it so a schema made
 * here validates like one made in the portal (`arrayItemsRequired: false` turns it off).
 * Two deliberate extensions, documented in docs/workspace.md: nested objects of array
 * elements are merged too (the designer keeps the first one), and a mix of integers and
 * decimals gives `number` (the designer gives no `items`).
 */

/** A JSON Schema object (draft-04 style). */
export type JsonSchema = Record<string, unknown>;

/** Options of `schemaFromSample`. */
export interface SchemaFromSampleOptions {
  /** Add `required` to object items of arrays, as the designer does. Default true. */
  arrayItemsRequired?: boolean;
}

type Kind = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

function kindOf(value: unknown): Kind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'number';
    case 'object':
      return 'object';
    default:
      throw new TypeError(`A sample payload can only hold JSON values; found ${typeof value}.`);
  }
}

/**
 * Escapes a property name that Logic Apps would read as an expression (`@x` → `@@x`,
 * `a@{b}` → `a@@{b}`), as the designer does, so the schema survives inside a definition.
 */
export function escapeExpressionText(name: string): string {
  if (name.startsWith('@')) return `@${name}`;
  return name.replace(/@\{/g, '@@{');
}

/** Generates a JSON Schema from a sample JSON value, like the designer's sample-payload button. */
export function schemaFromSample(value: unknown, options: SchemaFromSampleOptions = {}): JsonSchema {
  return generate(value, options.arrayItemsRequired ?? true);
}

function generate(value: unknown, itemsRequired: boolean): JsonSchema {
  const kind = kindOf(value);
  switch (kind) {
    case 'null':
      return {};
    case 'object': {
      const properties: Record<string, JsonSchema> = {};
      for (const [name, child] of Object.entries(value as Record<string, unknown>)) {
        properties[escapeExpressionText(name)] = generate(child, itemsRequired);
      }
      return { type: 'object', properties };
    }
    case 'array':
      return generateArray(value as unknown[], itemsRequired);
    default:
      return { type: kind };
  }
}

function generateArray(items: unknown[], itemsRequired: boolean): JsonSchema {
  const schema: JsonSchema = { type: 'array' };
  if (items.length === 0) return schema;
  const kinds = new Set(items.map(kindOf));
  if (kinds.size === 2 && kinds.has('integer') && kinds.has('number')) {
    schema.items = { type: 'number' };
    return schema;
  }
  // Mixed element types: the designer gives no `items`, so any element is accepted.
  if (kinds.size !== 1) return schema;
  const itemSchemas = items.map((item) => generate(item, itemsRequired));
  let merged = itemSchemas[0]!;
  for (const next of itemSchemas.slice(1)) merged = mergeSchemas(merged, next);
  if (kinds.has('object') && itemsRequired) {
    const objects = items as Record<string, unknown>[];
    merged.required = Object.keys(objects[0]!)
      .filter((name) => objects.every((o) => Object.hasOwn(o, name)))
      .map(escapeExpressionText);
  }
  schema.items = merged;
  return schema;
}

/** Union of two generated schemas; on a type conflict the first wins, as in the designer. */
function mergeSchemas(a: JsonSchema, b: JsonSchema): JsonSchema {
  if (a.type === 'integer' && b.type === 'number') return b;
  if (a.type !== b.type) return a;
  if (a.type === 'object') {
    const properties = { ...(a.properties as Record<string, JsonSchema>) };
    for (const [name, schema] of Object.entries(b.properties as Record<string, JsonSchema>)) {
      properties[name] = Object.hasOwn(properties, name) ? mergeSchemas(properties[name]!, schema) : schema;
    }
    const merged: JsonSchema = { type: 'object', properties };
    // Nested arrays of objects: a property is required only if every element had it.
    if (Array.isArray(a.required) && Array.isArray(b.required)) {
      const other = new Set(b.required as string[]);
      merged.required = (a.required as string[]).filter((name) => other.has(name));
    }
    return merged;
  }
  if (a.type === 'array') {
    if (a.items === undefined) return b.items === undefined ? a : b;
    if (b.items === undefined) return a;
    return { ...a, items: mergeSchemas(a.items as JsonSchema, b.items as JsonSchema) };
  }
  return a;
}
