import { SAS_QUERY_PARAMETERS } from '../../src-shared/sas-parameters.ts';
import { createHmac, timingSafeEqual, createSecretKey, type KeyObject } from 'node:crypto';
import { authFailure, type AuthFailure } from './auth-failure.ts';
import { KEY_TYPES, type AccessKeys, type KeyType } from './access-keys.ts';

/** The `sv` value of every callback URL, as Azure writes it. */
export const SAS_VERSION = '1.0';

/** Azure's required three (docs/logic-apps-behaviour.md §3): missing any one of them is `AuthorizationFailed`. */
export const SAS_REQUIRED_PARAMETERS: readonly string[] = ['sp', 'sv', 'sig'];

/** Azure's message for a partial SAS (docs/logic-apps-behaviour.md §3, in Azure's words). */
export const PARTIAL_SAS_MESSAGE = "Required parameters for shared access URL are permissions ('sp'), version ('sv'), and signature ('sig').";

/** The permission a callback URL grants: run one trigger (Azure's `sp`, e.g. `/triggers/manual/run`). */
export function sasPermission(trigger: string): string {
  return `/triggers/${trigger}/run`;
}

/** What a signature covers. `se` is the optional expiry, exactly as it appears in the URL. */
export interface SasFields {
  workflow: string;
  trigger: string;
  sp: string;
  sv: string;
  se?: string;
}

/** First line of the string-to-sign: keeps these HMACs from ever being valid for another purpose. */
const SAS_DOMAIN = 'triggerbench-sas';

/**
 * The canonical string-to-sign (documented in docs/auth.md): six lines joined by LF,
 * `triggerbench-sas`, sv, lower-cased workflow, lower-cased trigger, sp, se (empty when
 * absent). Names are lower-cased because Azure resource names are case-insensitive,
 * so `/api/MyFlow/...` and `/api/myflow/...` are one workflow with one valid signature.
 */
export function sasStringToSign(fields: SasFields): string {
  return [SAS_DOMAIN, fields.sv, fields.workflow.toLowerCase(), fields.trigger.toLowerCase(), fields.sp, fields.se ?? ''].join('\n');
}

function hasLineBreak(fields: SasFields): boolean {
  return [fields.workflow, fields.trigger, fields.sp, fields.sv, fields.se ?? ''].some((value) => /[\r\n]/.test(value));
}

/** HMAC-SHA256 of the canonical string with one access key: base64url without padding (43 characters, Azure's `sig` shape). */
export function signSas(params: SasFields, key: string): string {
  // A line break inside a field could make two different field sets sign the same string.
  if (hasLineBreak(params)) throw new Error('SAS fields cannot contain line breaks.');
  return createHmac('sha256', secretKeyFor(key)).update(sasStringToSign(params), 'utf8').digest('base64url');
}

// A KeyObject per access key, made once: createHmac with raw bytes builds a new key
// object on every call, which was most of a trigger call's SAS cost (docs/benchmarks.md).
// Bounded: keys change only on regeneration.
const secretKeys = new Map<string, KeyObject>();

function secretKeyFor(key: string): KeyObject {
  let secret = secretKeys.get(key);
  if (!secret) {
    if (secretKeys.size >= 16) secretKeys.clear();
    secret = createSecretKey(Buffer.from(key, 'base64url'));
    secretKeys.set(key, secret);
  }
  return secret;
}

/** Formats an expiry for `se`: ISO-8601 UTC (`2030-01-01T00:00:00.000Z`). */
export function formatSasExpiry(notAfter: Date): string {
  if (Number.isNaN(notAfter.getTime())) throw new Error('The expiry is not a valid date.');
  return notAfter.toISOString();
}

/**
 * The SAS part of a callback URL, to append after `api-version`: `sp`, `sv`, then `se` when
 * there is an expiry, then `sig` last (Azure's `sp, sv, sig` order, with the expiry kept
 * ahead of the signature that covers it). `URLSearchParams` encodes `sp` as `%2Ftriggers%2F...` like Azure.
 */
export function sasQuery(params: { workflow: string; trigger: string; keys: AccessKeys; keyType?: KeyType; notAfter?: Date }): URLSearchParams {
  const sp = sasPermission(params.trigger);
  const se = params.notAfter ? formatSasExpiry(params.notAfter) : undefined;
  const sig = signSas({ workflow: params.workflow, trigger: params.trigger, sp, sv: SAS_VERSION, se }, params.keys[params.keyType ?? 'primary']);
  const query = new URLSearchParams();
  query.set('sp', sp);
  query.set('sv', SAS_VERSION);
  if (se !== undefined) query.set('se', se);
  query.set('sig', sig);
  return query;
}

/** True when the query carries any SAS parameter (even a partial set). */
export function hasSasParameters(query: URLSearchParams): boolean {
  return SAS_QUERY_PARAMETERS.some((name) => query.has(name));
}

/** The SAS parameters that are required and missing. */
export function missingSasParameters(query: URLSearchParams): string[] {
  return SAS_REQUIRED_PARAMETERS.filter((name) => !query.get(name));
}

// An ISO-8601 instant with an explicit zone, as `se` is written (Azure writes 7 fraction digits).
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;
const SIG_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Outcome of a SAS check: which key signed the URL, or why it is refused. */
export type SasCheck = { ok: true; keyType: KeyType } | AuthFailure;

/** Input of {@link verifySas}: the routed workflow and trigger, the query as received, the current keys. */
export interface VerifySasInput {
  workflow: string;
  trigger: string;
  query: URLSearchParams;
  keys: AccessKeys;
  now?: Date;
}

const SIGNATURE_MISMATCH =
  "The shared access signature ('sig') of this URL does not match. The URL was changed, was signed for another workflow or trigger, " +
  "or was signed with an access key that has since been regenerated. Get a fresh callback URL (triggerbench url, or the console).";

/**
 * Checks a callback URL's signature: constant-time comparison (`crypto.timingSafeEqual`)
 * against the primary key, then the secondary; then the permission and the expiry, which
 * are trusted only once the signature that covers them is known good. Messages never
 * echo the signature and never say which part of the URL differs.
 */
export function verifySas(input: VerifySasInput): SasCheck {
  const { query } = input;
  const missing = missingSasParameters(query);
  if (missing.length > 0) return authFailure(401, 'AuthorizationFailed', PARTIAL_SAS_MESSAGE);
  for (const name of SAS_QUERY_PARAMETERS) {
    if (query.getAll(name).length > 1) {
      return authFailure(401, 'AuthorizationFailed', `The query parameter '${name}' appears more than once. A callback URL carries each of sp, sv, se and sig at most once; use the URL as generated.`);
    }
  }
  const sp = query.get('sp')!;
  const sv = query.get('sv')!;
  const sig = query.get('sig')!;
  const se = query.get('se') ?? undefined;
  if (sv !== SAS_VERSION) {
    return authFailure(401, 'SasVersionNotSupported', `The shared access signature version ('sv') must be '${SAS_VERSION}'. Use the callback URL as generated.`);
  }
  const fields: SasFields = { workflow: input.workflow, trigger: input.trigger, sp, sv, se };
  if (se !== undefined && !ISO_INSTANT.test(se)) {
    return authFailure(401, 'SasExpiryInvalid', "The expiry ('se') of this URL is not an ISO-8601 date and time. Use the callback URL as generated.");
  }
  const keyType = SIG_PATTERN.test(sig) && !hasLineBreak(fields) ? matchingKey(fields, sig, input.keys) : undefined;
  if (!keyType) return authFailure(401, 'SasSignatureMismatch', SIGNATURE_MISMATCH);
  // The permission is signed, so a good signature with another sp means the URL was made
  // for another purpose: refuse it rather than let it run this trigger.
  if (sp.toLowerCase() !== sasPermission(input.trigger).toLowerCase()) {
    return authFailure(401, 'SasPermissionMismatch', `This URL's permission ('sp') does not allow running the trigger '${input.trigger}'. Get the callback URL of this trigger.`);
  }
  if (se !== undefined) {
    const expiry = Date.parse(se);
    const now = (input.now ?? new Date()).getTime();
    if (Number.isNaN(expiry)) {
      return authFailure(401, 'SasExpiryInvalid', "The expiry ('se') of this URL is not a valid date. Use the callback URL as generated.");
    }
    if (now >= expiry) {
      return authFailure(401, 'SasUrlExpired', `This callback URL expired at ${new Date(expiry).toISOString()}. Get a new callback URL, with a later expiry or none.`);
    }
  }
  return { ok: true, keyType };
}

// Expected signatures by (access key, string-to-sign). A caller sends the same callback
// URL again and again, so the two HMACs a call needs are nearly always known already
// (about 6 us of the main thread's time per call, docs/benchmarks.md). Keyed by the key
// itself, so a regenerated key never meets an old entry; bounded, because sp and se come
// from the caller: past the bound the map starts again.
const MAX_EXPECTED_SIGNATURES = 256;
const expectedSignatures = new Map<string, Buffer>();

function expectedSignature(fields: SasFields, key: string): Buffer {
  const cacheKey = `${key}\n${sasStringToSign(fields)}`;
  let expected = expectedSignatures.get(cacheKey);
  if (!expected) {
    if (expectedSignatures.size >= MAX_EXPECTED_SIGNATURES) expectedSignatures.clear();
    expected = Buffer.from(signSas(fields, key), 'utf8');
    expectedSignatures.set(cacheKey, expected);
  }
  return expected;
}

function matchingKey(fields: SasFields, sig: string, keys: AccessKeys): KeyType | undefined {
  const received = Buffer.from(sig, 'utf8');
  let found: KeyType | undefined;
  // Both keys are always compared, so the time taken does not tell which key (if any) matched.
  for (const keyType of KEY_TYPES) {
    const expected = expectedSignature(fields, keys[keyType]);
    if (expected.length === received.length && timingSafeEqual(expected, received) && !found) found = keyType;
  }
  return found;
}
