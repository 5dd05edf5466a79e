import { Ajv, type ValidateFunction } from 'ajv';
import { readdir } from 'node:fs/promises';
import { SAVED_ENVIRONMENT_SCHEMA, SAVED_REQUEST_SCHEMA } from '../../src-shared/collections-schema.ts';
import type { SavedEnvironment, SavedRequest } from '../../src-shared/collections.ts';
import type { Problem } from '../../src-shared/problems.ts';
import { readTextFile } from '../files/files.ts';
import { CollectionError } from './collection-error.ts';

let validators: { request: ValidateFunction; environment: ValidateFunction } | undefined;

/** The two file validators, compiled once (the same schemas the API contract checks payloads with). */
function compiled(): { request: ValidateFunction; environment: ValidateFunction } {
  if (!validators) {
    const ajv = new Ajv({ allErrors: false, strict: true });
    validators = { request: ajv.compile(SAVED_REQUEST_SCHEMA), environment: ajv.compile(SAVED_ENVIRONMENT_SCHEMA) };
  }
  return validators;
}

/** Why `value` is not a valid saved request or environment, as `<pointer> <reason>`; undefined when valid. */
export function whyInvalid(kind: 'request' | 'environment', value: unknown): { pointer: string; message: string } | undefined {
  const validate = compiled()[kind];
  if (validate(value)) return undefined;
  const error = validate.errors?.[0];
  if (!error) return { pointer: '', message: 'it does not match the file format' };
  const extra = error.keyword === 'additionalProperties' ? ` (unknown field "${String(error.params.additionalProperty)}")` : error.keyword === 'required' ? ` (missing "${String(error.params.missingProperty)}")` : '';
  return { pointer: error.instancePath, message: `${error.instancePath || 'the file'} ${error.message ?? 'is not valid'}${extra}` };
}

/** Throws a CollectionError when `value` is not a valid saved request or environment payload. */
export function requireValid(kind: 'request' | 'environment', value: unknown): void {
  const why = whyInvalid(kind, value);
  if (why) throw new CollectionError(kind === 'request' ? 'InvalidSavedRequest' : 'InvalidEnvironment', `The ${kind === 'request' ? 'saved request' : 'environment'} is not valid: ${why.message}. Nothing was saved.`);
}

/**
 * Reads and checks one store file. A file that does not parse or does not match the
 * format becomes a Problem (the file is left as it is, for the user to fix), never an
 * exception that would hide the other files.
 */
export async function readStoreFile<T extends SavedRequest | SavedEnvironment>(kind: 'request' | 'environment', path: string, relative: string): Promise<{ value?: T; problem?: Problem }> {
  let json: unknown;
  try {
    json = JSON.parse(await readTextFile(path));
  } catch (error) {
    return { problem: { code: kind === 'request' ? 'InvalidSavedRequest' : 'InvalidEnvironment', severity: 'error', message: `${relative} is not valid JSON (${(error as Error).message}). Fix or delete the file; the other files still load.`, file: relative, pointer: '' } };
  }
  const why = whyInvalid(kind, json);
  if (why) return { problem: { code: kind === 'request' ? 'InvalidSavedRequest' : 'InvalidEnvironment', severity: 'error', message: `${relative}: ${why.message}. Fix the file; the other files still load.`, file: relative, pointer: why.pointer } };
  return { value: json as T };
}

/** The entries of a folder, or none when it does not exist yet. */
export async function listFolder(path: string): Promise<{ name: string; isDirectory: boolean; isFile: boolean }[]> {
  try {
    const entries = await readdir(path, { withFileTypes: true });
    return entries.map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory(), isFile: entry.isFile() })).sort((a, b) => a.name.localeCompare(b.name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Two-space JSON with a final newline: what a user would write, so diffs stay small. */
export function storeText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
