/**
 * A small JSON Schema checker for the composer's "body against the trigger's schema"
 * hints. Why not Ajv: Ajv compiles schemas with `new Function`, which the console's
 * Content-Security-Policy (no 'unsafe-eval', Electron checklist #7) forbids. The hints
 * cover what Logic Apps trigger schemas use (draft-04 style: type, properties, required,
 * items, enum, const, bounds, pattern, additionalProperties, allOf/anyOf/oneOf/not);
 * the listener's Ajv validation stays the authority.
 */

/** One schema violation: where in the body (JSON pointer) and what is wrong. */
export interface SchemaIssue {
  pointer: string;
  message: string;
}

type Schema = Record<string, unknown>;

const MAX_ISSUES = 50;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  if (type === 'number') return actual === 'number' || actual === 'integer';
  return actual === type;
}

function pointerChild(pointer: string, key: string | number): string {
  return `${pointer}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function label(pointer: string): string {
  return pointer === '' ? 'The body' : `'${pointer}'`;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function check(value: unknown, schema: unknown, pointer: string, out: SchemaIssue[]): void {
  if (out.length >= MAX_ISSUES || typeof schema !== 'object' || schema === null) return;
  const s = schema as Schema;
  const where = label(pointer);

  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => matchesType(value, t))) {
      out.push({ pointer, message: `${where} should be ${types.join(' or ')}, but is ${typeOf(value)}.` });
      return;
    }
  }
  if (Array.isArray(s.enum) && !s.enum.some((e) => deepEqual(e, value))) {
    out.push({ pointer, message: `${where} should be one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}.` });
  }
  if ('const' in s && !deepEqual(s.const, value)) {
    out.push({ pointer, message: `${where} should be ${JSON.stringify(s.const)}.` });
  }
  if (typeof value === 'string') {
    if (typeof s.minLength === 'number' && value.length < s.minLength) out.push({ pointer, message: `${where} should have at least ${s.minLength} characters.` });
    if (typeof s.maxLength === 'number' && value.length > s.maxLength) out.push({ pointer, message: `${where} should have at most ${s.maxLength} characters.` });
    if (typeof s.pattern === 'string') {
      try {
        if (!new RegExp(s.pattern, 'u').test(value)) out.push({ pointer, message: `${where} should match the pattern ${s.pattern}.` });
      } catch {
        // An invalid pattern is the schema's problem, reported by the workflow's own checks.
      }
    }
  }
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && (s.exclusiveMinimum === true ? value <= s.minimum : value < s.minimum)) out.push({ pointer, message: `${where} should be at least ${s.minimum}.` });
    if (typeof s.maximum === 'number' && (s.exclusiveMaximum === true ? value >= s.maximum : value > s.maximum)) out.push({ pointer, message: `${where} should be at most ${s.maximum}.` });
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) out.push({ pointer, message: `${where} should have at least ${s.minItems} items.` });
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) out.push({ pointer, message: `${where} should have at most ${s.maxItems} items.` });
    if (Array.isArray(s.items)) {
      s.items.forEach((itemSchema, i) => {
        if (i < value.length) check(value[i], itemSchema, pointerChild(pointer, i), out);
      });
    } else if (s.items !== undefined) {
      value.forEach((item, i) => check(item, s.items, pointerChild(pointer, i), out));
    }
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    const properties = (typeof s.properties === 'object' && s.properties !== null ? s.properties : {}) as Record<string, unknown>;
    if (Array.isArray(s.required)) {
      for (const name of s.required as string[]) {
        if (!Object.hasOwn(obj, name)) out.push({ pointer, message: `${where} is missing the required property '${name}'.` });
      }
    }
    for (const [key, child] of Object.entries(obj)) {
      if (Object.hasOwn(properties, key)) check(child, properties[key], pointerChild(pointer, key), out);
      else if (s.additionalProperties === false) out.push({ pointer: pointerChild(pointer, key), message: `${where} has a property '${key}' the schema does not allow.` });
      else if (typeof s.additionalProperties === 'object') check(child, s.additionalProperties, pointerChild(pointer, key), out);
    }
  }
  if (Array.isArray(s.allOf)) for (const sub of s.allOf) check(value, sub, pointer, out);
  if (Array.isArray(s.anyOf) && !s.anyOf.some((sub) => collect(value, sub, pointer).length === 0)) {
    out.push({ pointer, message: `${where} does not match any of the allowed shapes (anyOf).` });
  }
  if (Array.isArray(s.oneOf) && s.oneOf.filter((sub) => collect(value, sub, pointer).length === 0).length !== 1) {
    out.push({ pointer, message: `${where} should match exactly one of the allowed shapes (oneOf).` });
  }
  if (s.not !== undefined && collect(value, s.not, pointer).length === 0) {
    out.push({ pointer, message: `${where} matches a shape the schema forbids (not).` });
  }
}

function collect(value: unknown, schema: unknown, pointer: string): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  check(value, schema, pointer, out);
  return out;
}

/** Checks a parsed JSON value against a schema; returns the violations (empty when it fits). */
export function checkAgainstSchema(value: unknown, schema: unknown): SchemaIssue[] {
  return collect(value, schema, '');
}
