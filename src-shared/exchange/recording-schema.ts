/**
 * JSON Schema (draft-07) of `<name>.recording.json`. `docs/schemas/recording.schema.json`
 * is this object, written out (a test keeps the two equal), so editors can validate
 * recordings and the replay runner validates each file it reads with the same rules.
 */
const stringMap = { type: 'object', additionalProperties: { type: 'string' } };
const body = {
  description: 'A message body: JSON as a JSON value, other text as text, binary as base64.',
  oneOf: [
    { type: 'object', required: ['json'], additionalProperties: false, properties: { json: {} } },
    { type: 'object', required: ['text'], additionalProperties: false, properties: { text: { type: 'string' } } },
    { type: 'object', required: ['base64'], additionalProperties: false, properties: { base64: { type: 'string', pattern: '^[A-Za-z0-9+/]*={0,2}$' } } },
  ],
};

/** The schema object. */
export const RECORDING_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://triggerbench.local/schemas/recording.schema.json',
  title: 'Triggerbench recording',
  description: 'One recorded call to a workflow and the response it is expected to get (docs/exchange.md).',
  type: 'object',
  required: ['format', 'version', 'name', 'workflow', 'trigger', 'request', 'expected', 'volatile'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    format: { const: 'triggerbench-recording' },
    version: { const: 1 },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string' },
    workflow: { type: 'string', minLength: 1, description: 'The workflow called (its folder name in the workspace).' },
    trigger: { type: 'string', minLength: 1, description: 'The name of its Request trigger.' },
    request: {
      type: 'object',
      required: ['method', 'headers', 'auth'],
      additionalProperties: false,
      properties: {
        method: { type: 'string', pattern: '^[A-Za-z]{1,20}$' },
        relativePath: { type: 'string', description: 'The part of the URL after /invoke, percent-encoded, without a leading slash.' },
        query: { type: 'array', items: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'string' } }, description: 'Query parameters other than api-version and the SAS ones.' },
        headers: stringMap,
        body,
        auth: {
          description: 'How the replay authenticates: SAS is signed afresh with the local keys; Bearer gets a token minted by the local issuer with these claims. Never a secret.',
          oneOf: [
            { type: 'object', required: ['scheme'], additionalProperties: false, properties: { scheme: { const: 'SAS' }, keyType: { enum: ['primary', 'secondary'] } } },
            { type: 'object', required: ['scheme', 'claims'], additionalProperties: false, properties: { scheme: { const: 'Bearer' }, claims: { type: 'object' } } },
            { type: 'object', required: ['scheme'], additionalProperties: false, properties: { scheme: { const: 'None' } } },
          ],
        },
      },
    },
    expected: {
      type: 'object',
      required: ['status', 'headers'],
      additionalProperties: false,
      properties: {
        status: { type: 'integer', minimum: 100, maximum: 599 },
        headers: { ...stringMap, description: 'Compared by name, case-insensitively; headers the response adds beyond these are not compared.' },
        body,
      },
    },
    volatile: {
      type: 'object',
      required: ['headers', 'body'],
      additionalProperties: false,
      description: 'What the comparison ignores because it changes from run to run.',
      properties: {
        headers: { type: 'array', items: { type: 'string' }, description: 'Response header names.' },
        body: { type: 'array', items: { type: 'string', pattern: '^(/.*)?$' }, description: 'JSON pointers into a JSON response body.' },
      },
    },
    source: {
      type: 'object',
      additionalProperties: false,
      properties: { runId: { type: 'string' }, startTime: { type: 'string' } },
    },
  },
} as const;
