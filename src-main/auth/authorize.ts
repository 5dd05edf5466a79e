import type { AuthInfo } from '../../src-shared/runs.ts';
import { authFailure, type AuthFailure } from './auth-failure.ts';
import type { AccessControl } from './access-control.ts';
import type { AccessKeys } from './access-keys.ts';
import { ipAllowed, normalizeRemoteAddress } from './ip-rules.ts';
import { bearerPolicyNames, findMatchingPolicy } from './policies.ts';
import { hasSasParameters, missingSasParameters, PARTIAL_SAS_MESSAGE, verifySas } from './sas.ts';
import type { TokenVerifier } from './token-verifier.ts';

/** Everything the decision needs about one call; the listener fills it from the request. */
export interface AuthorizeCallInput {
  workflow: string;
  trigger: string;
  /** The query string as received (SAS parameters included). */
  query: URLSearchParams;
  /** The `Authorization` header, if any. */
  authorization?: string;
  /** The socket's remote address as Node reports it. */
  remoteAddress: string;
  /** The workflow's validated access control; undefined when it has no access-control.json. */
  accessControl?: AccessControl;
  keys: AccessKeys;
  verifier: TokenVerifier;
  now?: Date;
}

/** The decision: admitted with how, or refused with status, code and message. */
export type AuthDecision = { ok: true; auth: AuthInfo } | AuthFailure;

// Scheme names safe to repeat in a message. Anything else could be the token itself
// (a header holding a bare token), and messages never echo tokens.
const KNOWN_SCHEMES = ['Basic', 'Bearer', 'Digest', 'HMAC', 'Negotiate', 'NTLM', 'PoP', 'SharedAccessSignature', 'SharedKey', 'Token'];

function schemeOf(header: string): { scheme: string; credentials: string } {
  const trimmed = header.trim();
  const space = trimmed.search(/\s/);
  return space < 0 ? { scheme: trimmed, credentials: '' } : { scheme: trimmed.slice(0, space), credentials: trimmed.slice(space).trim() };
}

function displayScheme(scheme: string): string | undefined {
  return KNOWN_SCHEMES.find((known) => known.toLowerCase() === scheme.toLowerCase());
}

/**
 * Azure's rules for admitting a trigger call (docs/logic-apps-behaviour.md §3, §4), in this order:
 * 1. caller IP outside `allowedCallerIpAddresses` → 401 ClientIpAddressNotAllowed;
 * 2. SAS parameters and an Authorization header together → 400 DirectApiRequestHasMoreThanOneAuthorization;
 * 3. SAS parameters present but sp, sv or sig missing → 401 AuthorizationFailed;
 * 4. SAS: disabled → 401 DirectApiInvalidAuthorizationScheme, else the signature decides;
 * 5. Authorization header: PoP or another scheme → 401; Bearer with no AAD policy → 401;
 *    bad token → 401 (code per cause); no policy matched → 401 MisMatchingOAuthClaims;
 * 6. nothing at all → 401 DirectApiAuthorizationRequired.
 */
export async function authorizeCall(input: AuthorizeCallInput): Promise<AuthDecision> {
  const triggers = input.accessControl?.triggers;
  const ranges = triggers?.allowedCallerIpAddresses;
  if (ranges && !ipAllowed(input.remoteAddress, ranges)) return ipRefused(input, ranges.length === 0);

  const header = input.authorization?.trim() ? input.authorization : undefined;
  const sas = hasSasParameters(input.query);
  if (sas && header !== undefined) {
    const scheme = displayScheme(schemeOf(header).scheme);
    const what = scheme ? `'${scheme}' authorization scheme` : "an 'Authorization' header";
    return authFailure(
      400,
      'DirectApiRequestHasMoreThanOneAuthorization',
      `The request has both SAS authentication scheme and ${what}. Only one scheme should be used: remove the Authorization header, or call the URL without sp, sv and sig.`,
    );
  }

  if (sas) {
    if (missingSasParameters(input.query).length > 0) return authFailure(401, 'AuthorizationFailed', PARTIAL_SAS_MESSAGE);
    if (triggers?.sasAuthenticationPolicy?.state === 'Disabled') {
      return authFailure(
        401,
        'DirectApiInvalidAuthorizationScheme',
        `Shared access signature (SAS) authentication is disabled for workflow '${input.workflow}' (sasAuthenticationPolicy.state is "Disabled" in ${input.workflow}/access-control.json). ` +
          "Call the URL without sp, sv and sig and send 'Authorization: Bearer <token>', or set the state to \"Enabled\".",
      );
    }
    const check = verifySas({ workflow: input.workflow, trigger: input.trigger, query: input.query, keys: input.keys, now: input.now });
    return check.ok ? { ok: true, auth: { scheme: 'SAS', keyType: check.keyType } } : check;
  }

  if (header !== undefined) return authorizeHeader(input, header);

  return authFailure(
    401,
    'DirectApiAuthorizationRequired',
    "The request must be authenticated by a shared access signature (the sp, sv and sig query parameters of the callback URL) or by an 'Authorization: Bearer <token>' header that satisfies one of the workflow's OAuth policies.",
  );
}

async function authorizeHeader(input: AuthorizeCallInput, header: string): Promise<AuthDecision> {
  const { scheme, credentials } = schemeOf(header);
  const lower = scheme.toLowerCase();
  if (lower === 'pop') {
    return authFailure(
      401,
      'PopAuthenticationNotSupported',
      "Proof-of-possession ('PoP') tokens, used by AADPOP policies, are not supported by Triggerbench. Test with an AAD policy and 'Authorization: Bearer <token>'.",
    );
  }
  if (lower !== 'bearer') {
    const shown = displayScheme(scheme);
    return authFailure(
      401,
      'DirectApiInvalidAuthorizationScheme',
      `The Authorization header uses ${shown ? `the '${shown}' scheme` : 'an unsupported scheme'}; a trigger accepts only 'Bearer <token>', or a callback URL signed with sp, sv and sig.`,
    );
  }
  const policies = input.accessControl?.triggers?.openAuthenticationPolicies?.policies;
  if (bearerPolicyNames(policies).length === 0) {
    const popOnly = Object.keys(policies ?? {}).length > 0;
    return authFailure(
      401,
      'OAuthPolicyNotConfigured',
      `Workflow '${input.workflow}' has no OAuth authorization policy of type AAD${popOnly ? ' (only AADPOP ones, which Triggerbench does not support)' : ''}, so Bearer tokens are not accepted. ` +
        `Add a policy under triggers.openAuthenticationPolicies.policies in ${input.workflow}/access-control.json, or call the signed callback URL instead.`,
    );
  }
  if (!credentials) return authFailure(401, 'InvalidBearerToken', "The Authorization header has no token after 'Bearer'.");
  const verified = await input.verifier.verify(credentials, input.now);
  if (!verified.ok) return verified;
  const claims = verified.claims as Record<string, unknown>;
  const policy = findMatchingPolicy(claims, policies!);
  if (!policy) {
    return authFailure(
      401,
      'MisMatchingOAuthClaims',
      `One or more claims either missing or does not match with the open authentication access control policy. Compare the token's claims with the policies in ${input.workflow}/access-control.json: every claim of at least one policy must match exactly.`,
    );
  }
  return { ok: true, auth: { scheme: 'Bearer', policy, claims } };
}

function ipRefused(input: AuthorizeCallInput, emptyList: boolean): AuthFailure {
  // The caller's own address is shown (it is theirs, and it is what they need to add).
  const caller = normalizeRemoteAddress(input.remoteAddress)?.address ?? input.remoteAddress;
  const why = emptyList
    ? 'allowedCallerIpAddresses is an empty list, which admits no direct caller (Azure\'s "Only other Logic Apps")'
    : 'it is in none of the ranges of allowedCallerIpAddresses';
  return authFailure(
    401,
    'ClientIpAddressNotAllowed',
    `The caller's IP address '${caller}' is not allowed to call workflow '${input.workflow}': ${why}. Add the address or a range that holds it in ${input.workflow}/access-control.json.`,
  );
}
