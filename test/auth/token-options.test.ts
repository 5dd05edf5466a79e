import { describe, expect, it } from 'vitest';
import { parseClaimArgs, parseTtl } from '../../src-main/auth/token-options.ts';

describe('token CLI options', () => {
  it('parses lifetimes with units and plain seconds', () => {
    expect(parseTtl('1h')).toBe(3600);
    expect(parseTtl('30m')).toBe(1800);
    expect(parseTtl('90s')).toBe(90);
    expect(parseTtl('2d')).toBe(172_800);
    expect(parseTtl('3600')).toBe(3600);
    expect(parseTtl('1H')).toBe(3600);
  });

  it('refuses bad lifetimes with a clear code and an example', () => {
    for (const bad of ['', '0', '-5m', '1.5h', '1w', 'soon', '400d']) {
      expect(() => parseTtl(bad)).toThrowError(expect.objectContaining({ code: 'InvalidTokenLifetime' }));
    }
    expect(() => parseTtl('1w')).toThrow(/90s, 30m, 1h, 2d/);
  });

  it('parses claims: JSON arrays, numbers and booleans, else text', () => {
    expect(parseClaimArgs(['roles=["Reader","Writer"]', 'n=3', 'flag=true', 'oid=00000000-0000-0000-0000-000000000001', 'scp=Orders.Write Orders.Read', 'eq=a=b'])).toEqual({
      roles: ['Reader', 'Writer'],
      n: 3,
      flag: true,
      oid: '00000000-0000-0000-0000-000000000001',
      scp: 'Orders.Write Orders.Read',
      eq: 'a=b',
    });
    expect(parseClaimArgs(['empty='])).toEqual({ empty: '' });
  });

  it('refuses claims without a name, repeated claims and broken JSON', () => {
    expect(() => parseClaimArgs(['novalue'])).toThrowError(expect.objectContaining({ code: 'InvalidClaimArgument' }));
    expect(() => parseClaimArgs(['=x'])).toThrowError(expect.objectContaining({ code: 'InvalidClaimArgument' }));
    expect(() => parseClaimArgs(['roles=a', 'roles=b'])).toThrow(/given twice/);
    expect(() => parseClaimArgs(['roles=["a",]'])).toThrow(/looks like JSON/);
  });
});
