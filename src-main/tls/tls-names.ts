/**
 * The names a constrained local CA may certify, and the matching of a server name against
 * them (RFC 5280). Apart from tls-x509.ts so that a start with existing certificates
 * never loads the certificate library (docs/tls.md, "Name constraints").
 */
import type { SanEntry } from './tls-hostnames.ts';

/** A name a constrained CA may certify: a DNS name (and its subdomains) or an IP range. */
export type PermittedName = { type: 'dns'; value: string } | { type: 'ip'; address: string; prefix: number };

/** The permitted name of one SAN: the DNS name itself, or the single address (/32, /128). */
export function permittedNameOf(san: SanEntry): PermittedName {
  return san.type === 'dns' ? { type: 'dns', value: san.value } : { type: 'ip', address: san.value, prefix: san.value.includes(':') ? 128 : 32 };
}

function ipBytes(address: string): number[] {
  if (!address.includes(':')) return address.split('.').map(Number);
  const [left, right] = address.split('::') as [string, string | undefined];
  const head = left ? left.split(':') : [];
  const tail = right !== undefined && right !== '' ? right.split(':') : [];
  const groups = right === undefined ? head : [...head, ...Array(8 - head.length - tail.length).fill('0'), ...tail];
  return groups.flatMap((group) => {
    const value = parseInt(group, 16);
    return [(value >> 8) & 0xff, value & 0xff];
  });
}

/** True when a SAN falls under one of the permitted names (RFC 5280 matching: DNS by label suffix, IPs by prefix). */
export function isPermitted(san: SanEntry, permitted: readonly PermittedName[]): boolean {
  return permitted.some((name) => {
    if (name.type === 'dns') return san.type === 'dns' && (san.value === name.value || san.value.endsWith(`.${name.value}`));
    if (san.type !== 'ip') return false;
    const bytes = ipBytes(san.value);
    const base = ipBytes(name.address);
    if (bytes.length !== base.length) return false;
    for (let bit = 0; bit < name.prefix; bit++) {
      const mask = 0x80 >> bit % 8;
      if ((bytes[bit >> 3]! & mask) !== (base[bit >> 3]! & mask)) return false;
    }
    return true;
  });
}

