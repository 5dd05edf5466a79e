import { describe, expect, it } from 'vitest';
import type { AccessKeys } from '../../src-main/auth/access-keys.ts';
import { sasPermission, sasQuery, sasStringToSign, signSas, SAS_VERSION, verifySas, PARTIAL_SAS_MESSAGE } from '../../src-main/auth/sas.ts';

const keys: AccessKeys = {
  primary: Buffer.alloc(32, 1).toString('base64url'),
  secondary: Buffer.alloc(32, 2).toString('base64url'),
};

function url(query: URLSearchParams): URLSearchParams {
  // Round-trip through a real URL, as the listener will receive it.
  const full = new URL(`https://127.0.0.1/api/wf/triggers/manual/invoke?api-version=2022-05-01&${query.toString()}`);
  return full.searchParams;
}

const check = (query: URLSearchParams, extra: Partial<Parameters<typeof verifySas>[0]> = {}) =>
  verifySas({ workflow: 'Orders', trigger: 'manual', query, keys, ...extra });

describe('SAS signatures', () => {
  it('uses Azure\'s sp, sv and a 43-character base64url sig, in Azure\'s order', () => {
    const query = sasQuery({ workflow: 'Orders', trigger: 'manual', keys });
    expect([...query.keys()]).toEqual(['sp', 'sv', 'sig']);
    expect(query.get('sp')).toBe('/triggers/manual/run');
    expect(query.toString()).toContain('sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=');
    expect(query.get('sv')).toBe(SAS_VERSION);
    expect(query.get('sig')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sasPermission('manual')).toBe('/triggers/manual/run');
  });

  it('signs the documented canonical string with HMAC-SHA256', async () => {
    const { createHmac } = await import('node:crypto');
    const canonical = 'triggerbench-sas\n1.0\norders\nmanual\n/triggers/manual/run\n';
    expect(sasStringToSign({ workflow: 'Orders', trigger: 'manual', sp: '/triggers/manual/run', sv: '1.0' })).toBe(canonical);
    const expected = createHmac('sha256', Buffer.from(keys.primary, 'base64url')).update(canonical).digest('base64url');
    expect(signSas({ workflow: 'Orders', trigger: 'manual', sp: '/triggers/manual/run', sv: '1.0' }, keys.primary)).toBe(expected);
  });

  it('accepts a URL signed with the primary key and says so', () => {
    expect(check(url(sasQuery({ workflow: 'Orders', trigger: 'manual', keys })))).toEqual({ ok: true, keyType: 'primary' });
  });

  it('accepts a URL signed with the secondary key and says so', () => {
    expect(check(url(sasQuery({ workflow: 'Orders', trigger: 'manual', keys, keyType: 'secondary' })))).toEqual({ ok: true, keyType: 'secondary' });
  });

  it('stops accepting a URL once its key is regenerated, while the other key\'s URLs keep working', () => {
    const primaryUrl = url(sasQuery({ workflow: 'Orders', trigger: 'manual', keys }));
    const secondaryUrl = url(sasQuery({ workflow: 'Orders', trigger: 'manual', keys, keyType: 'secondary' }));
    // Verified once with the old keys first: a signature remembered from then must not outlive its key.
    expect(check(primaryUrl)).toEqual({ ok: true, keyType: 'primary' });
    const regenerated = { ...keys, primary: Buffer.alloc(32, 9).toString('base64url') };
    expect(check(primaryUrl, { keys: regenerated })).toMatchObject({ ok: false, status: 401, code: 'SasSignatureMismatch' });
    expect(check(secondaryUrl, { keys: regenerated })).toEqual({ ok: true, keyType: 'secondary' });
  });

  it('verifies every URL right however many different ones it has seen, and a repeated URL the same each time', () => {
    const later = Date.parse('2099-01-01T00:00:00Z');
    for (let i = 0; i < 600; i++) {
      const query = url(sasQuery({ workflow: 'Orders', trigger: 'manual', keys, keyType: i % 2 ? 'secondary' : 'primary', notAfter: new Date(later + i * 1000) }));
      expect(check(query)).toEqual({ ok: true, keyType: i % 2 ? 'secondary' : 'primary' });
      const tampered = new URLSearchParams(query);
      tampered.set('se', new Date(later + i * 1000 + 1).toISOString());
      expect(check(tampered)).toMatchObject({ ok: false, code: 'SasSignatureMismatch' });
      expect(check(query)).toEqual({ ok: true, keyType: i % 2 ? 'secondary' : 'primary' });
    }
  });

  it('treats workflow and trigger names case-insensitively, as Azure does', () => {
    const query = url(sasQuery({ workflow: 'Orders', trigger: 'manual', keys }));
    expect(check(query, { workflow: 'ORDERS' })).toMatchObject({ ok: true });
    expect(check(query, { workflow: 'orders', trigger: 'Manual' })).toMatchObject({ ok: true });
  });

  it('refuses a URL used on another workflow or trigger', () => {
    const query = url(sasQuery({ workflow: 'Orders', trigger: 'manual', keys }));
    expect(check(query, { workflow: 'Invoices' })).toMatchObject({ ok: false, code: 'SasSignatureMismatch' });
    expect(check(query, { trigger: 'other' })).toMatchObject({ ok: false, code: 'SasSignatureMismatch' });
  });

  it('refuses a tampered sp', () => {
    const query = url(sasQuery({ workflow: 'Orders', trigger: 'manual', keys }));
    query.set('sp', '/triggers/manual/read');
    expect(check(query)).toMatchObject({ ok: false, status: 401, code: 'SasSignatureMismatch' });
  });

  it('refuses a good signature whose permission is for another trigger', () => {
    const sp = '/triggers/other/run';
    const sig = signSas({ workflow: 'Orders', trigger: 'manual', sp, sv: '1.0' }, keys.primary);
    const query = new URLSearchParams({ sp, sv: '1.0', sig });
    expect(check(query)).toMatchObject({ ok: false, status: 401, code: 'SasPermissionMismatch' });
  });

  it('refuses signatures of the wrong length or alphabet without throwing', () => {
    const good = url(sasQuery({ workflow: 'Orders', trigger: 'manual', keys }));
    for (const sig of [good.get('sig')!.slice(0, 42), `${good.get('sig')!}=`, `${good.get('sig')!}A`, 'x', '+'.repeat(43)]) {
      const query = new URLSearchParams(good);
      query.set('sig', sig);
      expect(check(query)).toMatchObject({ ok: false, code: 'SasSignatureMismatch' });
    }
  });

  it('refuses a one-character change of the signature', () => {
    const query = url(sasQuery({ workflow: 'Orders', trigger: 'manual', keys }));
    const sig = query.get('sig')!;
    query.set('sig', (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1));
    expect(check(query)).toMatchObject({ ok: false, code: 'SasSignatureMismatch' });
  });

  it('honours an expiry: valid before, refused at and after it, and the expiry cannot be moved', () => {
    const notAfter = new Date('2030-01-01T00:00:00Z');
    const query = url(sasQuery({ workflow: 'Orders', trigger: 'manual', keys, notAfter }));
    expect([...query.keys()]).toEqual(['api-version', 'sp', 'sv', 'se', 'sig']);
    expect(query.get('se')).toBe('2030-01-01T00:00:00.000Z');
    expect(check(query, { now: new Date('2029-12-31T23:59:59Z') })).toMatchObject({ ok: true });
    const expired = check(query, { now: new Date('2030-01-01T00:00:00Z') });
    expect(expired).toMatchObject({ ok: false, status: 401, code: 'SasUrlExpired' });
    const moved = new URLSearchParams(query);
    moved.set('se', '2031-01-01T00:00:00.000Z');
    expect(check(moved, { now: new Date('2030-06-01T00:00:00Z') })).toMatchObject({ ok: false, code: 'SasSignatureMismatch' });
    const removed = new URLSearchParams(query);
    removed.delete('se');
    expect(check(removed, { now: new Date('2030-06-01T00:00:00Z') })).toMatchObject({ ok: false, code: 'SasSignatureMismatch' });
  });

  it('refuses an expiry that is not an ISO-8601 date', () => {
    const query = url(sasQuery({ workflow: 'Orders', trigger: 'manual', keys }));
    query.set('se', 'tomorrow');
    expect(check(query)).toMatchObject({ ok: false, code: 'SasExpiryInvalid' });
  });

  it('gives Azure\'s AuthorizationFailed message when sp, sv or sig is missing', () => {
    for (const name of ['sp', 'sv', 'sig']) {
      const query = url(sasQuery({ workflow: 'Orders', trigger: 'manual', keys }));
      query.delete(name);
      expect(check(query)).toEqual({ ok: false, status: 401, code: 'AuthorizationFailed', message: PARTIAL_SAS_MESSAGE });
    }
  });

  it('refuses another sv and repeated parameters', () => {
    const query = url(sasQuery({ workflow: 'Orders', trigger: 'manual', keys }));
    const v2 = new URLSearchParams(query);
    v2.set('sv', '2.0');
    expect(check(v2)).toMatchObject({ ok: false, code: 'SasVersionNotSupported' });
    const twice = new URLSearchParams(query);
    twice.append('sig', query.get('sig')!);
    expect(check(twice)).toMatchObject({ ok: false, code: 'AuthorizationFailed' });
  });

  it('never echoes the signature in a failure message', () => {
    const query = url(sasQuery({ workflow: 'Orders', trigger: 'manual', keys, notAfter: new Date('2020-01-01T00:00:00Z') }));
    const sig = query.get('sig')!;
    const results = [check(query), check(query, { workflow: 'x' }), check(query, { keys: { primary: keys.secondary, secondary: keys.primary } })];
    for (const result of results) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).not.toContain(sig.slice(0, 12));
    }
  });
});
