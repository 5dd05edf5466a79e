import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessControl } from '../../src-main/auth/access-control.ts';
import { loadOrCreateAccessKeys, type AccessKeys } from '../../src-main/auth/access-keys.ts';
import { authorizeCall, type AuthDecision, type AuthorizeCallInput } from '../../src-main/auth/authorize.ts';
import { loadOrCreateLocalIssuer, type LocalIssuer } from '../../src-main/auth/local-issuer.ts';
import { PARTIAL_SAS_MESSAGE, sasQuery } from '../../src-main/auth/sas.ts';
import { createTokenVerifier, type TokenVerifier } from '../../src-main/auth/token-verifier.ts';
import { b64, foreignKey, timedClaims } from './token-fixtures.ts';

let dataDir: string;
let keys: AccessKeys;
let issuer: LocalIssuer;
let verifier: TokenVerifier;
let oauth: AccessControl;
// Every secret handed to authorizeCall and every failure it returned, to check no message leaks one.
const secrets = new Set<string>();
const failures: AuthDecision[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'triggerbench-authorize-'));
  keys = await loadOrCreateAccessKeys(dataDir);
  issuer = await loadOrCreateLocalIssuer(dataDir);
  verifier = await createTokenVerifier(dataDir, issuer);
  oauth = {
    triggers: {
      openAuthenticationPolicies: {
        policies: {
          readers: { type: 'AAD', claims: [{ name: 'iss', value: issuer.issuer }, { name: 'aud', value: 'api://orders' }, { name: 'roles', value: 'Reader' }] },
          writers: { type: 'AAD', claims: [{ name: 'iss', value: issuer.issuer }, { name: 'aud', value: 'api://orders' }, { name: 'appid', value: 'writer-app' }] },
        },
      },
    },
  };
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function sasUrl(options: { workflow?: string; keyType?: 'primary' | 'secondary'; notAfter?: Date } = {}): URLSearchParams {
  const query = new URLSearchParams({ 'api-version': '2022-05-01' });
  for (const [name, value] of sasQuery({ workflow: options.workflow ?? 'orders', trigger: 'manual', keys, keyType: options.keyType, notAfter: options.notAfter })) query.append(name, value);
  secrets.add(query.get('sig')!);
  return query;
}

async function call(input: Partial<AuthorizeCallInput>): Promise<AuthDecision> {
  if (input.authorization) secrets.add(input.authorization.replace(/^\S+\s+/, ''));
  const decision = await authorizeCall({
    workflow: 'orders',
    trigger: 'manual',
    query: new URLSearchParams({ 'api-version': '2022-05-01' }),
    remoteAddress: '127.0.0.1',
    keys,
    verifier,
    ...input,
  });
  if (!decision.ok) failures.push(decision);
  return decision;
}

const bearer = (token: string) => `Bearer ${token}`;

describe('authorizeCall: caller IP (checked first)', () => {
  const restricted = (ranges: string[]): AccessControl => ({ triggers: { allowedCallerIpAddresses: ranges.map((addressRange) => ({ addressRange })) } });

  it('refuses a caller outside allowedCallerIpAddresses, even with a valid SAS URL', async () => {
    const decision = await call({ query: sasUrl(), remoteAddress: '10.1.2.3', accessControl: restricted(['127.0.0.0/8']) });
    expect(decision).toMatchObject({ ok: false, status: 401, code: 'ClientIpAddressNotAllowed', message: expect.stringContaining("'10.1.2.3'") });
  });

  it('refuses before looking at the credentials (no auth at all still gives the IP error)', async () => {
    expect(await call({ remoteAddress: '10.1.2.3', accessControl: restricted(['127.0.0.0/8']) })).toMatchObject({ code: 'ClientIpAddressNotAllowed' });
  });

  it('admits a caller inside the ranges, also when it arrives IPv4-mapped on a dual-stack socket', async () => {
    expect(await call({ query: sasUrl(), remoteAddress: '::ffff:127.0.0.1', accessControl: restricted(['127.0.0.1-127.0.0.9']) })).toMatchObject({ ok: true });
    expect(await call({ query: sasUrl(), remoteAddress: '::1', accessControl: restricted(['::1/128']) })).toMatchObject({ ok: true });
  });

  it('treats an empty list as "no direct callers", and no list as "anyone"', async () => {
    const empty = await call({ query: sasUrl(), accessControl: restricted([]) });
    expect(empty).toMatchObject({ ok: false, code: 'ClientIpAddressNotAllowed', message: expect.stringContaining('empty list') });
    expect(await call({ query: sasUrl(), remoteAddress: '203.0.113.9', accessControl: { triggers: {} } })).toMatchObject({ ok: true });
  });
});

describe('authorizeCall: SAS', () => {
  it('admits a primary- or secondary-signed URL and records which key', async () => {
    expect(await call({ query: sasUrl() })).toEqual({ ok: true, auth: { scheme: 'SAS', keyType: 'primary' } });
    expect(await call({ query: sasUrl({ keyType: 'secondary' }) })).toEqual({ ok: true, auth: { scheme: 'SAS', keyType: 'secondary' } });
  });

  it('admits SAS on a workflow that also has OAuth policies (enabling OAuth does not disable SAS)', async () => {
    expect(await call({ query: sasUrl(), accessControl: oauth })).toMatchObject({ ok: true, auth: { scheme: 'SAS' } });
  });

  it('refuses SAS parameters together with an Authorization header: 400 DirectApiRequestHasMoreThanOneAuthorization', async () => {
    const token = await issuer.mint({ aud: 'api://orders', claims: { roles: 'Reader' } });
    const decision = await call({ query: sasUrl(), authorization: bearer(token), accessControl: oauth });
    expect(decision).toEqual({
      ok: false,
      status: 400,
      code: 'DirectApiRequestHasMoreThanOneAuthorization',
      message: expect.stringContaining("The request has both SAS authentication scheme and 'Bearer' authorization scheme. Only one scheme should be used"),
    });
    // Even a partial SAS plus a header is "more than one" (this check comes before the partial-SAS one).
    const partial = new URLSearchParams({ sp: '/triggers/manual/run' });
    expect(await call({ query: partial, authorization: 'Basic dXNlcjpwYXNz' })).toMatchObject({ status: 400, code: 'DirectApiRequestHasMoreThanOneAuthorization', message: expect.stringContaining("'Basic'") });
  });

  it('does not repeat an unknown scheme word, which may be a bare token', async () => {
    const token = await issuer.mint();
    const decision = await call({ query: sasUrl(), authorization: token });
    expect(decision).toMatchObject({ status: 400, message: expect.stringContaining("an 'Authorization' header") });
  });

  it('gives Azure\'s AuthorizationFailed message for a partial SAS', async () => {
    for (const drop of ['sp', 'sv', 'sig']) {
      const query = sasUrl();
      query.delete(drop);
      expect(await call({ query })).toEqual({ ok: false, status: 401, code: 'AuthorizationFailed', message: PARTIAL_SAS_MESSAGE });
    }
  });

  it('refuses SAS when the workflow disabled it: DirectApiInvalidAuthorizationScheme', async () => {
    const disabled: AccessControl = { triggers: { ...oauth.triggers, sasAuthenticationPolicy: { state: 'Disabled' } } };
    expect(await call({ query: sasUrl(), accessControl: disabled })).toMatchObject({ ok: false, status: 401, code: 'DirectApiInvalidAuthorizationScheme' });
    // ...while Bearer still works there.
    const token = await issuer.mint({ aud: 'api://orders', claims: { roles: 'Reader' } });
    expect(await call({ authorization: bearer(token), accessControl: disabled })).toMatchObject({ ok: true, auth: { scheme: 'Bearer', policy: 'readers' } });
    expect(await call({ query: sasUrl(), accessControl: { triggers: { sasAuthenticationPolicy: { state: 'Enabled' } } } })).toMatchObject({ ok: true });
  });

  it('refuses a wrong signature, another workflow\'s URL and an expired URL', async () => {
    expect(await call({ query: sasUrl({ workflow: 'invoices' }) })).toMatchObject({ ok: false, status: 401, code: 'SasSignatureMismatch' });
    const expired = sasUrl({ notAfter: new Date('2030-01-01T00:00:00Z') });
    expect(await call({ query: expired, now: new Date('2031-01-01T00:00:00Z') })).toMatchObject({ ok: false, status: 401, code: 'SasUrlExpired' });
    expect(await call({ query: expired, now: new Date('2029-01-01T00:00:00Z') })).toMatchObject({ ok: true });
  });
});

describe('authorizeCall: Bearer', () => {
  it('admits a token matching every claim of one policy, recording the policy and the claims', async () => {
    const token = await issuer.mint({ aud: 'api://orders', claims: { appid: 'writer-app', extra: 'ignored', roles: ['Writer'] } });
    const decision = await call({ authorization: bearer(token), accessControl: oauth });
    expect(decision).toMatchObject({ ok: true, auth: { scheme: 'Bearer', policy: 'writers', claims: { appid: 'writer-app', extra: 'ignored', aud: 'api://orders', iss: issuer.issuer } } });
  });

  it('accepts the scheme word in any case', async () => {
    const token = await issuer.mint({ aud: 'api://orders', claims: { roles: 'Reader' } });
    expect(await call({ authorization: `bearer ${token}`, accessControl: oauth })).toMatchObject({ ok: true, auth: { policy: 'readers' } });
  });

  it('refuses a token for another audience with MisMatchingOAuthClaims', async () => {
    const token = await issuer.mint({ aud: 'api://other', claims: { roles: 'Reader', appid: 'writer-app' } });
    expect(await call({ authorization: bearer(token), accessControl: oauth })).toMatchObject({
      ok: false,
      status: 401,
      code: 'MisMatchingOAuthClaims',
      message: expect.stringContaining('One or more claims either missing or does not match'),
    });
  });

  it('refuses a token from another issuer with MisMatchingOAuthClaims', async () => {
    const token = await issuer.mint({ aud: 'api://orders', claims: { roles: 'Reader', iss: 'https://sts.windows.net/00000000-0000-0000-0000-000000000000/' } });
    expect(await call({ authorization: bearer(token), accessControl: oauth })).toMatchObject({ ok: false, code: 'MisMatchingOAuthClaims' });
  });

  it('matches claims exactly: case matters and an array claim never equals a policy string', async () => {
    const wrongCase = await issuer.mint({ aud: 'API://orders', claims: { roles: 'Reader' } });
    expect(await call({ authorization: bearer(wrongCase), accessControl: oauth })).toMatchObject({ code: 'MisMatchingOAuthClaims' });
    const arrayRole = await issuer.mint({ aud: 'api://orders', claims: { roles: ['Reader'] } });
    expect(await call({ authorization: bearer(arrayRole), accessControl: oauth })).toMatchObject({ code: 'MisMatchingOAuthClaims' });
  });

  it('refuses Bearer on a workflow without an AAD policy, saying how to add one', async () => {
    const token = await issuer.mint({ aud: 'api://orders', claims: { roles: 'Reader' } });
    expect(await call({ authorization: bearer(token) })).toMatchObject({ ok: false, status: 401, code: 'OAuthPolicyNotConfigured', message: expect.stringContaining('openAuthenticationPolicies') });
    const popOnly: AccessControl = { triggers: { openAuthenticationPolicies: { policies: { pop: { type: 'AADPOP', claims: [{ name: 'iss', value: issuer.issuer }] } } } } };
    expect(await call({ authorization: bearer(token), accessControl: popOnly })).toMatchObject({ code: 'OAuthPolicyNotConfigured', message: expect.stringContaining('AADPOP') });
  });

  it('gives a code per token problem', async () => {
    const now = new Date('2030-01-01T00:00:00Z');
    const expired = await issuer.mint({ aud: 'api://orders', claims: { roles: 'Reader' }, ttlSeconds: 60, now: new Date('2029-12-31T00:00:00Z') });
    const future = await issuer.mint({ aud: 'api://orders', claims: { roles: 'Reader' }, now: new Date('2030-01-01T01:00:00Z') });
    const stranger = await (await foreignKey('RS256', 'stranger')).sign({ ...timedClaims(now), iss: issuer.issuer, aud: 'api://orders', roles: 'Reader' });
    const good = await issuer.mint({ aud: 'api://orders', claims: { roles: 'Reader' }, now });
    const [h, p, s] = good.split('.');
    const tampered = `${h}.${b64({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), roles: 'Admin' })}.${s}`;
    const none = `${b64({ alg: 'none' })}.${p}.`;
    const cases: [string, string][] = [
      [expired, 'BearerTokenExpired'],
      [future, 'BearerTokenNotYetValid'],
      [stranger, 'BearerTokenUntrustedKey'],
      [tampered, 'BearerTokenSignatureInvalid'],
      [none, 'BearerTokenAlgorithmNotAllowed'],
      ['not-a-jwt', 'InvalidBearerToken'],
    ];
    for (const [token, code] of cases) {
      expect(await call({ authorization: bearer(token), accessControl: oauth, now }), code).toMatchObject({ ok: false, status: 401, code });
    }
    expect(await call({ authorization: 'Bearer', accessControl: oauth })).toMatchObject({ code: 'InvalidBearerToken' });
  });

  it('refuses PoP with "not supported", and other schemes as invalid', async () => {
    const token = await issuer.mint();
    expect(await call({ authorization: `PoP ${token}`, accessControl: oauth })).toMatchObject({ ok: false, status: 401, code: 'PopAuthenticationNotSupported' });
    expect(await call({ authorization: 'Basic dXNlcjpwYXNz', accessControl: oauth })).toMatchObject({ ok: false, status: 401, code: 'DirectApiInvalidAuthorizationScheme', message: expect.stringContaining("'Basic'") });
    expect(await call({ authorization: token, accessControl: oauth })).toMatchObject({ code: 'DirectApiInvalidAuthorizationScheme', message: expect.stringContaining('an unsupported scheme') });
  });
});

describe('authorizeCall: nothing at all', () => {
  it('refuses with DirectApiAuthorizationRequired, also with an empty Authorization header', async () => {
    expect(await call({})).toMatchObject({ ok: false, status: 401, code: 'DirectApiAuthorizationRequired' });
    expect(await call({ authorization: '   ', accessControl: oauth })).toMatchObject({ ok: false, status: 401, code: 'DirectApiAuthorizationRequired' });
    // Other query parameters are not SAS parameters.
    expect(await call({ query: new URLSearchParams({ 'api-version': '2022-05-01', code: 'x' }) })).toMatchObject({ code: 'DirectApiAuthorizationRequired' });
  });
});

describe('authorizeCall: secrets stay out of messages', () => {
  it('never echoes a token or a signature in any failure above', () => {
    expect(failures.length).toBeGreaterThan(20);
    expect(secrets.size).toBeGreaterThan(10);
    for (const failure of failures) {
      if (failure.ok) continue;
      for (const secret of secrets) {
        // Any 16-character run of a secret would be a leak; shorter words (e.g. 'Bearer') are not secrets.
        if (secret.length < 16) continue;
        for (let i = 0; i + 16 <= secret.length; i += 8) expect(failure.message).not.toContain(secret.slice(i, i + 16));
      }
    }
  });
});
