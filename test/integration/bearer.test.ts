import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_TENANT_ID } from '../../src-main/auth/local-issuer.ts';
import { startBench, type Bench } from './helpers/bench.ts';
import { errorOf, withoutSas } from './helpers/https-client.ts';
import { aadPolicy, response, workflow } from './helpers/workflows.ts';

// Bearer auth end to end over HTTPS (docs/auth.md): an AAD policy beside the workflow, SAS and
// Bearer each admitted alone, refused together, and the run record without the token.

const ISSUER = `https://sts.windows.net/${LOCAL_TENANT_ID}/`;
const AUDIENCE = 'api://x';
const BODY = { headers: { 'Content-Type': 'application/json' }, body: '{"order":1}' };

let bench: Bench;

beforeAll(async () => {
  bench = await startBench({
    files: {
      'secured/workflow.json': workflow(),
      'secured/access-control.json': aadPolicy(ISSUER, AUDIENCE),
      'kept/workflow.json': workflow({ operationOptions: 'IncludeAuthorizationHeadersInOutputs' }),
      'kept/access-control.json': aadPolicy(ISSUER, AUDIENCE),
      'bearer-only/workflow.json': workflow({ actions: { Response: response({ statusCode: 200, body: "@triggerOutputs()['headers']?['X-Who']" }) } }),
      'bearer-only/access-control.json': aadPolicy(ISSUER, AUDIENCE, { sasAuthenticationPolicy: { state: 'Disabled' } }),
      'sas-only/workflow.json': workflow(),
    },
  });
  expect(bench.wb.issuer.issuer).toBe(ISSUER);
}, 30_000);

afterAll(() => bench?.close());

const bearer = (token: string) => ({ ...BODY, headers: { ...BODY.headers, Authorization: `Bearer ${token}` } });
const mint = async (options: Parameters<Bench['wb']['mintToken']>[0] = { aud: AUDIENCE }) => (await bench.wb.mintToken(options)).token;

function reencode(token: string, change: (part: Record<string, unknown>) => void, index: 0 | 1): string {
  const parts = token.split('.');
  const decoded = JSON.parse(Buffer.from(parts[index]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  change(decoded);
  parts[index] = Buffer.from(JSON.stringify(decoded)).toString('base64url');
  return parts.join('.');
}

describe('SAS and Bearer on a workflow with an AAD policy', () => {
  it('the SAS URL works', async () => {
    const { reply, run } = await bench.callAndRun(bench.url('secured'), BODY);
    expect(reply.status).toBe(200);
    expect(run.auth).toEqual({ scheme: 'SAS', keyType: 'primary' });
  });

  it('a local token for the audience works on the URL without sp, sv and sig', async () => {
    const token = await mint();
    const { reply, run } = await bench.callAndRun(withoutSas(bench.url('secured')), bearer(token));
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ order: 1 });
    expect(run.auth).toMatchObject({ scheme: 'Bearer', policy: 'local-aad', claims: { aud: AUDIENCE, iss: ISSUER } });
  });

  it('both together fail with DirectApiRequestHasMoreThanOneAuthorization', async () => {
    const token = await mint();
    const reply = await bench.call(bench.url('secured'), bearer(token));
    expect(reply.status).toBe(400);
    expect(errorOf(reply).code).toBe('DirectApiRequestHasMoreThanOneAuthorization');
  });

  it('a token for another audience fails with MisMatchingOAuthClaims', async () => {
    const reply = await bench.call(withoutSas(bench.url('secured')), bearer(await mint({ aud: 'api://someone-else' })));
    expect(reply.status).toBe(401);
    expect(errorOf(reply).code).toBe('MisMatchingOAuthClaims');
  });

  it('extra claims are fine', async () => {
    const token = await mint({ aud: AUDIENCE, claims: { roles: ['Reader'], oid: 'abc', custom: 'x' } });
    expect((await bench.call(withoutSas(bench.url('secured')), bearer(token))).status).toBe(200);
  });

  it.each([
    ['expired', async () => mint({ aud: AUDIENCE, claims: { exp: Math.floor(Date.now() / 1000) - 3600 } }), 'BearerTokenExpired'],
    ['not yet valid', async () => mint({ aud: AUDIENCE, claims: { nbf: Math.floor(Date.now() / 1000) + 3600 } }), 'BearerTokenNotYetValid'],
    ['alg none', async () => reencode(`${(await mint()).split('.').slice(0, 2).join('.')}.`, (header) => void (header.alg = 'none'), 0).replace(/\.[^.]*$/, '.'), 'BearerTokenAlgorithmNotAllowed'],
    ['tampered payload', async () => reencode(await mint({ aud: 'api://other' }), (payload) => void (payload.aud = AUDIENCE), 1), 'BearerTokenSignatureInvalid'],
    ['not a JWT', async () => 'not-a-token', 'InvalidBearerToken'],
  ])('an %s token is 401 %s, and the message does not echo it', async (_what, make, code) => {
    const token = await make();
    const reply = await bench.call(withoutSas(bench.url('secured')), bearer(token));
    expect(reply.status).toBe(401);
    const error = errorOf(reply);
    expect(error.code).toBe(code);
    expect(error.message).not.toContain(token);
  });

  it('a token from an untrusted key is refused until its JWKS is trusted', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'tenant-key-1', alg: 'RS256', use: 'sig' };
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ aud: AUDIENCE, iss: ISSUER, sub: 'svc' }).setProtectedHeader({ alg: 'RS256', kid: 'tenant-key-1' }).setIssuedAt(now).setExpirationTime(now + 600).sign(privateKey);
    const refused = await bench.call(withoutSas(bench.url('secured')), bearer(token));
    expect(refused.status).toBe(401);
    expect(errorOf(refused).code).toBe('BearerTokenUntrustedKey');
    await bench.wb.addTrustedJwks('real-tenant', JSON.stringify({ keys: [jwk] }));
    const admitted = await bench.call(withoutSas(bench.url('secured')), bearer(token));
    expect(admitted.status).toBe(200);
    await bench.wb.removeTrustedJwks('real-tenant');
    expect((await bench.call(withoutSas(bench.url('secured')), bearer(token))).status).toBe(401);
  });

  it("another scheme than Bearer is 401 and is not mistaken for a token", async () => {
    const reply = await bench.call(withoutSas(bench.url('secured')), { ...BODY, headers: { ...BODY.headers, Authorization: 'Basic dXNlcjpwYXNz' } });
    expect(reply.status).toBe(401);
    expect(errorOf(reply).code).toBe('DirectApiInvalidAuthorizationScheme');
  });
});

describe('other policies', () => {
  it('Bearer on a workflow without a policy is 401', async () => {
    const reply = await bench.call(withoutSas(bench.url('sas-only')), bearer(await mint()));
    expect(reply.status).toBe(401);
    expect(errorOf(reply).code).toBe('OAuthPolicyNotConfigured');
  });

  it('with SAS disabled, the token still works and the SAS URL does not', async () => {
    const token = await mint();
    const reply = await bench.call(withoutSas(bench.url('bearer-only')), { ...bearer(token), headers: { ...bearer(token).headers, 'X-Who': 'me' } });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('me');
    const sas = await bench.call(bench.url('bearer-only'), BODY);
    expect(sas.status).toBe(401);
    expect(errorOf(sas).code).toBe('DirectApiInvalidAuthorizationScheme');
  });
});

describe('the run record', () => {
  it('says Bearer, the policy and the claims, and holds the raw token nowhere', async () => {
    const token = await mint({ aud: AUDIENCE, claims: { oid: 'object-1' } });
    const { run } = await bench.callAndRun(withoutSas(bench.url('secured')), bearer(token));
    const stored = bench.stored(run.id);
    expect(stored.auth).toMatchObject({ scheme: 'Bearer', policy: 'local-aad', claims: { aud: AUDIENCE, oid: 'object-1' } });
    const text = JSON.stringify(stored);
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.split('.')[2]!);
    const authorization = Object.entries(stored.request.headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
    expect(authorization).toBe('Bearer ***');
  });

  it('a refused token is not stored either', async () => {
    const token = await mint({ aud: 'api://nope' });
    const { reply, run } = await bench.callAndRun(withoutSas(bench.url('secured')), bearer(token));
    expect(reply.status).toBe(401);
    expect(run.status).toBe('Rejected');
    expect(JSON.stringify(bench.stored(run.id))).not.toContain(token.split('.')[2]!);
  });

  it('holds the token only with IncludeAuthorizationHeadersInOutputs', async () => {
    const token = await mint();
    const { reply, run } = await bench.callAndRun(withoutSas(bench.url('kept')), bearer(token));
    expect(reply.status).toBe(200);
    expect(JSON.stringify(bench.stored(run.id))).toContain(token);
  });
});

describe('the issuer documents on the listener', () => {
  it('serve a JWKS that verifies the minted tokens, and OpenID metadata naming it', async () => {
    const base = new URL(bench.url('secured')).origin;
    const config = await bench.call(`${base}/${LOCAL_TENANT_ID}/.well-known/openid-configuration`, { method: 'GET' });
    expect(config.status).toBe(200);
    const metadata = config.json<{ issuer: string; jwks_uri: string }>();
    expect(metadata.issuer).toBe(ISSUER);
    const jwks = await bench.call(metadata.jwks_uri, { method: 'GET' });
    expect(jwks.status).toBe(200);
    const keys = jwks.json<{ keys: Record<string, unknown>[] }>();
    for (const key of keys.keys) expect(key).not.toHaveProperty('d');
    const { payload } = await jwtVerify(await mint(), createLocalJWKSet(keys as never), { issuer: ISSUER, audience: AUDIENCE });
    expect(payload.aud).toBe(AUDIENCE);
  });
});
