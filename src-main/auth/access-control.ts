import type { Problem } from '../../src-shared/problems.ts';
import { parseAddressRange } from './ip-rules.ts';

/** One claim a token must carry, with exactly this string value. */
export interface PolicyClaim {
  name: string;
  value: string;
}

/** An OAuth authorization policy (ARM `openAuthenticationPolicies.policies.<name>`). */
export interface OAuthPolicy {
  type: 'AAD' | 'AADPOP';
  claims: PolicyClaim[];
}

/** `<workflow>/access-control.json`, shaped like the trigger part of ARM's `accessControl` (docs/logic-apps-behaviour.md §4). */
export interface AccessControl {
  triggers?: {
    openAuthenticationPolicies?: { policies: Record<string, OAuthPolicy> };
    allowedCallerIpAddresses?: { addressRange: string }[];
    sasAuthenticationPolicy?: { state: 'Enabled' | 'Disabled' };
  };
}

/** The name of the access control file, kept beside `workflow.json`. */
export const ACCESS_CONTROL_FILE = 'access-control.json';

/** Azure's limits on OAuth policies (docs/logic-apps-behaviour.md §4). */
export const OAUTH_LIMITS = { policies: 5, claimsPerPolicy: 10, claimValueLength: 150 } as const;

/** The issuers a policy's `iss` may name: Azure AD v1 and v2 endpoints (docs/logic-apps-behaviour.md §4). */
export const ALLOWED_ISSUER_PREFIXES: readonly string[] = ['https://sts.windows.net/', 'https://login.microsoftonline.com/'];

// ARM's accessControl has more sections; they govern the management API, not trigger calls.
const OTHER_ARM_SECTIONS = new Set(['contents', 'actions', 'workflowManagement']);

/** JSON pointer segment escaping (RFC 6901). */
function seg(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates an access control document. Problems carry a code, a JSON pointer and plain
 * words; `value` is returned only when there is no error, so a broken file fails closed
 * (the caller should not serve the workflow rather than serve it with half its rules).
 */
export function parseAccessControl(json: unknown, file: string, workflow?: string): { value?: AccessControl; problems: Problem[] } {
  const problems: Problem[] = [];
  const report = (code: string, pointer: string, message: string, severity: 'error' | 'warning' = 'error'): void => {
    problems.push({ code, severity, message, file, pointer, ...(workflow ? { workflow } : {}) });
  };
  if (!isObject(json)) {
    report('AccessControlNotAnObject', '', 'access-control.json must hold a JSON object such as { "triggers": { ... } }.');
    return { problems };
  }
  const value: AccessControl = {};
  for (const key of Object.keys(json)) {
    if (key === 'triggers') continue;
    if (OTHER_ARM_SECTIONS.has(key)) {
      report('AccessControlSectionIgnored', `/${seg(key)}`, `'${key}' restricts Azure's management API, which Triggerbench does not emulate; only 'triggers' applies to calls.`, 'warning');
    } else {
      report('UnknownAccessControlProperty', `/${seg(key)}`, `'${key}' is not part of accessControl; the file should hold only 'triggers'. Check the spelling.`, 'warning');
    }
  }
  const triggers = json.triggers;
  if (triggers === undefined) return { value, problems };
  if (!isObject(triggers)) {
    report('AccessControlInvalidShape', '/triggers', "'triggers' must be an object with openAuthenticationPolicies, allowedCallerIpAddresses and/or sasAuthenticationPolicy.");
    return { problems };
  }
  const out: NonNullable<AccessControl['triggers']> = {};
  for (const key of Object.keys(triggers)) {
    if (!['openAuthenticationPolicies', 'allowedCallerIpAddresses', 'sasAuthenticationPolicy'].includes(key)) {
      report('UnknownAccessControlProperty', `/triggers/${seg(key)}`, `'${key}' is not a trigger access control setting; use openAuthenticationPolicies, allowedCallerIpAddresses or sasAuthenticationPolicy.`, 'warning');
    }
  }
  if (triggers.openAuthenticationPolicies !== undefined) {
    const policies = parsePolicies(triggers.openAuthenticationPolicies, report);
    if (policies) out.openAuthenticationPolicies = { policies };
  }
  if (triggers.allowedCallerIpAddresses !== undefined) {
    const ranges = parseRanges(triggers.allowedCallerIpAddresses, report);
    if (ranges) out.allowedCallerIpAddresses = ranges;
  }
  if (triggers.sasAuthenticationPolicy !== undefined) {
    const sas = triggers.sasAuthenticationPolicy;
    const state = isObject(sas) && typeof sas.state === 'string' ? sas.state.toLowerCase() : undefined;
    // ARM enum values are case-insensitive; they are normalised to the documented spelling.
    if (state === 'enabled' || state === 'disabled') {
      out.sasAuthenticationPolicy = { state: state === 'enabled' ? 'Enabled' : 'Disabled' };
    } else {
      report('InvalidSasAuthenticationPolicy', isObject(sas) ? '/triggers/sasAuthenticationPolicy/state' : '/triggers/sasAuthenticationPolicy', `sasAuthenticationPolicy must be { "state": "Enabled" } or { "state": "Disabled" }.`);
    }
  }
  value.triggers = out;
  return problems.some((problem) => problem.severity === 'error') ? { problems } : { value, problems };
}

type Report = (code: string, pointer: string, message: string, severity?: 'error' | 'warning') => void;

function parsePolicies(section: unknown, report: Report): Record<string, OAuthPolicy> | undefined {
  const base = '/triggers/openAuthenticationPolicies';
  if (!isObject(section) || !isObject(section.policies)) {
    report('AccessControlInvalidShape', isObject(section) ? `${base}/policies` : base, `openAuthenticationPolicies must be { "policies": { "<name>": { "type": "AAD", "claims": [...] } } }.`);
    return undefined;
  }
  const names = Object.keys(section.policies);
  if (names.length > OAUTH_LIMITS.policies) {
    report('TooManyOAuthPolicies', `${base}/policies`, `There are ${names.length} authorization policies; Azure allows at most ${OAUTH_LIMITS.policies}. Merge or remove some.`);
  }
  const policies: Record<string, OAuthPolicy> = {};
  for (const name of names) {
    const pointer = `${base}/policies/${seg(name)}`;
    const policy = parsePolicy(name, section.policies[name], pointer, report);
    if (policy) policies[name] = policy;
  }
  return policies;
}

function parsePolicy(name: string, raw: unknown, pointer: string, report: Report): OAuthPolicy | undefined {
  if (name.trim() === '') report('InvalidPolicyName', pointer, 'A policy needs a non-empty name.');
  if (!isObject(raw)) {
    report('AccessControlInvalidShape', pointer, `Policy '${name}' must be an object { "type": "AAD", "claims": [ { "name": "iss", "value": "https://sts.windows.net/<tenant>/" } ] }.`);
    return undefined;
  }
  let type: OAuthPolicy['type'] | undefined;
  if (raw.type === 'AAD' || raw.type === 'AADPOP') {
    type = raw.type;
  } else {
    report('InvalidPolicyType', `${pointer}/type`, `Policy '${name}' has type ${JSON.stringify(raw.type)}; use "AAD" (Bearer tokens) or "AADPOP" (proof-of-possession tokens).`);
  }
  if (type === 'AADPOP') {
    report('PopPolicyNotSupported', `${pointer}/type`, `Policy '${name}' is of type AADPOP: Triggerbench does not verify proof-of-possession (PoP) tokens, so this policy admits no call. Use type "AAD" to test with Bearer tokens.`, 'warning');
  }
  if (!Array.isArray(raw.claims)) {
    report('AccessControlInvalidShape', `${pointer}/claims`, `Policy '${name}' needs a "claims" array of { "name", "value" } objects, including "iss".`);
    return undefined;
  }
  if (raw.claims.length > OAUTH_LIMITS.claimsPerPolicy) {
    report('TooManyPolicyClaims', `${pointer}/claims`, `Policy '${name}' has ${raw.claims.length} claims; Azure allows at most ${OAUTH_LIMITS.claimsPerPolicy}.`);
  }
  const claims: PolicyClaim[] = [];
  const seen = new Set<string>();
  raw.claims.forEach((claim: unknown, index: number) => {
    const at = `${pointer}/claims/${index}`;
    if (!isObject(claim) || typeof claim.name !== 'string' || claim.name.trim() === '') {
      report('InvalidPolicyClaim', at, `Claim ${index} of policy '${name}' must be { "name": "<claim>", "value": "<exact value>" } with a non-empty name.`);
      return;
    }
    if (claim.value === undefined && claim.values !== undefined) {
      report('InvalidPolicyClaim', `${at}/values`, `Claim '${claim.name}' of policy '${name}' uses "values"; the property is "value" (one string).`);
      return;
    }
    if (typeof claim.value !== 'string') {
      const what = Array.isArray(claim.value) ? 'an array' : claim.value === undefined ? 'missing' : `a ${claim.value === null ? 'null' : typeof claim.value}`;
      report('ClaimValueNotString', `${at}/value`, `The value of claim '${claim.name}' in policy '${name}' is ${what}; Azure takes a single string per claim. To accept several values, write one policy per value.`);
      return;
    }
    if (claim.value.length > OAUTH_LIMITS.claimValueLength) {
      report('ClaimValueTooLong', `${at}/value`, `The value of claim '${claim.name}' in policy '${name}' is ${claim.value.length} characters; Azure allows at most ${OAUTH_LIMITS.claimValueLength}.`);
    }
    if (seen.has(claim.name)) {
      report('DuplicatePolicyClaim', `${at}/name`, `Policy '${name}' lists claim '${claim.name}' twice; a token carries one value per claim, so keep one.`);
    }
    seen.add(claim.name);
    claims.push({ name: claim.name, value: claim.value });
  });
  const iss = claims.find((claim) => claim.name === 'iss');
  if (!iss) {
    report('PolicyIssuerMissing', `${pointer}/claims`, `Policy '${name}' has no "iss" claim; Azure requires one, e.g. { "name": "iss", "value": "https://sts.windows.net/<tenant id>/" }.`);
  } else if (!ALLOWED_ISSUER_PREFIXES.some((prefix) => iss.value.startsWith(prefix))) {
    report('PolicyIssuerNotAllowed', `${pointer}/claims/${raw.claims.findIndex((claim: unknown) => isObject(claim) && claim.name === 'iss')}/value`, `The "iss" of policy '${name}' must start with https://sts.windows.net/ or https://login.microsoftonline.com/ (Azure's rule). Triggerbench's local issuer is https://sts.windows.net/<local tenant id>/.`);
  }
  return type ? { type, claims } : undefined;
}

function parseRanges(section: unknown, report: Report): { addressRange: string }[] | undefined {
  const base = '/triggers/allowedCallerIpAddresses';
  if (!Array.isArray(section)) {
    report('AccessControlInvalidShape', base, 'allowedCallerIpAddresses must be an array of { "addressRange": "10.0.0.0/8" } objects (an empty array admits no direct caller).');
    return undefined;
  }
  const ranges: { addressRange: string }[] = [];
  section.forEach((entry: unknown, index: number) => {
    const at = `${base}/${index}`;
    if (!isObject(entry) || typeof entry.addressRange !== 'string') {
      report('InvalidCallerIpRange', at, `Entry ${index} must be { "addressRange": "<CIDR, range a-b, or address>" }.`);
      return;
    }
    const parsed = parseAddressRange(entry.addressRange);
    if ('error' in parsed) {
      report('InvalidCallerIpRange', `${at}/addressRange`, parsed.error);
      return;
    }
    ranges.push({ addressRange: entry.addressRange });
  });
  return ranges;
}
