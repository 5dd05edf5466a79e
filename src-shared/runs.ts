/** What the run history records: the shape is shared by the core, the CLI and the console. */

/** The mask that replaces a secret (a signature, credentials, cookie values) in a stored record. */
export const REDACTED = '***';

/** Status of a whole run. `Rejected` is a call refused before a run started (auth, method, schema...). */
export type RunStatus = 'Running' | 'Succeeded' | 'Failed' | 'Cancelled' | 'TimedOut' | 'Skipped' | 'Rejected';

/** Status of one action (Logic Apps statuses, normalised to Pascal case). */
export type ActionStatus = 'Running' | 'Succeeded' | 'Failed' | 'Skipped' | 'TimedOut' | 'Cancelled';

/** An error code and message, in the `{ error: { code, message } }` style Azure uses. */
export interface ErrorInfo {
  code: string;
  message: string;
}

/** A captured message body: text when it is valid UTF-8, else base64; cut at the capture limit. */
export interface BodyCapture {
  /** Size of the whole body in bytes (not only of what was kept). */
  size: number;
  contentType?: string;
  text?: string;
  base64?: string;
  /** True when only the first bytes were kept. */
  truncated?: boolean;
}

/** The inbound request as received (signature removed from the URL). */
export interface RecordedRequest {
  method: string;
  /** Path and query as received, with `sig` replaced by `***`. */
  url: string;
  headers: Record<string, string>;
  body: BodyCapture;
  remoteAddress: string;
  httpVersion: string;
  tls?: { protocol: string; cipher: string };
}

/** The response sent to the caller. */
export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  body: BodyCapture;
}

/** Which scheme admitted a call, and with what. Never the raw secret. */
export interface AuthInfo {
  scheme: 'SAS' | 'Bearer' | 'None';
  /** SAS: which access key signed the URL. */
  keyType?: 'primary' | 'secondary';
  /** Bearer: the name of the policy that matched. */
  policy?: string;
  /** Bearer: the token's claims (the raw token only with IncludeAuthorizationHeadersInOutputs). */
  claims?: Record<string, unknown>;
}

/** One enclosing loop of an action record: which Foreach or Until, and which iteration (0-based). */
export interface IterationIndex {
  /** Name of the Foreach or Until action. */
  loop: string;
  /** Zero-based iteration number; for a Foreach, the index of the item in its array. */
  index: number;
}

/** One try of an action that its retry policy repeated (Azure's `retryHistory`). */
export interface RetryAttempt {
  startTime: string;
  endTime: string;
  /** The HTTP status code of that try (as text), or an error code when no response came. */
  code: string;
  error?: ErrorInfo;
}

/** Where an action's result came from when the action itself did not run (see docs/runtime.md). */
export type MockSource = 'staticResult' | 'mockFile';

/**
 * One action's execution inside a run. An action inside a Foreach or Until has one record
 * per iteration, each with `iteration` set (see run-iterations.ts to pick them).
 */
export interface ActionRun {
  name: string;
  type: string;
  status: ActionStatus;
  startTime?: string;
  endTime?: string;
  durationMs?: number;
  inputs?: unknown;
  outputs?: unknown;
  error?: ErrorInfo;
  /** Parent scope action (If, Scope, Foreach, ...) when nested. */
  parent?: string;
  /** Inside loops: the iteration of each enclosing loop, outermost first. Absent outside loops. */
  iteration?: IterationIndex[];
  /** Foreach and Until: how many iterations ran (0 for an empty array). */
  iterationCount?: number;
  /** The earlier tries its retry policy repeated, oldest first; `status` is the last try's. */
  retryHistory?: RetryAttempt[];
  /** Set when a static result or the workspace mock file supplied the result instead of running the action. */
  mocked?: MockSource;
}

/** A recorded run: one call that reached a workflow, or was rejected on the way. */
export interface RunRecord {
  /** Logic Apps style id: 29 digits + `CU` + 2 digits. */
  id: string;
  workflow: string;
  trigger: string;
  status: RunStatus;
  /** Why the run failed or the call was rejected. */
  error?: ErrorInfo;
  auth?: AuthInfo;
  startTime: string;
  endTime?: string;
  durationMs?: number;
  correlationId: string;
  clientTrackingId?: string;
  request: RecordedRequest;
  /** `trigger().outputs`: headers, body, queries, relativePathParameters. */
  triggerOutputs?: unknown;
  actions: ActionRun[];
  response?: RecordedResponse;
  /** Milliseconds from request start to the response being written. */
  responseMs?: number;
}

/** The row shown in run lists: a run without its heavy parts. */
export interface RunSummary {
  id: string;
  workflow: string;
  trigger: string;
  status: RunStatus;
  method: string;
  url: string;
  responseStatus?: number;
  errorCode?: string;
  startTime: string;
  durationMs?: number;
}

/** Filters for listing runs, newest first. `before` pages by start time then id. */
export interface RunQuery {
  workflow?: string;
  status?: RunStatus;
  /** Free text matched against id, URL, error code and message, header values and bodies. */
  text?: string;
  limit?: number;
  offset?: number;
  /** Only runs older than this run (the next page after it, newest first); unknown ids match nothing. */
  before?: string;
  /** Only runs that started at or after this time (ISO 8601, UTC). */
  since?: string;
  /** Only runs that started before this time (ISO 8601, UTC). */
  until?: string;
}
