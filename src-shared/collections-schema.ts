/**
 * Checks for the saved-request and environment files (`src-shared/collections.ts`):
 * the JSON Schemas the API contract validates payloads with and the store validates
 * files with, and the naming rules for collection folders and request files. One copy,
 * so the console, the core and the Postman mapping agree on what a valid file is.
 */
import { COLLECTION_FORMAT_VERSION, REQUEST_FILE_SUFFIX } from './collections.ts';

const str = (maxLength: number) => ({ type: 'string', maxLength });
const row = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'value'],
  properties: { name: str(8192), value: str(1_000_000), enabled: { type: 'boolean' } },
};
const rows = { type: 'array', maxItems: 500, items: row };
const tagged = (mode: string, properties: Record<string, unknown>, required: string[]) => ({
  type: 'object',
  additionalProperties: false,
  required: ['mode', ...required],
  properties: { mode: { const: mode }, ...properties },
});
const authTagged = (type: string, properties: Record<string, unknown>, required: string[]) => ({
  type: 'object',
  additionalProperties: false,
  required: ['type', ...required],
  properties: { type: { const: type }, ...properties },
});

/** JSON Schema of a SavedRequest (one `<request>.request.json`). */
export const SAVED_REQUEST_SCHEMA: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'name', 'method', 'url', 'headers', 'body', 'auth'],
  properties: {
    version: { const: COLLECTION_FORMAT_VERSION },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: str(100_000),
    method: { type: 'string', pattern: '^[A-Za-z]{1,20}$' },
    url: str(16384),
    target: {
      type: 'object',
      additionalProperties: false,
      required: ['workflow'],
      properties: { workflow: { type: 'string', minLength: 1, maxLength: 200 }, trigger: str(200), relativePath: str(4096), query: rows },
    },
    headers: rows,
    body: {
      oneOf: [
        tagged('none', {}, []),
        tagged('json', { text: str(50_000_000) }, ['text']),
        tagged('text', { text: str(50_000_000), contentType: str(500) }, ['text']),
        tagged('form', { fields: rows }, ['fields']),
        tagged('file', { path: str(4096), contentType: str(500) }, ['path']),
      ],
    },
    auth: {
      oneOf: [authTagged('none', {}, []), authTagged('sas', { key: { enum: ['primary', 'secondary'] } }, []), authTagged('bearer', { token: str(100_000) }, ['token'])],
    },
  },
};

/** JSON Schema of a SavedEnvironment (one `<environment>.environment.json`). */
export const SAVED_ENVIRONMENT_SCHEMA: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'name', 'variables'],
  properties: {
    version: { const: COLLECTION_FORMAT_VERSION },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    variables: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, value: str(1_000_000), secret: { type: 'boolean' }, enabled: { type: 'boolean' } },
      },
    },
  },
};

const FOLDER_NAME = /^[A-Za-z0-9][A-Za-z0-9 _.()-]*$/;
const MAX_FOLDER_NAME = 100;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * Checks a collection or environment name before it becomes a folder or file name:
 * letters, digits, spaces, `_ . ( ) -`, starting with a letter or digit, at most 100
 * characters, not ending in a dot or space and not a name Windows reserves. This also
 * rules out path traversal. Returns the reason when the name is not valid.
 */
export function checkStoreName(kind: 'collection' | 'environment', name: string): string | undefined {
  const fail = (why: string) => `'${name}' cannot be ${kind === 'collection' ? 'a collection' : 'an environment'} name: ${why}`;
  if (name.length === 0) return fail('the name is empty.');
  if (name.length > MAX_FOLDER_NAME) return fail(`it is longer than ${MAX_FOLDER_NAME} characters.`);
  if (!FOLDER_NAME.test(name)) return fail("use letters, digits, spaces and '_ . ( ) -', starting with a letter or digit.");
  if (/[. ]$/.test(name)) return fail('it may not end with a dot or a space.');
  if (WINDOWS_RESERVED.test(name)) return fail('Windows reserves that name for a device.');
  return undefined;
}

/**
 * The file name a new saved request gets from its display name: lower-case words
 * joined by `-` (readable in a diff, safe on every file system), made unique among
 * `taken` (compared case-insensitively) with `-2`, `-3`...
 */
export function requestFileName(name: string, taken: readonly string[]): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'request';
  const used = new Set(taken.map((file) => file.toLowerCase()));
  const safe = WINDOWS_RESERVED.test(base) ? `${base}-request` : base;
  for (let n = 1; ; n += 1) {
    const file = `${n === 1 ? safe : `${safe}-${n}`}${REQUEST_FILE_SUFFIX}`;
    if (!used.has(file)) return file;
  }
}

/** True when `file` is a plain request file name (no folders), as `requestFileName` makes or a user names one. */
export function isRequestFileName(file: string): boolean {
  return file.endsWith(REQUEST_FILE_SUFFIX) && file.length > REQUEST_FILE_SUFFIX.length && file.length <= 200 && /^[A-Za-z0-9][A-Za-z0-9 _.()-]*$/.test(file);
}
