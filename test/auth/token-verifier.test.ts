import { createPublicKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateLocalIssuer, type LocalIssuer } from '../../src-main/auth/local-issuer.ts';
import { createTokenVerifier, type TokenVerifier } from '../../src-main/auth/token-verifier.ts';
import { addTrustedJwks, removeTrustedJwks } from '../../src-main/auth/trusted-jwks.ts';
import { b64, foreignKey, timedClaims } from './token-fixtures.ts';
import { useTempDirs } from './temp-dir.ts';

const tempDir = useTempDirs();
let dataDir: string;
let issuer: LocalIssuer;
let verifier: TokenVerifier;

beforeAll(async () => {
  // One issuer for the file (RSA key generation is the slow part); trusted-JWKS tests use their own folder.
  const { mkdtemp } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  dataDir = await mkdtemp(join(tmpdir(), 'triggerbench-verifier-'));
  issuer = await loadOrCreateLocalIssuer(dataDir);
  verifier = await createTokenVerifier(dataDir, issuer);
  return async () => (await import('node:fs/promises')).rm(dataDir, { recursive: true, force: true });
});

describe('Bearer token verification', () => {
  it('accepts a token minted by the local issuer and returns its claims', async () => {
    const token = await issuer.mint({ aud: 'api://orders', claims: { roles: ['Writer'], custom: 'x' } });
    const result = await verifier.verify(token);
    expect(result).toMatchObject({ ok: true, keySource: 'local', claims: { aud: 'api://orders', iss: issuer.issuer, roles: ['Writer'], custom: 'x' } });
  });

  it('refuses a token signed by an untrusted key', async () => {
    const stranger = await foreignKey('RS256', 'stranger-key');
    const token = await stranger.sign({ ...timedClaims(), iss: issuer.issuer, aud: 'api://orders' });
    expect(await verifier.verify(token)).toMatchObject({ ok: false, status: 401, code: 'BearerTokenUntrustedKey' });
  });

  it('refuses a token signed by an untrusted key that copies the local kid', async () => {
    const impostor = await foreignKey('RS256', issuer.kid);
    const token = await impostor.sign({ ...timedClaims(), iss: issuer.issuer });
    expect(await verifier.verify(token)).toMatchObject({ ok: false, code: 'BearerTokenSignatureInvalid' });
    const noKid = await foreignKey('RS256');
    expect(await verifier.verify(await noKid.sign({ ...timedClaims() }))).toMatchObject({ ok: false, code: 'BearerTokenSignatureInvalid' });
  });

  it('refuses an expired token, allowing 5 minutes of clock skew', async () => {
    const token = await issuer.mint({ ttlSeconds: 60, now: new Date('2030-01-01T00:00:00Z') });
    expect(await verifier.verify(token, new Date('2030-01-01T00:05:59Z'))).toMatchObject({ ok: true });
    const late = await verifier.verify(token, new Date('2030-01-01T00:06:01Z'));
    expect(late).toMatchObject({ ok: false, status: 401, code: 'BearerTokenExpired' });
  });

  it('refuses a token that is not valid yet, allowing 5 minutes of clock skew', async () => {
    const token = await issuer.mint({ now: new Date('2030-01-01T01:00:00Z') });
    expect(await verifier.verify(token, new Date('2030-01-01T00:56:00Z'))).toMatchObject({ ok: true });
    expect(await verifier.verify(token, new Date('2030-01-01T00:54:00Z'))).toMatchObject({ ok: false, status: 401, code: 'BearerTokenNotYetValid' });
  });

  it('refuses alg none', async () => {
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...timedClaims(), iss: issuer.issuer })}.`;
    const result = await verifier.verify(token);
    expect(result).toMatchObject({ ok: false, status: 401, code: 'BearerTokenAlgorithmNotAllowed' });
    expect(!result.ok && result.message).toContain("'none'");
    const capital = `${b64({ alg: 'None', typ: 'JWT', kid: issuer.kid })}.${b64({ ...timedClaims() })}.`;
    expect(await verifier.verify(capital)).toMatchObject({ ok: false, code: 'BearerTokenAlgorithmNotAllowed' });
  });

  it('refuses HS256 signed with the issuer\'s public key bytes (the key-confusion forgery)', async () => {
    const publicPem = createPublicKey({ key: issuer.jwks().keys[0]! as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    for (const secret of [Buffer.from(publicPem), Buffer.from(JSON.stringify(issuer.jwks().keys[0]))]) {
      const token = await new SignJWT({ ...timedClaims(), iss: issuer.issuer, aud: 'api://orders' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: issuer.kid })
        .sign(new Uint8Array(secret));
      expect(await verifier.verify(token)).toMatchObject({ ok: false, code: 'BearerTokenAlgorithmNotAllowed', message: expect.stringContaining('HMAC') });
    }
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const token = await issuer.mint({ aud: 'api://orders', claims: { roles: ['Reader'] } });
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = `${header}.${b64({ ...claims, roles: ['Admin'] })}.${signature}`;
    expect(await verifier.verify(forged)).toMatchObject({ ok: false, status: 401, code: 'BearerTokenSignatureInvalid' });
  });

  it('refuses tokens without an expiry, and malformed or encrypted tokens', async () => {
    const neverExpires = await issuer.mint({ claims: { exp: undefined } });
    expect(await verifier.verify(neverExpires)).toMatchObject({ ok: false, code: 'InvalidBearerToken', message: expect.stringContaining("'exp'") });
    for (const bad of ['abc', 'a.b', 'a.b.c.d.e', '!!!.e30.x', `${b64({ alg: 'RS256' })}.not-json.x`]) {
      const result = await verifier.verify(bad);
      expect(result).toMatchObject({ ok: false, status: 401 });
      expect(result.ok === false && result.code).toMatch(/^(InvalidBearerToken|BearerTokenSignatureInvalid)$/);
    }
  });

  it('refuses algorithms outside the allowlist', async () => {
    const token = `${b64({ alg: 'EdDSA', kid: issuer.kid })}.${b64(timedClaims())}.c2ln`;
    expect(await verifier.verify(token)).toMatchObject({ ok: false, code: 'BearerTokenAlgorithmNotAllowed' });
  });
});

describe('trusted JWKS of another tenant', () => {
  it('accepts tokens of a tenant once its JWKS is trusted, and refuses them again once removed, without a restart', async () => {
    const dir = await tempDir();
    const local = await loadOrCreateLocalIssuer(dir);
    const tenantVerifier = await createTokenVerifier(dir, local);
    const tenant = await foreignKey('ES256', 'tenant-b-key');
    const token = await tenant.sign({ ...timedClaims(), iss: 'https://sts.windows.net/bbbbbbbb-0000-0000-0000-000000000000/', aud: 'api://orders' });
    expect(await tenantVerifier.verify(token)).toMatchObject({ ok: false, code: 'BearerTokenUntrustedKey' });
    await addTrustedJwks(dir, 'tenant-b', JSON.stringify({ keys: [tenant.publicJwk] }));
    expect(await tenantVerifier.verify(token)).toMatchObject({ ok: true, keySource: 'tenant-b', claims: { aud: 'api://orders' } });
    expect(tenantVerifier.sources()).toEqual(['local', 'tenant-b']);
    // The local issuer still works beside it.
    expect(await tenantVerifier.verify(await local.mint())).toMatchObject({ ok: true, keySource: 'local' });
    await removeTrustedJwks(dir, 'tenant-b');
    expect(await tenantVerifier.verify(token)).toMatchObject({ ok: false, code: 'BearerTokenUntrustedKey' });
  });

  it('tries every key of a set when the token has no kid', async () => {
    const dir = await tempDir();
    const local = await loadOrCreateLocalIssuer(dir);
    const first = await foreignKey('RS256');
    const second = await foreignKey('RS256');
    await addTrustedJwks(dir, 'rotating', JSON.stringify({ keys: [first.publicJwk, second.publicJwk] }));
    const tenantVerifier = await createTokenVerifier(dir, local);
    expect(await tenantVerifier.verify(await second.sign(timedClaims()))).toMatchObject({ ok: true, keySource: 'rotating' });
    const third = await foreignKey('RS256');
    expect(await tenantVerifier.verify(await third.sign(timedClaims()))).toMatchObject({ ok: false, code: 'BearerTokenSignatureInvalid' });
  });
});
