import { isIPv4, isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';
import { TlsMaterialError } from './tls-errors.ts';

/** One subjectAltName entry of a server certificate. */
export interface SanEntry {
  type: 'dns' | 'ip';
  value: string;
}

/** Names every server certificate covers: the loopback listener's default addresses (issue: localhost, 127.0.0.1, ::1). */
export const DEFAULT_TLS_HOSTNAMES: readonly string[] = ['localhost', '127.0.0.1', '::1'];

// RFC 1035 labels (1-63 chars, no leading/trailing hyphen), 253 chars in all. Underscores are
// tolerated because Docker and some LAN setups use them; wildcards are not, since a server
// certificate for a local workbench never needs one and checkHost could not test for it.
const DNS_NAME = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/**
 * Turns one hostname (DNS name, IPv4, IPv6 with or without brackets) into the canonical SAN
 * entry: IPs canonical as the URL standard writes them (so `::ffff:127.0.0.1` and
 * `::FFFF:7f00:1` are one name), DNS names lower-case ASCII (IDNs in punycode).
 */
export function toSanEntry(hostname: string): SanEntry {
  let text = hostname.trim();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  // A zone index (fe80::1%eth0) is local to one machine and cannot be put in a certificate.
  const withoutZone = text.includes(':') ? text.replace(/%.*$/, '') : text;
  // Only a name with a colon can be IPv6: Node's IPv6 check compiles a large regular
  // expression on first use (10-20 ms of every start for the default name `localhost`).
  const family = withoutZone.includes(':') ? (isIPv6(withoutZone) ? 6 : 0) : isIPv4(withoutZone) ? 4 : 0;
  if (family === 4) return { type: 'ip', value: new URL(`http://${withoutZone}/`).hostname };
  if (family === 6) return { type: 'ip', value: new URL(`http://[${withoutZone}]/`).hostname.slice(1, -1) };
  const ascii = domainToASCII(text.replace(/\.$/, '').toLowerCase());
  if (!ascii || !DNS_NAME.test(ascii) || /^[0-9.]+$/.test(ascii)) {
    throw new TlsMaterialError(
      'TLS_INVALID_HOSTNAME',
      undefined,
      `"${hostname}" is not a hostname or IP address that can go into a server certificate. ` +
        'Use a DNS name like "my-box.local" or an IP like "192.168.1.20" (no wildcards, ports or schemes) in the listener host setting.',
    );
  }
  return { type: 'dns', value: ascii };
}

/** The SAN entries for the defaults plus `extra`, without duplicates, defaults first. */
export function sanEntriesFor(extra: readonly string[] = []): SanEntry[] {
  const entries: SanEntry[] = [];
  const seen = new Set<string>();
  for (const name of [...DEFAULT_TLS_HOSTNAMES, ...extra]) {
    const entry = toSanEntry(name);
    const key = `${entry.type}:${entry.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push(entry);
  }
  return entries;
}
