import { describe, expect, it } from 'vitest';
import { ipAllowed, normalizeRemoteAddress, parseAddressRange } from '../../src-main/auth/ip-rules.ts';

const rules = (...ranges: string[]) => ranges.map((addressRange) => ({ addressRange }));

describe('caller IP rules', () => {
  it('matches IPv4 CIDR blocks', () => {
    const ranges = rules('10.0.0.0/8', '192.168.1.0/24');
    expect(ipAllowed('10.200.3.4', ranges)).toBe(true);
    expect(ipAllowed('192.168.1.255', ranges)).toBe(true);
    expect(ipAllowed('192.168.2.1', ranges)).toBe(false);
    expect(ipAllowed('11.0.0.1', ranges)).toBe(false);
  });

  it('matches IPv4 ranges a-b inclusively', () => {
    const ranges = rules('127.0.0.5-127.0.0.9');
    expect(ipAllowed('127.0.0.5', ranges)).toBe(true);
    expect(ipAllowed('127.0.0.9', ranges)).toBe(true);
    expect(ipAllowed('127.0.0.4', ranges)).toBe(false);
    expect(ipAllowed('127.0.0.10', ranges)).toBe(false);
  });

  it('matches single addresses as /32 and /128', () => {
    expect(ipAllowed('127.0.0.1', rules('127.0.0.1'))).toBe(true);
    expect(ipAllowed('127.0.0.2', rules('127.0.0.1'))).toBe(false);
    expect(ipAllowed('::1', rules('::1'))).toBe(true);
  });

  it('matches IPv6 CIDR blocks and ranges, with any spelling and a zone index', () => {
    expect(ipAllowed('2001:db8::1', rules('2001:db8::/32'))).toBe(true);
    expect(ipAllowed('2001:0db8:0000::0001', rules('2001:db8::/32'))).toBe(true);
    expect(ipAllowed('2001:db9::1', rules('2001:db8::/32'))).toBe(false);
    expect(ipAllowed('fe80::1%eth0', rules('fe80::/10'))).toBe(true);
    const range = rules('2001:db8::10-2001:db8::20');
    expect(ipAllowed('2001:db8::15', range)).toBe(true);
    expect(ipAllowed('2001:db8::21', range)).toBe(false);
  });

  it('matches an IPv4-mapped IPv6 caller (dual-stack socket) against IPv4 rules', () => {
    expect(ipAllowed('::ffff:127.0.0.1', rules('127.0.0.0/8'))).toBe(true);
    expect(ipAllowed('::FFFF:7F00:1', rules('127.0.0.1-127.0.0.1'))).toBe(true);
    expect(ipAllowed('::ffff:10.0.0.1', rules('127.0.0.0/8'))).toBe(false);
    expect(normalizeRemoteAddress('::ffff:127.0.0.1')).toEqual({ address: '127.0.0.1', family: 'ipv4' });
  });

  it('keeps families apart: an IPv4 caller does not match an IPv6-only list', () => {
    expect(ipAllowed('127.0.0.1', rules('::1'))).toBe(false);
    expect(ipAllowed('::1', rules('127.0.0.0/8'))).toBe(false);
  });

  it('admits nobody with an empty list (Azure\'s "Only other Logic Apps") or an unparsable address', () => {
    expect(ipAllowed('127.0.0.1', [])).toBe(false);
    expect(ipAllowed('not-an-ip', rules('0.0.0.0/0'))).toBe(false);
    expect(ipAllowed('8.8.8.8', rules('0.0.0.0/0'))).toBe(true);
  });

  it('explains bad ranges', () => {
    expect(parseAddressRange('10.0.0.0/33')).toMatchObject({ error: expect.stringContaining('0 to 32') });
    expect(parseAddressRange('2001:db8::/129')).toMatchObject({ error: expect.stringContaining('0 to 128') });
    expect(parseAddressRange('10.0.0.9-10.0.0.1')).toMatchObject({ error: expect.stringContaining('lower address first') });
    expect(parseAddressRange('10.0.0.1-::1')).toMatchObject({ error: expect.stringContaining('same kind') });
    expect(parseAddressRange('300.1.1.1/8')).toMatchObject({ error: expect.stringContaining('not an IP address') });
    expect(parseAddressRange('10.0.0.0/x')).toMatchObject({ error: expect.any(String) });
    expect(parseAddressRange(' 10.0.0.0/8 ')).toMatchObject({ rule: { kind: 'subnet', prefix: 8 } });
  });
});
