import { decodeJwt } from 'jose';
import type { LocalIssuer } from '../auth/local-issuer.ts';

/** What the console's token helper asks the local issuer for. */
export interface MintRequest {
  aud?: string;
  sub?: string;
  claims?: Record<string, unknown>;
  ttlSeconds?: number;
}

/** A token from the local issuer, with its claims decoded and its expiry, for the console to show. */
export async function mintLocalToken(issuer: LocalIssuer, request: MintRequest): Promise<{ token: string; claims: Record<string, unknown>; expiresAt: string }> {
  const token = await issuer.mint(request);
  const claims = decodeJwt(token) as Record<string, unknown>;
  return { token, claims, expiresAt: new Date(Number(claims.exp) * 1000).toISOString() };
}
