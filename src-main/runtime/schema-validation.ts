import { CodedError } from '../../src-shared/coded-error.ts';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';

/**
 * `EnableSchemaValidation` for the Request trigger, with ajv (the fastest maintained
 * JSON Schema validator; it compiles each schema once to a function). Logic Apps
 * schemas are draft-04 style, but the designer and real files also carry draft
 * 2019-09/2020-12 keywords, so the draft follows `$schema`, and a schema without one
 * uses draft-04 when it has draft-04-only forms (boolean `exclusiveMinimum`), else
 * draft-07 (which accepts the numeric forms newer files use).
 */

// ajv ships CommonJS; createRequire keeps this working under Node's ESM and in bundles.
const requireCjs = createRequire(import.meta.url);
const AjvDraft07 = requireCjs('ajv').default as typeof import('ajv').default;
const Ajv2019 = requireCjs('ajv/dist/2019').default as typeof import('ajv').default;
const Ajv2020 = requireCjs('ajv/dist/2020').default as typeof import('ajv').default;
const AjvDraft04 = requireCjs('ajv-draft-04').default as typeof import('ajv').default;
const addFormats = requireCjs('ajv-formats').default as (ajv: InstanceType<typeof AjvDraft07>) => void;

type Draft = '04' | '07' | '2019' | '2020';
type Ajv = InstanceType<typeof AjvDraft07>;

const instances = new Map<Draft, Ajv>();
const cache = new WeakMap<object, ValidateFunction | SchemaCompileError>();

/** A trigger schema that is not a valid JSON Schema. */
export class SchemaCompileError extends CodedError<'InvalidTriggerSchema'> {
  constructor(message: string) {
    super('InvalidTriggerSchema', message);
  }
}

function ajvFor(draft: Draft): Ajv {
  let ajv = instances.get(draft);
  if (!ajv) {
    // allErrors: a body is refused once, with every violation listed (docs/runtime.md).
    const options = { allErrors: true, strict: false, validateFormats: true, logger: false as const };
    const Ctor = draft === '04' ? AjvDraft04 : draft === '2019' ? Ajv2019 : draft === '2020' ? Ajv2020 : AjvDraft07;
    ajv = new Ctor(options);
    addFormats(ajv);
    instances.set(draft, ajv);
  }
  return ajv;
}

function hasBooleanExclusive(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  for (const [key, child] of Object.entries(value)) {
    if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof child === 'boolean') return true;
    if (hasBooleanExclusive(child)) return true;
  }
  return false;
}

function draftOf(schema: Record<string, unknown>): Draft {
  const uri = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (uri.includes('draft-04')) return '04';
  if (uri.includes('2019-09')) return '2019';
  if (uri.includes('2020-12')) return '2020';
  if (uri.includes('draft-06') || uri.includes('draft-07')) return '07';
  return hasBooleanExclusive(schema) ? '04' : '07';
}

/** Compiles (once per schema object) and returns the validator, or a SchemaCompileError. */
export function compileTriggerSchema(schema: object): ValidateFunction | SchemaCompileError {
  let compiled = cache.get(schema);
  if (!compiled) {
    try {
      const copy = { ...(schema as Record<string, unknown>) };
      delete copy.$id; // ids repeat across workflows; the cache is by object, not by id
      delete copy.id;
      compiled = ajvFor(draftOf(copy)).compile(copy);
    } catch (error) {
      compiled = new SchemaCompileError(`The trigger's schema is not a valid JSON Schema: ${(error as Error).message}`);
    }
    cache.set(schema, compiled);
  }
  return compiled;
}

/** Json.NET's name for a value's type, as Azure's schema errors say it (`Integer`, `Float`, `String`...). */
export function jsonTypeName(value: unknown): string {
  if (value === null) return 'Null';
  if (Array.isArray(value)) return 'Array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'Float';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'object') return 'Object';
  return 'Undefined';
}

/** A schema type as Json.NET names it (`string` → `String`). */
function schemaTypeName(type: string): string {
  return type.charAt(0).toUpperCase() + type.slice(1);
}

/** A JSON pointer (`/items/0/name`) as Json.NET writes a path (`items[0].name`); the body itself is `''`. */
export function jsonPath(pointer: string): string {
  if (!pointer) return '';
  let path = '';
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (/^\d+$/.test(segment)) path += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) path += path ? `.${segment}` : segment;
    else path += `['${segment.replaceAll("'", "\\'")}']`;
  }
  return path;
}

/** The value a pointer names inside the body (ajv reports where, not what, without its verbose mode). */
function valueAt(body: unknown, pointer: string): unknown {
  let value = body;
  if (!pointer) return value;
  for (const raw of pointer.slice(1).split('/')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[raw.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return value;
}

function describe(error: ErrorObject, body: unknown): string {
  const path = `Path '${jsonPath(error.instancePath)}'.`;
  switch (error.keyword) {
    case 'type': {
      const expected = ([] as string[]).concat(error.params.type as string | string[]).flatMap((t) => String(t).split(',')).map(schemaTypeName).join(', ');
      return `Invalid type. Expected ${expected} but got ${jsonTypeName(valueAt(body, error.instancePath))}. ${path}`;
    }
    case 'enum':
      return `Value ${JSON.stringify(valueAt(body, error.instancePath))} is not defined in enum. ${path}`;
    default:
      return `${(error.message ?? 'does not match the schema').replace(/^./, (c) => c.toUpperCase())}. ${path}`;
  }
}

/** Every violation, one sentence each; missing required properties of one object listed together, as Json.NET does. */
function describeAll(errors: ErrorObject[], body: unknown): string[] {
  // In order of first appearance: a sentence, or the pointer of an object missing properties.
  const entries: Array<{ line: string } | { pointer: string }> = [];
  const missing = new Map<string, string[]>();
  for (const error of errors) {
    if (error.keyword !== 'required') {
      entries.push({ line: describe(error, body) });
      continue;
    }
    const names = missing.get(error.instancePath);
    if (names) names.push(String(error.params.missingProperty));
    else {
      missing.set(error.instancePath, [String(error.params.missingProperty)]);
      entries.push({ pointer: error.instancePath });
    }
  }
  return entries.map((entry) =>
    'line' in entry ? entry.line : `Required properties are missing from object: ${missing.get(entry.pointer)!.join(', ')}. Path '${jsonPath(entry.pointer)}'.`,
  );
}

/** Validates a body; returns null when it passes, else Azure-style error details. */
export function validateAgainstSchema(schema: object, body: unknown): string | null {
  const validate = compileTriggerSchema(schema);
  if (validate instanceof SchemaCompileError) return validate.message;
  if (validate(body)) return null;
  return describeAll(validate.errors ?? [], body).join(' ');
}
