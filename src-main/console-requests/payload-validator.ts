import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { REQUEST_SCHEMAS, type RequestChannel } from '../../src-shared/contract.ts';
import { ApiError } from './api-error.ts';

/** Checks one request payload against its channel's schema; throws ApiError `InvalidPayload` naming the field. */
export type PayloadCheck = (channel: RequestChannel, payload: unknown) => void;

/** `/headers/0/1` → `headers[0][1]`: how a user reads a field path. */
function fieldName(pointer: string, extra?: string): string {
  const parts = pointer.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) parts.push(extra);
  let out = '';
  for (const part of parts) out += /^\d+$/.test(part) ? `[${part}]` : out ? `.${part}` : part;
  return out || '(the payload)';
}

/** A subschema of a `oneOf` whose `kind` property is fixed by `const` (the contract's tagged unions). */
function branchKind(branch: unknown): string | undefined {
  const kind = (branch as { properties?: { kind?: { const?: unknown } } } | undefined)?.properties?.kind?.const;
  return typeof kind === 'string' ? kind : undefined;
}

/**
 * Builds the checker: every schema in REQUEST_SCHEMAS compiled once, up front, so a
 * broken schema fails at start rather than on the first call of that channel.
 */
export function createPayloadCheck(): PayloadCheck {
  // verbose: the error carries the data and schema, which the oneOf explanation needs.
  const ajv = new Ajv({ allErrors: false, strict: true, verbose: true });
  const validators = new Map<string, ValidateFunction>();
  for (const [channel, schema] of Object.entries(REQUEST_SCHEMAS)) validators.set(channel, ajv.compile(schema));
  const branchValidators = new WeakMap<object, ValidateFunction>();

  const describe = (error: ErrorObject, prefix: string): string => {
    const where = prefix + error.instancePath;
    switch (error.keyword) {
      case 'required':
        return `missing required field "${fieldName(where, String(error.params.missingProperty))}"`;
      case 'additionalProperties':
        return `unknown field "${fieldName(where, String(error.params.additionalProperty))}"`;
      case 'type':
        return `field "${fieldName(where)}" must be ${error.params.type === 'integer' ? 'an integer' : `of type ${String(error.params.type)}`}`;
      case 'enum':
        return `field "${fieldName(where)}" must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      case 'const':
        return `field "${fieldName(where)}" must be ${JSON.stringify(error.params.allowedValue)}`;
      case 'oneOf':
        return describeOneOf(error, where);
      default:
        return `field "${fieldName(where)}" ${error.message ?? 'is not valid'}`;
    }
  };

  // A tagged union (`body: { kind: 'text', ... } | ...`): explain against the branch the
  // `kind` picks, since ajv's own oneOf report lists every branch's complaint.
  const describeOneOf = (error: ErrorObject, where: string): string => {
    const branches = (error.parentSchema as { oneOf?: unknown[] } | undefined)?.oneOf ?? [];
    const kinds = branches.map(branchKind);
    if (kinds.every((kind) => kind !== undefined)) {
      const data = error.data as { kind?: unknown } | null;
      const index = typeof data === 'object' && data !== null ? kinds.indexOf(data.kind as string) : -1;
      if (index < 0) return `field "${fieldName(where, 'kind')}" must be one of ${kinds.map((k) => JSON.stringify(k)).join(', ')}`;
      const branch = branches[index] as object;
      let validate = branchValidators.get(branch);
      if (!validate) {
        validate = ajv.compile(branch);
        branchValidators.set(branch, validate);
      }
      if (!validate(error.data) && validate.errors?.[0]) return describe(validate.errors[0], where);
    }
    return `field "${fieldName(where)}" does not match any allowed shape`;
  };

  return (channel, payload) => {
    const validate = validators.get(channel);
    if (!validate) throw new ApiError('UnknownChannel', `"${channel}" has no payload schema in src-shared/contract.ts.`);
    if (validate(payload)) return;
    // Branch complaints come before the oneOf error itself; the oneOf explanation is the useful one.
    const errors = validate.errors ?? [];
    const first = errors.find((error) => error.keyword === 'oneOf') ?? errors[0];
    const detail = first ? describe(first, '') : 'it does not match the schema';
    throw new ApiError('InvalidPayload', `Invalid payload for "${channel}": ${detail}.`);
  };
}
