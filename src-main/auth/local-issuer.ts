import { narrowToOwner, OWNER_ONLY_FILE_MODE } from '../files/owner-only.ts';
import { generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { calculateJwkThumbprint, importJWK, SignJWT, type JSONWebKeySet, type JWK } from 'jose';
import { readJsonIfExists } from '../files/files.ts';
import { AuthSetupError } from './auth-failure.ts';
import { createFileExclusive } from './secret-file.ts';

/** The audience a token gets when none is chosen: the one Microsoft's Logic Apps OAuth examples use. */
export const DEFAULT_AUDIENCE = 'https://management.core.windows.net/';

/** Default token lifetime: one hour, like Azure AD access tokens. */
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

/** What a minted token carries beyond the defaults. Claims override defaults (even `iss`, `exp`), to build "wrong" tokens on purpose. */
export interface MintOptions {
  aud?: string;
  sub?: string;
  claims?: Record<string, unknown>;
  ttlSeconds?: number;
  /** The issue time (tests, or a token that is not valid yet); defaults to now. */
  now?: Date;
}

/** The local Azure-AD-like token issuer: its tenant, keys and minting. */
export interface LocalIssuer {
  tenantId: string;
  /** `https://sts.windows.net/<tenantId>/`, the v1 issuer form, so policies read as in Azure. */
  issuer: string;
  /** RFC 7638 thumbprint of the public key, the `kid` of every token. */
  kid: string;
  /** The public key set, as `/<tenant>/discovery/keys` serves it (never private members). */
  jwks(): JSONWebKeySet;
  /** OpenID provider metadata for a listener at `baseUrl` (e.g. `https://127.0.0.1:7071`). */
  openIdConfiguration(baseUrl: string): Record<string, unknown>;
  /** Signs a token (RS256) with the local key. */
  mint(options?: MintOptions): Promise<string>;
}

/**
 * The tenant id a new install's issuer gets. Fixed rather than random so that a
 * workspace's access-control.json naming `https://sts.windows.net/<this id>/` works on
 * every teammate's machine (each install still signs with its own key). Edit
 * `issuer/tenant.json` to use another tenant id.
 */
export const LOCAL_TENANT_ID = '0c0ffee0-7b00-4000-8000-000000000001';

/** Paths (under the listener's origin) of the issuer's metadata, mirroring Azure AD's v1 endpoints. */
export function issuerRoutes(tenantId: string): { openIdConfiguration: string; jwks: string } {
  return { openIdConfiguration: `/${tenantId}/.well-known/openid-configuration`, jwks: `/${tenantId}/discovery/keys` };
}

/** Where the issuer lives in the data folder. */
export function issuerPaths(dataDir: string): { dir: string; tenant: string; signingKey: string } {
  const dir = join(dataDir, 'issuer');
  return { dir, tenant: join(dir, 'tenant.json'), signingKey: join(dir, 'signing-key.jwk.json') };
}

const PUBLIC_RSA_MEMBERS = ['kty', 'n', 'e'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function readOrCreate<T>(path: string, create: () => Promise<T>, check: (value: unknown) => T): Promise<T> {
  const load = async (): Promise<T | undefined> => {
    narrowToOwner(path, OWNER_ONLY_FILE_MODE);
    let value: unknown;
    try {
      value = await readJsonIfExists<unknown>(path);
    } catch (error) {
      if (error instanceof SyntaxError) throw damaged(path, error.message);
      throw error;
    }
    return value === undefined ? undefined : check(value);
  };
  const existing = await load();
  if (existing !== undefined) return existing;
  const fresh = await create();
  if (await createFileExclusive(path, `${JSON.stringify(fresh, null, 2)}\n`, 0o600)) return fresh;
  const winner = await load();
  if (winner === undefined) throw damaged(path, 'it disappeared while being created');
  return winner;
}

function damaged(path: string, why: string): AuthSetupError {
  return new AuthSetupError(
    'LocalIssuerFileInvalid',
    `The local token issuer's file ${path} is damaged (${why}). Delete it and start again: a new signing key invalidates tokens minted before; a new tenant.json changes the tenant id your policies' "iss" must name.`,
  );
}

/**
 * Loads the local issuer from `<dataDir>/issuer/`, creating on first start a tenant id
 * (`tenant.json`) and an RSA-2048 signing key (`signing-key.jwk.json`, mode 0600). They are
 * separate files so the key can be rotated (delete it) while the tenant id, which
 * policies in the workspace name, stays. Both are created exclusively (app and CLI may race).
 */
export async function loadOrCreateLocalIssuer(dataDir: string): Promise<LocalIssuer> {
  const paths = issuerPaths(dataDir);
  const tenant = await readOrCreate(
    paths.tenant,
    async () => ({ tenantId: LOCAL_TENANT_ID, createdAt: new Date().toISOString() }),
    (value) => {
      const tenantId = (value as { tenantId?: unknown }).tenantId;
      if (typeof tenantId !== 'string' || !UUID.test(tenantId)) throw damaged(paths.tenant, 'no tenantId UUID');
      return { tenantId };
    },
  );
  const privateJwk = await readOrCreate(paths.signingKey, createSigningKey, (value) => {
    const jwk = value as JWK;
    if (jwk?.kty !== 'RSA' || typeof jwk.d !== 'string' || typeof jwk.n !== 'string' || typeof jwk.kid !== 'string') throw damaged(paths.signingKey, 'not an RSA private JWK with a kid');
    return jwk;
  });
  const publicJwk: JWK = { ...pick(privateJwk, PUBLIC_RSA_MEMBERS), kid: privateJwk.kid!, use: 'sig', alg: 'RS256' };
  const signingKey = await importJWK({ ...privateJwk, alg: 'RS256' }, 'RS256');
  const issuer = `https://sts.windows.net/${tenant.tenantId}/`;
  const kid = privateJwk.kid!;

  return {
    tenantId: tenant.tenantId,
    issuer,
    kid,
    jwks: () => ({ keys: [structuredClone(publicJwk)] }),
    openIdConfiguration: (baseUrl) => {
      const base = baseUrl.replace(/\/+$/, '');
      const routes = issuerRoutes(tenant.tenantId);
      // Azure AD v1 metadata members that make sense without an authorization server:
      // Triggerbench mints tokens itself (CLI `token`, console), so no authorize/token endpoints.
      return {
        issuer,
        jwks_uri: `${base}${routes.jwks}`,
        response_types_supported: ['token'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        claims_supported: ['iss', 'aud', 'sub', 'tid', 'oid', 'appid', 'roles', 'scp', 'iat', 'nbf', 'exp', 'ver'],
        tenant_id: tenant.tenantId,
      };
    },
    mint: async (options = {}) => {
      const ttl = options.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
      if (!Number.isSafeInteger(ttl) || ttl <= 0) throw new AuthSetupError('InvalidTokenLifetime', `A token lifetime must be a positive whole number of seconds, not ${ttl}.`);
      const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
      // Shaped like an Azure AD v1 access token, so policies written for Azure match unchanged.
      const payload: Record<string, unknown> = {
        aud: options.aud ?? DEFAULT_AUDIENCE,
        iss: issuer,
        iat,
        nbf: iat,
        exp: iat + ttl,
        sub: options.sub ?? 'triggerbench-local-user',
        tid: tenant.tenantId,
        uti: randomBytes(16).toString('base64url'),
        ver: '1.0',
        ...options.claims,
      };
      return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(signingKey);
    },
  };
}

async function createSigningKey(): Promise<JWK> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(pick(jwk, PUBLIC_RSA_MEMBERS) as JWK);
  return { ...jwk, kid, alg: 'RS256', use: 'sig' };
}

function pick(jwk: JWK, members: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(members.map((member) => [member, (jwk as Record<string, unknown>)[member]]));
}
