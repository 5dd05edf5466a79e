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
    const options = { allErrors: false, strict: false, validateFormats: true, logger: false as const };
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

function describe(error: ErrorObject): string {
  const where = error.instancePath ? `'${error.instancePath.slice(1).replaceAll('/', '.')}'` : 'the body';
  switch (error.keyword) {
    case 'type':
      return `Invalid type at ${where}. Expected ${String(error.params.type)} but got ${error.data === null ? 'null' : Array.isArray(error.data) ? 'array' : typeof error.data}.`;
    case 'required':
      return `Required property '${String(error.params.missingProperty)}' not found in ${where}.`;
    case 'enum':
      return `Value at ${where} is not one of the allowed values ${JSON.stringify(error.params.allowedValues)}.`;
    default:
      return `Value at ${where} ${error.message ?? 'does not match the schema'}.`;
  }
}

/** Validates a body; returns null when it passes, else Azure-style error details. */
export function validateAgainstSchema(schema: object, body: unknown): string | null {
  const validate = compileTriggerSchema(schema);
  if (validate instanceof SchemaCompileError) return validate.message;
  if (validate(body)) return null;
  return (validate.errors ?? []).map(describe).join(' ');
}
