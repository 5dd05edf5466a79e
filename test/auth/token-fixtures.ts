import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/** A key pair that is not the local issuer's: another "tenant" or an attacker. */
export async function foreignKey(alg: 'RS256' | 'ES256' | 'PS256', kid?: string): Promise<{ sign: (payload: Record<string, unknown>, header?: Record<string, unknown>) => Promise<string>; publicJwk: JWK; privateJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), ...(kid ? { kid } : {}), use: 'sig' };
  return {
    publicJwk,
    privateJwk: await exportJWK(privateKey),
    sign: (payload, header = {}) =>
      new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT', ...(kid ? { kid } : {}), ...header }).sign(privateKey),
  };
}

/** Standard claims valid for the next hour from `now`. */
export function timedClaims(now = new Date(), ttlSeconds = 3600): { iat: number; nbf: number; exp: number } {
  const iat = Math.floor(now.getTime() / 1000);
  return { iat, nbf: iat, exp: iat + ttlSeconds };
}

/** Encodes a JSON part of a JWT. */
export function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
