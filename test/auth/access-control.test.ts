import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAccessControl } from '../../src-main/auth/access-control.ts';
import { loadAccessControl } from '../../src-main/auth/access-control-file.ts';
import { useTempDirs } from './temp-dir.ts';

const tempDir = useTempDirs();
const FILE = 'orders/access-control.json';
const ISS = { name: 'iss', value: 'https://sts.windows.net/11111111-2222-3333-4444-555555555555/' };

const withPolicies = (policies: unknown) => ({ triggers: { openAuthenticationPolicies: { policies } } });
const codes = (result: ReturnType<typeof parseAccessControl>) => result.problems.map((problem) => problem.code);

describe('access-control.json', () => {
  it('accepts the ARM shape and returns it', () => {
    const doc = {
      triggers: {
        openAuthenticationPolicies: { policies: { callers: { type: 'AAD', claims: [ISS, { name: 'aud', value: 'api://orders' }] } } },
        allowedCallerIpAddresses: [{ addressRange: '127.0.0.0/8' }, { addressRange: '::1-::2' }],
        sasAuthenticationPolicy: { state: 'disabled' },
      },
    };
    const result = parseAccessControl(doc, FILE, 'orders');
    expect(result.problems).toEqual([]);
    expect(result.value?.triggers?.openAuthenticationPolicies?.policies.callers?.claims).toHaveLength(2);
    expect(result.value?.triggers?.sasAuthenticationPolicy).toEqual({ state: 'Disabled' });
    expect(result.value?.triggers?.allowedCallerIpAddresses).toHaveLength(2);
  });

  it('accepts issuers on login.microsoftonline.com too', () => {
    const result = parseAccessControl(withPolicies({ p: { type: 'AAD', claims: [{ name: 'iss', value: 'https://login.microsoftonline.com/t/v2.0' }] } }), FILE);
    expect(result.problems).toEqual([]);
  });

  it('refuses an array claim value (a load error, with a pointer)', () => {
    const result = parseAccessControl(withPolicies({ p: { type: 'AAD', claims: [ISS, { name: 'roles', value: ['a', 'b'] }] } }), FILE, 'orders');
    expect(result.value).toBeUndefined();
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'ClaimValueNotString',
        severity: 'error',
        file: FILE,
        workflow: 'orders',
        pointer: '/triggers/openAuthenticationPolicies/policies/p/claims/1/value',
        message: expect.stringContaining('single string'),
      }),
    ]);
  });

  it('enforces Azure\'s limits: 5 policies, 10 claims, 150 characters', () => {
    const six = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`p${i}`, { type: 'AAD', claims: [ISS] }]));
    expect(codes(parseAccessControl(withPolicies(six), FILE))).toEqual(['TooManyOAuthPolicies']);
    const five = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`p${i}`, { type: 'AAD', claims: [ISS] }]));
    expect(codes(parseAccessControl(withPolicies(five), FILE))).toEqual([]);
    const claims = [ISS, ...Array.from({ length: 10 }, (_, i) => ({ name: `c${i}`, value: 'v' }))];
    expect(codes(parseAccessControl(withPolicies({ p: { type: 'AAD', claims } }), FILE))).toEqual(['TooManyPolicyClaims']);
    const long = parseAccessControl(withPolicies({ p: { type: 'AAD', claims: [ISS, { name: 'sub', value: 'x'.repeat(151) }] } }), FILE);
    expect(long.problems[0]).toMatchObject({ code: 'ClaimValueTooLong', pointer: '/triggers/openAuthenticationPolicies/policies/p/claims/1/value' });
    expect(codes(parseAccessControl(withPolicies({ p: { type: 'AAD', claims: [ISS, { name: 'sub', value: 'x'.repeat(150) }] } }), FILE))).toEqual([]);
  });

  it('requires iss, with Azure\'s prefix rule', () => {
    expect(parseAccessControl(withPolicies({ p: { type: 'AAD', claims: [{ name: 'aud', value: 'a' }] } }), FILE).problems[0]).toMatchObject({
      code: 'PolicyIssuerMissing',
      pointer: '/triggers/openAuthenticationPolicies/policies/p/claims',
    });
    expect(parseAccessControl(withPolicies({ p: { type: 'AAD', claims: [{ name: 'aud', value: 'a' }, { name: 'iss', value: 'https://evil.example/' }] } }), FILE).problems[0]).toMatchObject({
      code: 'PolicyIssuerNotAllowed',
      pointer: '/triggers/openAuthenticationPolicies/policies/p/claims/1/value',
    });
  });

  it('reports bad types, values and duplicate claims', () => {
    expect(codes(parseAccessControl(withPolicies({ p: { type: 'Basic', claims: [ISS] } }), FILE))).toEqual(['InvalidPolicyType']);
    expect(codes(parseAccessControl(withPolicies({ p: { type: 'AAD', claims: [ISS, { name: 'aud', values: 'x' }] } }), FILE))).toEqual(['InvalidPolicyClaim']);
    expect(codes(parseAccessControl(withPolicies({ p: { type: 'AAD', claims: [ISS, { name: 'aud', value: 3 }] } }), FILE))).toEqual(['ClaimValueNotString']);
    expect(codes(parseAccessControl(withPolicies({ p: { type: 'AAD', claims: [ISS, ISS] } }), FILE))).toEqual(['DuplicatePolicyClaim']);
    expect(codes(parseAccessControl(withPolicies({ 'a/b': { type: 'AAD', claims: 'x' } }), FILE))).toEqual(['AccessControlInvalidShape']);
    expect(parseAccessControl(withPolicies({ 'a/b': { type: 'AAD', claims: 'x' } }), FILE).problems[0]!.pointer).toBe('/triggers/openAuthenticationPolicies/policies/a~1b/claims');
  });

  it('warns, without failing, about AADPOP policies and unknown sections', () => {
    const result = parseAccessControl({ ...withPolicies({ pop: { type: 'AADPOP', claims: [ISS] } }), contents: {}, tirggers: {} }, FILE);
    // The policy still loads (only warned about), so the workflow keeps its access control.
    expect(Object.keys(result.value?.triggers?.openAuthenticationPolicies?.policies ?? {})).toEqual(['pop']);
    expect(result.problems.map((problem) => [problem.code, problem.severity])).toEqual([
      ['AccessControlSectionIgnored', 'warning'],
      ['UnknownAccessControlProperty', 'warning'],
      ['PopPolicyNotSupported', 'warning'],
    ]);
  });

  it('points at bad caller IP ranges', () => {
    const result = parseAccessControl({ triggers: { allowedCallerIpAddresses: [{ addressRange: '10.0.0.0/8' }, { addressRange: '10.0.0.0/40' }, { range: 'x' }] } }, FILE);
    expect(result.value).toBeUndefined();
    expect(result.problems.map((problem) => [problem.code, problem.pointer])).toEqual([
      ['InvalidCallerIpRange', '/triggers/allowedCallerIpAddresses/1/addressRange'],
      ['InvalidCallerIpRange', '/triggers/allowedCallerIpAddresses/2'],
    ]);
  });

  it('refuses a bad SAS policy state and non-object documents', () => {
    expect(parseAccessControl({ triggers: { sasAuthenticationPolicy: { state: 'Off' } } }, FILE).problems[0]).toMatchObject({
      code: 'InvalidSasAuthenticationPolicy',
      pointer: '/triggers/sasAuthenticationPolicy/state',
    });
    expect(codes(parseAccessControl([], FILE))).toEqual(['AccessControlNotAnObject']);
    expect(codes(parseAccessControl({ triggers: [] }, FILE))).toEqual(['AccessControlInvalidShape']);
  });

  it('loads from the workspace: missing file = defaults, bad JSON = problem with line and column', async () => {
    const workspace = await tempDir();
    expect(await loadAccessControl(workspace, 'orders')).toEqual({ present: false, value: {}, problems: [] });
    await mkdir(join(workspace, 'orders'));
    await writeFile(join(workspace, 'orders', 'access-control.json'), '{\n  "triggers": {,\n}');
    const broken = await loadAccessControl(workspace, 'orders');
    expect(broken.value).toBeUndefined();
    expect(broken.problems[0]).toMatchObject({ code: 'AccessControlInvalidJson', file: FILE, workflow: 'orders', line: 2 });
    await writeFile(join(workspace, 'orders', 'access-control.json'), '\uFEFF' + JSON.stringify({ triggers: { sasAuthenticationPolicy: { state: 'Enabled' } } }));
    expect(await loadAccessControl(workspace, 'orders')).toMatchObject({ present: true, value: { triggers: { sasAuthenticationPolicy: { state: 'Enabled' } } }, problems: [] });
  });
});
