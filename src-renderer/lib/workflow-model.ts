/**
 * Reads and edits the two parts of a `workflow.json` the form editor covers: the
 * Request trigger and the Response action. Edits return a new file object and keep
 * every key the form does not know (trackedProperties, metadata, runAfter...), so a
 * form edit never loses what the code view holds.
 */
import { parseOperationOptions } from '../../src-shared/workflow/operation-options.ts';

type Json = Record<string, unknown>;

/** The Request trigger as the form shows it. */
export interface TriggerForm {
  name: string;
  /** '' means "Default (Allow all methods)": no `method` key. */
  method: string;
  relativePath: string;
  schema: unknown;
  schemaValidation: boolean;
  /** The trigger's `description`, when the file has one. */
  description?: string;
  /** `conditions[].expression`: the trigger fires only when each is true. */
  conditions: string[];
}

/** The Response action as the form shows it. */
export interface ResponseForm {
  name: string;
  /** Kept as text: a number, or an expression such as `@{variables('code')}`. */
  statusCode: string;
  headers: [string, string][];
  /** `undefined` when the action has no body. */
  body: unknown;
  /** `inputs.headers` as written (an object, or an expression), for the headers' text view. */
  headersValue: unknown;
  /** "Response Body JSON Schema" (`inputs.schema`): what callers can expect; the portal's "add new parameter". */
  schema: unknown;
  /** `operationOptions: "Asynchronous"`: the caller gets 202 and a Location to poll. */
  asynchronous: boolean;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameType(value: unknown, type: string): boolean {
  return typeof value === 'string' && value.toLowerCase() === type.toLowerCase();
}

/** The WDL definition inside a workflow file (`{definition, kind}`), or the file when it is a bare definition. */
export function definitionOf(file: unknown): Json | undefined {
  if (!isObject(file)) return undefined;
  if (isObject(file.definition)) return file.definition;
  if (isObject(file.triggers) || isObject(file.actions)) return file;
  return undefined;
}

function withDefinition(file: Json, definition: Json): Json {
  if (isObject(file.definition)) return { ...file, definition };
  return definition;
}

function findEntry(map: unknown, type: string): [string, Json] | undefined {
  if (!isObject(map)) return undefined;
  for (const [name, value] of Object.entries(map)) if (isObject(value) && sameType(value.type, type)) return [name, value];
  return undefined;
}

/** The Request trigger of a workflow file, as form values. */
export function readTrigger(file: unknown): TriggerForm | undefined {
  const found = findEntry(definitionOf(file)?.triggers, 'Request');
  if (!found) return undefined;
  const [name, trigger] = found;
  const inputs = isObject(trigger.inputs) ? trigger.inputs : {};
  return {
    name,
    method: typeof inputs.method === 'string' ? inputs.method.toUpperCase() : '',
    relativePath: typeof inputs.relativePath === 'string' ? inputs.relativePath : '',
    schema: inputs.schema,
    schemaValidation: parseOperationOptions(trigger.operationOptions).has('EnableSchemaValidation'),
    conditions: Array.isArray(trigger.conditions) ? trigger.conditions.map((c) => (isObject(c) && typeof c.expression === 'string' ? c.expression : JSON.stringify(c))) : [],
    ...(typeof trigger.description === 'string' ? { description: trigger.description } : {}),
  };
}

/** The first top-level Response action, as form values. */
export function readResponse(file: unknown): ResponseForm | undefined {
  const found = findEntry(definitionOf(file)?.actions, 'Response');
  if (!found) return undefined;
  const [name, action] = found;
  const inputs = isObject(action.inputs) ? action.inputs : {};
  const status = inputs.statusCode;
  return {
    name,
    statusCode: status === undefined ? '' : typeof status === 'string' ? status : JSON.stringify(status),
    headers: isObject(inputs.headers) ? Object.entries(inputs.headers).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]) : [],
    body: inputs.body,
    headersValue: inputs.headers,
    schema: inputs.schema,
    asynchronous: parseOperationOptions(action.operationOptions).has('Asynchronous'),
  };
}

/** Changes to the Request trigger; `undefined` fields are left alone. */
export interface TriggerPatch {
  method?: string;
  relativePath?: string;
  /** `null` removes the schema. */
  schema?: unknown;
  schemaValidation?: boolean;
  /** Condition expressions; an empty list removes `conditions`. */
  conditions?: string[];
}

function setOrDelete(target: Json, key: string, value: unknown): void {
  if (value === undefined || value === '' || value === null) delete target[key];
  else target[key] = value;
}

/** Applies a trigger patch; returns the file unchanged when it has no Request trigger. */
export function updateTrigger(file: unknown, patch: TriggerPatch): unknown {
  const definition = definitionOf(file);
  const found = findEntry(definition?.triggers, 'Request');
  if (!definition || !found || !isObject(file)) return file;
  const [name, trigger] = found;
  const inputs: Json = { ...(isObject(trigger.inputs) ? trigger.inputs : {}) };
  if (patch.method !== undefined) setOrDelete(inputs, 'method', patch.method.toUpperCase());
  if (patch.relativePath !== undefined) setOrDelete(inputs, 'relativePath', patch.relativePath);
  if (patch.schema !== undefined) setOrDelete(inputs, 'schema', patch.schema);
  const next: Json = { ...trigger, inputs };
  if (patch.schemaValidation !== undefined) {
    // operationOptions is a ", "-joined list: toggle one option, keep the others as written.
    const options = [...parseOperationOptions(trigger.operationOptions)].filter((o) => o !== 'EnableSchemaValidation');
    if (patch.schemaValidation) options.unshift('EnableSchemaValidation');
    setOrDelete(next, 'operationOptions', options.join(', '));
  }
  if (patch.conditions !== undefined) {
    const kept = patch.conditions.filter((c) => c.trim() !== '').map((expression) => ({ expression }));
    setOrDelete(next, 'conditions', kept.length > 0 ? kept : undefined);
  }
  const triggers = { ...(definition.triggers as Json), [name]: next };
  return withDefinition(file, { ...definition, triggers });
}

/** Changes to the Response action; `undefined` fields are left alone. */
export interface ResponsePatch {
  statusCode?: string;
  headers?: [string, string][];
  /** `null` removes the body. */
  body?: unknown;
  /** The whole `inputs.headers` value from the text view; `null` removes it. */
  headersValue?: unknown;
  /** `null` removes the schema. */
  schema?: unknown;
  asynchronous?: boolean;
}

/** Applies a Response patch; returns the file unchanged when it has no Response action. */
export function updateResponse(file: unknown, patch: ResponsePatch): unknown {
  const definition = definitionOf(file);
  const found = findEntry(definition?.actions, 'Response');
  if (!definition || !found || !isObject(file)) return file;
  const [name, action] = found;
  const inputs: Json = { ...(isObject(action.inputs) ? action.inputs : {}) };
  if (patch.statusCode !== undefined) {
    const text = patch.statusCode.trim();
    // A plain number is written as a number (the designer does); anything else is an expression.
    inputs.statusCode = /^\d+$/.test(text) ? Number(text) : text;
  }
  if (patch.headers !== undefined) {
    const headers: Json = {};
    for (const [k, v] of patch.headers) if (k.trim() !== '') headers[k.trim()] = v;
    setOrDelete(inputs, 'headers', Object.keys(headers).length > 0 ? headers : undefined);
  }
  if (patch.body !== undefined) setOrDelete(inputs, 'body', patch.body);
  if (patch.headersValue !== undefined) setOrDelete(inputs, 'headers', isObject(patch.headersValue) && Object.keys(patch.headersValue).length === 0 ? undefined : patch.headersValue);
  if (patch.schema !== undefined) setOrDelete(inputs, 'schema', patch.schema);
  const next: Json = { ...action, inputs };
  if (patch.asynchronous !== undefined) {
    // operationOptions is a ", "-joined list: toggle one option, keep the others as written.
    const options = [...parseOperationOptions(action.operationOptions)].filter((o) => o !== 'Asynchronous');
    if (patch.asynchronous) options.unshift('Asynchronous');
    setOrDelete(next, 'operationOptions', options.join(', '));
  }
  const actions = { ...(definition.actions as Json), [name]: next };
  return withDefinition(file, { ...definition, actions });
}

/** Adds a Response action that runs after the trigger (no runAfter), answering 200 with the trigger body. */
export function addResponseAction(file: unknown): unknown {
  const definition = definitionOf(file);
  if (!definition || !isObject(file) || findEntry(definition.actions, 'Response')) return file;
  const actions = { ...(isObject(definition.actions) ? definition.actions : {}) };
  actions.Response = { type: 'Response', kind: 'Http', inputs: { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: '@triggerBody()' }, runAfter: {} };
  return withDefinition(file, { ...definition, actions });
}
