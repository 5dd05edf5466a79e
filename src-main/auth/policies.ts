import type { OAuthPolicy } from './access-control.ts';

/**
 * A token claim equals a policy value when it is that exact string (Azure: exact,
 * case-sensitive match). Numbers and booleans compare by their JSON text; arrays and
 * objects (`roles`, `groups`) never match, since a policy value is one string.
 */
function claimMatches(tokenValue: unknown, policyValue: string): boolean {
  if (typeof tokenValue === 'string') return tokenValue === policyValue;
  if (typeof tokenValue === 'number' || typeof tokenValue === 'boolean') return String(tokenValue) === policyValue;
  return false;
}

/**
 * Azure's rule (docs/logic-apps-behaviour.md §4): the call passes when every claim of at least one
 * policy matches; extra token claims are ignored. Only `AAD` policies take Bearer tokens.
 * Returns the first matching policy's name, in file order.
 */
export function findMatchingPolicy(claims: Record<string, unknown>, policies: Record<string, OAuthPolicy>): string | undefined {
  for (const [name, policy] of Object.entries(policies)) {
    if (policy.type !== 'AAD') continue;
    if (policy.claims.every((claim) => Object.hasOwn(claims, claim.name) && claimMatches(claims[claim.name], claim.value))) return name;
  }
  return undefined;
}

/** The `AAD` policies of a workflow (Bearer tokens can only satisfy these). */
export function bearerPolicyNames(policies: Record<string, OAuthPolicy> | undefined): string[] {
  return Object.entries(policies ?? {}).filter(([, policy]) => policy.type === 'AAD').map(([name]) => name);
}
