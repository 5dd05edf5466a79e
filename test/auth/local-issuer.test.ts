import { readdir, readFile, stat } from 'node:fs/promises';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { DEFAULT_AUDIENCE, issuerPaths, loadOrCreateLocalIssuer } from '../../src-main/auth/local-issuer.ts';
import { POSIX_MODES, useTempDirs } from './temp-dir.ts';

const tempDir = useTempDirs();

describe('local token issuer', () => {
  it('creates a tenant id and an RS256 key on first start, and keeps them', async () => {
    const dir = await tempDir();
    const first = await loadOrCreateLocalIssuer(dir);
    expect(first.tenantId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(first.issuer).toBe(`https://sts.windows.net/${first.tenantId}/`);
    const second = await loadOrCreateLocalIssuer(dir);
    expect(second.tenantId).toBe(first.tenantId);
    expect(second.kid).toBe(first.kid);
    // A token minted before a restart still verifies after it.
    const token = await first.mint();
    const verified = await jwtVerify(token, createLocalJWKSet(second.jwks()));
    expect(verified.payload.iss).toBe(first.issuer);
    expect(verified.protectedHeader.kid).toBe(first.kid);
  });

  it('keeps the private key owner-only (0600) and publishes only public members', async () => {
    const dir = await tempDir();
    const issuer = await loadOrCreateLocalIssuer(dir);
    const paths = issuerPaths(dir);
    expect((await readdir(paths.dir)).sort()).toEqual(['signing-key.jwk.json', 'tenant.json']);
    if (POSIX_MODES) expect((await stat(paths.signingKey)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(paths.signingKey, 'utf8'))).toHaveProperty('d');
    const [key] = issuer.jwks().keys;
    expect(Object.keys(key!).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: issuer.kid });
  });

  it('agrees on one issuer when first starts race', async () => {
    const dir = await tempDir();
    const all = await Promise.all([loadOrCreateLocalIssuer(dir), loadOrCreateLocalIssuer(dir), loadOrCreateLocalIssuer(dir)]);
    expect(new Set(all.map((issuer) => `${issuer.tenantId}/${issuer.kid}`)).size).toBe(1);
  });

  it('mints Azure-AD-v1-shaped tokens with chosen claims and lifetime', async () => {
    const dir = await tempDir();
    const issuer = await loadOrCreateLocalIssuer(dir);
    const now = new Date('2030-05-01T12:00:00Z');
    const token = await issuer.mint({ aud: 'api://orders', sub: 'alice', claims: { roles: ['Writer'], appid: 'app-1' }, ttlSeconds: 600, now });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', typ: 'JWT', kid: issuer.kid });
    const { payload } = await jwtVerify(token, createLocalJWKSet(issuer.jwks()), { currentDate: now });
    expect(payload).toMatchObject({ aud: 'api://orders', iss: issuer.issuer, sub: 'alice', tid: issuer.tenantId, ver: '1.0', roles: ['Writer'], appid: 'app-1' });
    expect(payload.exp! - payload.iat!).toBe(600);
    expect(payload.nbf).toBe(payload.iat);
    expect(payload.iat).toBe(Math.floor(now.getTime() / 1000));
    const plain = await issuer.mint();
    expect((await jwtVerify(plain, createLocalJWKSet(issuer.jwks()))).payload.aud).toBe(DEFAULT_AUDIENCE);
  });

  it('refuses a bad lifetime', async () => {
    const issuer = await loadOrCreateLocalIssuer(await tempDir());
    await expect(issuer.mint({ ttlSeconds: 0 })).rejects.toMatchObject({ code: 'InvalidTokenLifetime' });
  });

  it('describes itself with OpenID metadata pointing at its JWKS', async () => {
    const issuer = await loadOrCreateLocalIssuer(await tempDir());
    expect(issuer.openIdConfiguration('https://127.0.0.1:7071/')).toMatchObject({
      issuer: issuer.issuer,
      jwks_uri: `https://127.0.0.1:7071/${issuer.tenantId}/discovery/keys`,
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });
});
