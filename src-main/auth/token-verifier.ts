import { stat } from 'node:fs/promises';
import { createLocalJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type ProtectedHeaderParameters } from 'jose';
import { authFailure, type AuthFailure } from './auth-failure.ts';
import type { LocalIssuer } from './local-issuer.ts';
import { ALLOWED_TOKEN_ALGORITHMS, TOKEN_CLOCK_SKEW_SECONDS } from './token-algorithms.ts';
import { LOCAL_ISSUER_SOURCE, listTrustedJwks, trustedJwksPath } from './trusted-jwks.ts';

/** A verified token: its claims and which key source (the local issuer or a trusted set's name) signed it. */
export interface VerifiedToken {
  ok: true;
  claims: JWTPayload;
  keySource: string;
}

/** Checks Bearer tokens against the trusted keys. */
export interface TokenVerifier {
  /** Verifies signature, algorithm, `exp` and `nbf`; never looks at policies. */
  verify(token: string, now?: Date): Promise<VerifiedToken | AuthFailure>;
  /** Re-reads the trusted key sets (also done automatically when the file changes). */
  reload(): Promise<void>;
  /** Names of the key sources, the local issuer first. */
  sources(): string[];
}

interface KeySource {
  name: string;
  getKey: JWTVerifyGetKey;
}

const FIX_TRUST =
  "Use a token from 'triggerbench token' (the local issuer), or add the tenant's public key set (its discovery/keys document) to the trusted keys.";

/**
 * Creates the verifier: the local issuer's key always, plus every trusted JWKS
 * (jose `createLocalJWKSet`, no network). The trusted file is re-read when its size,
 * mtime or inode changes, so keys added from the CLI or console apply without a restart.
 */
export async function createTokenVerifier(dataDir: string, issuer: LocalIssuer): Promise<TokenVerifier> {
  const localSource: KeySource = { name: LOCAL_ISSUER_SOURCE, getKey: createLocalJWKSet(issuer.jwks()) };
  const path = trustedJwksPath(dataDir);
  let sources: KeySource[] = [localSource];
  let stamp = '';

  const fileStamp = async (): Promise<string> => {
    try {
      const info = await stat(path);
      return `${info.ino}:${info.size}:${info.mtimeMs}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
      throw error;
    }
  };
  const reload = async (): Promise<void> => {
    const nextStamp = await fileStamp();
    const trusted = await listTrustedJwks(dataDir);
    sources = [localSource, ...trusted.map((entry) => ({ name: entry.name, getKey: createLocalJWKSet(entry.jwks) }))];
    stamp = nextStamp;
  };
  await reload();

  return {
    reload,
    sources: () => sources.map((source) => source.name),
    verify: async (token, now) => {
      if ((await fileStamp()) !== stamp) await reload();
      return verifyWith(sources, token, now ?? new Date());
    },
  };
}

async function verifyWith(sources: KeySource[], token: string, now: Date): Promise<VerifiedToken | AuthFailure> {
  const parts = token.split('.');
  if (parts.length === 5) return authFailure(401, 'InvalidBearerToken', 'The Bearer token is encrypted (JWE); only signed tokens (JWS) are supported.');
  if (parts.length !== 3) return authFailure(401, 'InvalidBearerToken', 'The Bearer token is not a JSON Web Token (three base64url parts separated by dots).');
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return authFailure(401, 'InvalidBearerToken', "The Bearer token's header is not base64url-encoded JSON.");
  }
  const alg = typeof header.alg === 'string' ? header.alg : undefined;
  if (!alg) return authFailure(401, 'InvalidBearerToken', "The Bearer token's header has no 'alg'.");
  if (!ALLOWED_TOKEN_ALGORITHMS.includes(alg)) return algorithmRefused(alg);

  const options = { algorithms: [...ALLOWED_TOKEN_ALGORITHMS], clockTolerance: TOKEN_CLOCK_SKEW_SECONDS, currentDate: now, requiredClaims: ['exp'] };
  let signatureFailed = false;
  for (const source of sources) {
    try {
      const { payload } = await jwtVerify(token, source.getKey, options);
      return { ok: true, claims: payload, keySource: source.name };
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey) continue;
      if (error instanceof errors.JWSSignatureVerificationFailed) {
        signatureFailed = true;
        continue;
      }
      if (error instanceof errors.JWKSMultipleMatchingKeys) {
        // Several keys fit a token without a kid: try each (jose makes the error iterable for this).
        const outcome = await tryEachKey(error, token, options, source.name);
        if (outcome === 'signature') signatureFailed = true;
        else if (outcome) return outcome;
        continue;
      }
      return mapClaimError(error);
    }
  }
  if (signatureFailed || !header.kid) {
    return authFailure(
      401,
      'BearerTokenSignatureInvalid',
      `The Bearer token's signature does not verify with any trusted key: it was altered after signing, or signed by a key Triggerbench does not trust. ${FIX_TRUST}`,
    );
  }
  return authFailure(401, 'BearerTokenUntrustedKey', `The Bearer token was signed by a key Triggerbench does not trust (its 'kid' is in no trusted key set). ${FIX_TRUST}`);
}

async function tryEachKey(
  candidates: errors.JWKSMultipleMatchingKeys,
  token: string,
  options: Parameters<typeof jwtVerify>[2],
  name: string,
): Promise<VerifiedToken | AuthFailure | 'signature' | undefined> {
  let result: 'signature' | undefined;
  for await (const key of candidates) {
    try {
      const { payload } = await jwtVerify(token, key, options);
      return { ok: true, claims: payload, keySource: name };
    } catch (error) {
      if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JOSENotSupported) {
        result = 'signature';
        continue;
      }
      return mapClaimError(error);
    }
  }
  return result;
}

function algorithmRefused(alg: string): AuthFailure {
  const why =
    alg.toLowerCase() === 'none'
      ? "it is unsigned (alg 'none')"
      : /^HS/i.test(alg)
        ? `it uses ${alg}, an HMAC algorithm; tokens must be signed with a private key and checked with the public one`
        : `it uses '${alg}'`;
  return authFailure(401, 'BearerTokenAlgorithmNotAllowed', `The Bearer token is refused because ${why}. Allowed algorithms: ${ALLOWED_TOKEN_ALGORITHMS.join(', ')}.`);
}

/** Signature was good (or the token was malformed): map jose's claim and format errors to plain codes. */
function mapClaimError(error: unknown): AuthFailure {
  if (error instanceof errors.JWTExpired) {
    return authFailure(401, 'BearerTokenExpired', `The Bearer token has expired (its 'exp' is more than ${TOKEN_CLOCK_SKEW_SECONDS / 60} minutes in the past). Get a new token.`);
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') {
      return authFailure(401, 'BearerTokenNotYetValid', `The Bearer token is not valid yet (its 'nbf' is more than ${TOKEN_CLOCK_SKEW_SECONDS / 60} minutes in the future). Check the clocks, or mint a token valid from now.`);
    }
    if (error.claim === 'exp' && error.reason === 'missing') {
      return authFailure(401, 'InvalidBearerToken', "The Bearer token has no expiry ('exp'); tokens that never expire are refused, as Azure AD issues none.");
    }
    return authFailure(401, 'InvalidBearerToken', `The Bearer token's '${error.claim}' claim is not valid (${error.reason}).`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return authFailure(401, 'BearerTokenAlgorithmNotAllowed', `The Bearer token's algorithm is not allowed. Allowed algorithms: ${ALLOWED_TOKEN_ALGORITHMS.join(', ')}.`);
  if (error instanceof errors.JOSEError) {
    // jose messages describe the structure (never the token's bytes), so they are safe to show.
    return authFailure(401, 'InvalidBearerToken', `The Bearer token is not a valid signed JWT (${error.message}).`);
  }
  throw error;
}
