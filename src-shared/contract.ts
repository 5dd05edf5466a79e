/**
 * The API contract between the console (renderer) and the core (main side), one file
 * for every call and event (GitHub Desktop's RequestChannels idea). The runtime
 * allowlist and the payload validators are derived from the same declarations, so
 * there is no second list to drift: adding a channel to `RequestChannels` without a
 * validator in `REQUEST_SCHEMAS` is a compile error.
 */
import type { Problem } from './problems.ts';
import type { BodyCapture, RunQuery, RunRecord, RunSummary } from './runs.ts';
import type { CollectionView, SavedEnvironment, SavedRequest } from './collections.ts';
import { SAVED_ENVIRONMENT_SCHEMA, SAVED_REQUEST_SCHEMA } from './collections-schema.ts';
import type { SentRequest } from './sent-requests.ts';
import { RUNTIME_LIMIT_BOUNDS } from './runtime-limits.ts';
import type { ExportResult, ImportReport } from './exchange/exchange-types.ts';

/** Which access key signs a callback URL. */
export type KeyType = 'primary' | 'secondary';

/** A workflow as the console lists it. */
export interface WorkflowView {
  name: string;
  /** Path relative to the workspace root, e.g. `account/workflow.json`. */
  file: string;
  kind: 'Stateful' | 'Stateless';
  /** True when the workflow has a Request trigger and no errors, so calls reach it. */
  callable: boolean;
  trigger?: { name: string; method?: string; relativePath?: string; schema?: unknown; operationOptions?: string };
  hasResponse: boolean;
  /** Callback URLs signed with each key (absent when not callable). */
  callbackUrl?: { primary: string; secondary: string };
  /** OAuth policies from access-control.json (Bearer is accepted when at least one exists). */
  oauthPolicies: { name: string; type: string; claims: { name: string; value: string }[] }[];
  sasEnabled: boolean;
  problems: Problem[];
}

/** The open workspace. */
export interface WorkspaceView {
  root: string;
  workflows: WorkflowView[];
  problems: Problem[];
  /** parameters.json names, for the designer's dynamic content. */
  parameterNames?: string[];
  /** local.settings.json `Values` names (never the values), for the designer's dynamic content. */
  appSettingNames?: string[];
}

/** Listener state. */
export interface ListenerStatus {
  running: boolean;
  host: string;
  port: number;
  /** e.g. `https://127.0.0.1:7071`. */
  baseUrl: string;
  error?: { code: string; message: string };
  /** True while it listens beyond loopback (reachable from other machines): the console warns. */
  remote?: boolean;
}

/** User settings kept in the data folder. */
export interface Settings {
  host: string;
  /** 0 picks a free port at each start. */
  port: number;
  /** How long a caller waits for a Response action before 504. */
  timeoutSeconds: number;
  retention: { maxRuns: number; maxAgeDays?: number };
  /**
   * The user's explicit choice to listen beyond loopback; required for any host that is
   * not loopback, and cleared when the host goes back to one (docs/hosts.md).
   */
  allowRemote?: boolean;
  /** Bounds on memory and disk (docs/runtime.md, Limits); absent fields take the defaults. */
  limits?: Partial<RuntimeLimits>;
}

/** Bounds on what calls may hold in memory and write to the history. */
export interface RuntimeLimits {
  /** Runs admitted and not finished, all workflows together; beyond → 429. */
  maxRunsInFlight: number;
  /** Request body bytes held by calls in flight; beyond → 429. */
  maxBufferedBodyBytes: number;
  /** Most bytes of each body, and of each action input or output, a run record keeps. */
  recordValueBytes: number;
}

/** Named timeout presets (docs/logic-apps-behaviour.md §5). */
export const TIMEOUT_PRESETS = [
  { id: 'brief', label: 'Brief (60 s)', seconds: 60 },
  { id: 'consumption', label: 'Consumption (120 s)', seconds: 120 },
  { id: 'standard', label: 'Standard (235 s)', seconds: 235 },
] as const;

/** Facts the console shows about this install. */
export interface AppInfo {
  version: string;
  dataDir: string;
  listener: ListenerStatus;
  settings: Settings;
  ca: {
    path: string;
    fingerprint256: string;
    notAfter: string;
    /** False for a CA made before name constraints: it could certify any host; offer to regenerate it. */
    nameConstrained: boolean;
    /** Configured hosts the CA does not cover (left out of the server certificates until it is regenerated). */
    hostsOutsideCa: string[];
  };
  issuer: { issuer: string; tenantId: string; jwksUrl: string; openIdConfigurationUrl: string };
  /** Where the console runs: inside Electron or in a browser through the web host. */
  host: 'electron' | 'web';
}

/** A request composed in the console. Headers as ordered pairs (names may repeat). */
export interface ConsoleRequest {
  /** Chosen by the console so it can cancel the call. */
  requestId: string;
  method: string;
  url: string;
  headers: [string, string][];
  body:
    | { kind: 'none' }
    | { kind: 'text'; text: string }
    | { kind: 'form'; fields: [string, string][] }
    | { kind: 'file'; name: string; base64: string; contentType?: string };
  /** Milliseconds before the console gives up (default: the runtime timeout + 5 s). */
  timeoutMs?: number;
}

/** What the console shows of a response. */
export interface ConsoleResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  headers: [string, string][];
  body: BodyCapture;
  /** Milliseconds from the start: socket connected, TLS done, first byte, end. */
  timings: { connect?: number; tls?: number; firstByte?: number; total: number };
  tls?: { protocol: string; cipher: string; authorized: boolean; certificate?: CertificateFacts };
}

/** The server certificate a console call saw (leaf first in `chain`, up to the root). */
export interface CertificateFacts {
  subject: string;
  issuer: string;
  /** e.g. `DNS:localhost`, `IP Address:127.0.0.1`. */
  subjectAltNames: string[];
  validFrom: string;
  validTo: string;
  fingerprint256: string;
  serialNumber: string;
  chain: { subject: string; issuer: string; fingerprint256: string }[];
}

/** A failed console call (network error, cancelled, timed out), shown where it happened. */
export interface ConsoleFailure {
  error: { code: string; message: string };
}

/** The workspace's saved requests, with files that did not load as problems. */
export interface CollectionsListing {
  collections: CollectionView[];
  problems: Problem[];
}

/** The workspace's environments (secret values filled in from the data folder), with files that did not load. */
export interface EnvironmentsListing {
  environments: SavedEnvironment[];
  problems: Problem[];
}

/** Every call the renderer may make: channel → [request, response]. */
export interface RequestChannels {
  'app:info': [Record<string, never>, AppInfo];
  'workspace:get': [Record<string, never>, WorkspaceView];
  'workspace:open': [{ root: string }, WorkspaceView];
  'workflows:read': [{ name: string }, { name: string; text: string }];
  'workflows:save': [{ name: string; text: string }, { workflow?: WorkflowView; problems: Problem[] }];
  'workflows:create': [{ name: string; definition?: unknown }, WorkflowView];
  'workflows:callbackUrl': [{ name: string; keyType: KeyType; notAfter?: string }, { url: string }];
  'console:send': [ConsoleRequest, ConsoleResponse | ConsoleFailure];
  'console:cancel': [{ requestId: string }, { cancelled: boolean }];
  'runs:query': [RunQuery, { runs: RunSummary[]; total: number }];
  'runs:get': [{ id: string }, RunRecord | null];
  'runs:resubmit': [{ id: string }, ConsoleResponse | ConsoleFailure];
  /** The request a Resubmit would send (freshly signed), for copy as curl and open in the composer. */
  'runs:asRequest': [{ id: string }, ConsoleRequest];
  'runs:clear': [{ workflow?: string }, { deleted: number }];
  'auth:mintToken': [{ aud?: string; sub?: string; claims?: Record<string, unknown>; ttlSeconds?: number }, { token: string; claims: Record<string, unknown>; expiresAt: string }];
  'settings:update': [Partial<Settings>, AppInfo];
  'keys:regenerate': [{ which: KeyType }, { regenerated: KeyType }];
  'tls:caPem': [Record<string, never>, { pem: string }];
  'tls:regenerateCa': [Record<string, never>, AppInfo];
  'jwks:list': [Record<string, never>, { name: string; kids: string[]; addedAt: string }[]];
  'jwks:add': [{ name: string; text: string }, { name: string; kids: string[]; addedAt: string }[]];
  'jwks:remove': [{ name: string }, { name: string; kids: string[]; addedAt: string }[]];
  'collections:list': [Record<string, never>, CollectionsListing];
  /** Without `file` a new file is named after the request; returns the file name. */
  'collections:saveRequest': [{ collection: string; request: SavedRequest; file?: string }, { file: string; listing: CollectionsListing }];
  'collections:deleteRequest': [{ collection: string; file: string }, CollectionsListing];
  'collections:delete': [{ collection: string }, CollectionsListing];
  'environments:list': [Record<string, never>, EnvironmentsListing];
  /** `previousName` renames an environment. Secret values go to the data folder. */
  'environments:save': [{ environment: SavedEnvironment; previousName?: string }, EnvironmentsListing];
  'environments:delete': [{ name: string }, EnvironmentsListing];
  'sent:list': [{ text?: string; limit?: number }, { entries: SentRequest[] }];
  'sent:add': [SentRequest, Record<string, never>];
  'sent:clear': [Record<string, never>, { deleted: number }];
  /** A workflow's access-control.json (`present: false` when there is none: SAS only, any caller). */
  'accessControl:read': [{ workflow: string }, { present: boolean; document: Record<string, unknown> | null; problems: Problem[] }];
  /** Validates and writes access-control.json; with errors nothing is written and `saved` is false. */
  'accessControl:save': [{ workflow: string; document: Record<string, unknown> }, { saved: boolean; problems: Problem[] }];
  'console:loadState': [Record<string, never>, { state: Record<string, unknown> | null }];
  'console:saveState': [{ state: Record<string, unknown> }, Record<string, never>];
  /** Workflows as Standard files or one ARM template (docs/exchange.md); all when `names` is empty. */
  'exchange:exportWorkflows': [{ names: string[]; format: 'standard' | 'arm' }, ExportResult];
  /** Runs by id as HAR, recordings, a curl script or NDJSON; secrets only with `includeSecrets`. */
  'exchange:exportRuns': [{ ids: string[]; format: 'har' | 'recording' | 'curl' | 'ndjson'; includeSecrets?: boolean }, ExportResult];
  /** A collection of saved requests as a Postman v2.1 file. */
  'exchange:exportCollection': [{ name: string; environment?: string; includeSecrets?: boolean }, ExportResult];
  /** Files the user chose or dropped, imported into the open workspace by their shape. */
  'exchange:import': [{ files: { name: string; text: string }[]; overwrite?: boolean }, ImportReport];
}

/** Every event the renderer may receive: channel → payload. */
export interface EventChannels {
  'runs:changed': { ids: string[] };
  'workspace:changed': WorkspaceView;
  'listener:status': ListenerStatus;
}

export type RequestChannel = keyof RequestChannels;
export type EventChannel = keyof EventChannels;
export type RequestOf<C extends RequestChannel> = RequestChannels[C][0];
export type ResponseOf<C extends RequestChannel> = RequestChannels[C][1];

/** A small JSON Schema (draft-07 subset) describing a request payload. */
export type PayloadSchema = Record<string, unknown>;

const empty: PayloadSchema = { type: 'object', additionalProperties: false };
const name = { type: 'string', minLength: 1, maxLength: 200 };
const keyType = { enum: ['primary', 'secondary'] };
const isoTime = { type: 'string', maxLength: 40, pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$' };
const pairs = { type: 'array', maxItems: 500, items: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'string', maxLength: 65536 } } };
const runStatus = { enum: ['Running', 'Succeeded', 'Failed', 'Cancelled', 'TimedOut', 'Skipped', 'Rejected'] };
const obj = (properties: Record<string, unknown>, required: string[] = []): PayloadSchema => ({ type: 'object', additionalProperties: false, properties, required });

/** Validators for every request payload; its keys are the runtime allowlist of channels. */
export const REQUEST_SCHEMAS: { readonly [C in RequestChannel]: PayloadSchema } = {
  'app:info': empty,
  'workspace:get': empty,
  'workspace:open': obj({ root: { type: 'string', minLength: 1, maxLength: 4096 } }, ['root']),
  'workflows:read': obj({ name }, ['name']),
  'workflows:save': obj({ name, text: { type: 'string', maxLength: 10_000_000 } }, ['name', 'text']),
  'workflows:create': obj({ name, definition: { type: 'object' } }, ['name']),
  'workflows:callbackUrl': obj({ name, keyType, notAfter: { type: 'string', maxLength: 64 } }, ['name', 'keyType']),
  'console:send': obj(
    {
      requestId: { type: 'string', minLength: 1, maxLength: 100 },
      method: { type: 'string', pattern: '^[A-Za-z]{1,20}$' },
      url: { type: 'string', minLength: 1, maxLength: 16384 },
      headers: pairs,
      body: {
        oneOf: [
          obj({ kind: { const: 'none' } }, ['kind']),
          obj({ kind: { const: 'text' }, text: { type: 'string' } }, ['kind', 'text']),
          obj({ kind: { const: 'form' }, fields: pairs }, ['kind', 'fields']),
          obj({ kind: { const: 'file' }, name: { type: 'string' }, base64: { type: 'string' }, contentType: { type: 'string' } }, ['kind', 'name', 'base64']),
        ],
      },
      timeoutMs: { type: 'integer', minimum: 1, maximum: 3_600_000 },
    },
    ['requestId', 'method', 'url', 'headers', 'body'],
  ),
  'console:cancel': obj({ requestId: { type: 'string', minLength: 1, maxLength: 100 } }, ['requestId']),
  'runs:query': obj({
    workflow: name,
    status: runStatus,
    text: { type: 'string', maxLength: 500 },
    limit: { type: 'integer', minimum: 1, maximum: 1000 },
    offset: { type: 'integer', minimum: 0 },
    before: name,
    since: isoTime,
    until: isoTime,
  }),
  'runs:get': obj({ id: name }, ['id']),
  'runs:resubmit': obj({ id: name }, ['id']),
  'runs:asRequest': obj({ id: name }, ['id']),
  'runs:clear': obj({ workflow: name }),
  'auth:mintToken': obj({
    aud: { type: 'string', maxLength: 500 },
    sub: { type: 'string', maxLength: 500 },
    claims: { type: 'object' },
    ttlSeconds: { type: 'integer', minimum: 1, maximum: 31_536_000 },
  }),
  'settings:update': obj({
    host: { type: 'string', minLength: 1, maxLength: 255 },
    port: { type: 'integer', minimum: 0, maximum: 65535 },
    timeoutSeconds: { type: 'integer', minimum: 1, maximum: 3600 },
    retention: obj({ maxRuns: { type: 'integer', minimum: 1, maximum: 10_000_000 }, maxAgeDays: { type: 'integer', minimum: 1 } }, ['maxRuns']),
    allowRemote: { type: 'boolean' },
    limits: obj({
      maxRunsInFlight: { type: 'integer', minimum: RUNTIME_LIMIT_BOUNDS.maxRunsInFlight.min, maximum: RUNTIME_LIMIT_BOUNDS.maxRunsInFlight.max },
      maxBufferedBodyBytes: { type: 'integer', minimum: RUNTIME_LIMIT_BOUNDS.maxBufferedBodyBytes.min, maximum: RUNTIME_LIMIT_BOUNDS.maxBufferedBodyBytes.max },
      recordValueBytes: { type: 'integer', minimum: RUNTIME_LIMIT_BOUNDS.recordValueBytes.min, maximum: RUNTIME_LIMIT_BOUNDS.recordValueBytes.max },
    }),
  }),
  'keys:regenerate': obj({ which: keyType }, ['which']),
  'tls:caPem': empty,
  'tls:regenerateCa': empty,
  'jwks:list': empty,
  'jwks:add': obj({ name, text: { type: 'string', minLength: 2, maxLength: 1_000_000 } }, ['name', 'text']),
  'jwks:remove': obj({ name }, ['name']),
  'collections:list': empty,
  'collections:saveRequest': obj({ collection: name, request: SAVED_REQUEST_SCHEMA, file: name }, ['collection', 'request']),
  'collections:deleteRequest': obj({ collection: name, file: name }, ['collection', 'file']),
  'collections:delete': obj({ collection: name }, ['collection']),
  'environments:list': empty,
  'environments:save': obj({ environment: SAVED_ENVIRONMENT_SCHEMA, previousName: name }, ['environment']),
  'environments:delete': obj({ name }, ['name']),
  'sent:list': obj({ text: { type: 'string', maxLength: 500 }, limit: { type: 'integer', minimum: 1, maximum: 1000 } }),
  'sent:add': obj(
    {
      id: { type: 'string', minLength: 1, maxLength: 100 },
      sentAt: { type: 'string', maxLength: 64 },
      request: SAVED_REQUEST_SCHEMA,
      status: { type: 'integer', minimum: 0, maximum: 999 },
      error: { type: 'string', maxLength: 200 },
      totalMs: { type: 'number', minimum: 0 },
      bodyTruncated: { type: 'boolean' },
    },
    ['id', 'sentAt', 'request'],
  ),
  'sent:clear': empty,
  'accessControl:read': obj({ workflow: name }, ['workflow']),
  'accessControl:save': obj({ workflow: name, document: { type: 'object' } }, ['workflow', 'document']),
  'console:loadState': empty,
  'console:saveState': obj({ state: { type: 'object' } }, ['state']),
  'exchange:exportWorkflows': obj({ names: { type: 'array', maxItems: 1000, items: name }, format: { enum: ['standard', 'arm'] } }, ['names', 'format']),
  'exchange:exportRuns': obj({ ids: { type: 'array', minItems: 1, maxItems: 10_000, items: name }, format: { enum: ['har', 'recording', 'curl', 'ndjson'] }, includeSecrets: { type: 'boolean' } }, ['ids', 'format']),
  'exchange:exportCollection': obj({ name, environment: name, includeSecrets: { type: 'boolean' } }, ['name']),
  'exchange:import': obj(
    {
      files: { type: 'array', minItems: 1, maxItems: 100, items: obj({ name: { type: 'string', minLength: 1, maxLength: 500 }, text: { type: 'string', maxLength: 50_000_000 } }, ['name', 'text']) },
      overwrite: { type: 'boolean' },
    },
    ['files'],
  ),
};

/** Runtime allowlist of request channels, derived from the validators. */
export const REQUEST_CHANNELS = Object.keys(REQUEST_SCHEMAS) as RequestChannel[];

/** Runtime allowlist of event channels (the record's type forces one entry per event). */
export const EVENT_CHANNELS = Object.keys({
  'runs:changed': true,
  'workspace:changed': true,
  'listener:status': true,
} satisfies { [C in EventChannel]: true }) as EventChannel[];

/** Electron IPC channel of every API call (one channel; the API channel is the first argument). */
export const IPC_INVOKE = 'triggerbench:invoke';

/** Prefix of the Electron IPC channels that carry events: `triggerbench:event:runs:changed`, ... */
export const IPC_EVENT_PREFIX = 'triggerbench:event:';

/** The web host's header in which API calls carry the per-start token. */
export const WEB_TOKEN_HEADER = 'X-Triggerbench-Token';

/** The web host's query parameter carrying the token in the page URL and on the event stream (EventSource cannot set headers). */
export const WEB_TOKEN_QUERY = 'token';

/** True when `channel` is an allowlisted request channel. */
export function isRequestChannel(channel: unknown): channel is RequestChannel {
  return typeof channel === 'string' && Object.hasOwn(REQUEST_SCHEMAS, channel);
}

/** True when `channel` is an allowlisted event channel. */
export function isEventChannel(channel: unknown): channel is EventChannel {
  return typeof channel === 'string' && (EVENT_CHANNELS as string[]).includes(channel);
}

/** The API surface the renderer sees (the preload and the web client both implement it). */
export interface TriggerbenchApi {
  invoke<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  on<E extends EventChannel>(channel: E, listener: (payload: EventChannels[E]) => void): () => void;
}

/** Error shape carried back across the boundary when a call fails. */
export interface ApiErrorPayload {
  code: string;
  message: string;
}
