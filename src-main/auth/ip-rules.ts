import { BlockList, isIP } from 'node:net';

/** One parsed `addressRange`: CIDR (`10.0.0.0/8`, `2001:db8::/32`), range (`a-b`) or a single address. */
export type AddressRule =
  | { kind: 'subnet'; family: 'ipv4' | 'ipv6'; address: string; prefix: number }
  | { kind: 'range'; family: 'ipv4' | 'ipv6'; start: string; end: string };

/** Parses one `addressRange`, or returns a plain message saying why it is not valid. */
export function parseAddressRange(text: string): { rule: AddressRule } | { error: string } {
  const value = text.trim();
  const dash = value.indexOf('-');
  if (dash >= 0) {
    const start = value.slice(0, dash).trim();
    const end = value.slice(dash + 1).trim();
    const startFamily = familyOf(start);
    const endFamily = familyOf(end);
    if (!startFamily || !endFamily) return { error: `'${text}' is not a range of two IP addresses ('10.0.0.1-10.0.0.9').` };
    if (startFamily !== endFamily) return { error: `'${text}' mixes an IPv4 and an IPv6 address; both ends of a range must be the same kind.` };
    if (startsAfterEnd(start, end, startFamily)) return { error: `'${text}' starts after it ends; write the lower address first.` };
    return { rule: { kind: 'range', family: startFamily, start, end } };
  }
  const slash = value.indexOf('/');
  const address = slash >= 0 ? value.slice(0, slash) : value;
  const family = familyOf(address);
  if (!family) return { error: `'${text}' is not an IP address, a CIDR block ('10.0.0.0/8') or a range ('10.0.0.1-10.0.0.9').` };
  const max = family === 'ipv4' ? 32 : 128;
  let prefix = max;
  if (slash >= 0) {
    const bits = value.slice(slash + 1);
    if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return { error: `'${text}' has a prefix length that is not a whole number from 0 to ${max}.` };
    prefix = Number(bits);
  }
  return { rule: { kind: 'subnet', family, address, prefix } };
}

function familyOf(address: string): 'ipv4' | 'ipv6' | undefined {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : undefined;
}

// BlockList has no comparison function, but its addRange refuses a start after the end.
function startsAfterEnd(start: string, end: string, family: 'ipv4' | 'ipv6'): boolean {
  try {
    new BlockList().addRange(start, end, family);
    return false;
  } catch {
    return true;
  }
}

/**
 * Turns a remote address as Node reports it into what rules compare: the zone index of
 * a link-local IPv6 address (`fe80::1%eth0`) is dropped, and an IPv4-mapped IPv6 address
 * (`::ffff:127.0.0.1`, what a dual-stack socket reports) becomes plain IPv4 so IPv4 rules match it.
 */
export function normalizeRemoteAddress(remoteAddress: string): { address: string; family: 'ipv4' | 'ipv6' } | undefined {
  let address = remoteAddress.trim();
  const zone = address.indexOf('%');
  if (zone >= 0) address = address.slice(0, zone);
  const family = familyOf(address);
  if (family !== 'ipv6') return family ? { address, family } : undefined;
  // WHATWG URL serialises IPv6 canonically, so every spelling of a mapped address
  // (::ffff:127.0.0.1, 0:0:0:0:0:ffff:7f00:1, ::FFFF:7F00:0001) becomes ::ffff:7f00:1.
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!mapped) return { address: canonical, family: 'ipv6' };
  const high = parseInt(mapped[1]!, 16);
  const low = parseInt(mapped[2]!, 16);
  return { address: `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`, family: 'ipv4' };
}

const compiled = new WeakMap<readonly { addressRange: string }[], BlockList>();

function compile(ranges: readonly { addressRange: string }[]): BlockList {
  let list = compiled.get(ranges);
  if (list) return list;
  list = new BlockList();
  for (const range of ranges) {
    // Ranges that do not parse were reported as problems when access-control.json was
    // loaded; they admit nobody (fail closed) rather than being guessed at here.
    const parsed = parseAddressRange(range.addressRange);
    if (!('rule' in parsed)) continue;
    const rule = parsed.rule;
    if (rule.kind === 'subnet') list.addSubnet(rule.address, rule.prefix, rule.family);
    else list.addRange(rule.start, rule.end, rule.family);
  }
  compiled.set(ranges, list);
  return list;
}

/**
 * True when the caller's address falls in one of the `allowedCallerIpAddresses` ranges.
 * An empty list admits nobody: that is how Azure's "Only other Logic Apps" option is
 * written, so direct callers are refused. (No list at all means any caller; that is the
 * decision function's business, not this one's.)
 */
export function ipAllowed(remoteAddress: string, ranges: readonly { addressRange: string }[]): boolean {
  const caller = normalizeRemoteAddress(remoteAddress);
  if (!caller || ranges.length === 0) return false;
  return compile(ranges).check(caller.address, caller.family);
}
