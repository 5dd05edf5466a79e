/**
 * Which listener addresses keep Triggerbench on this machine (docs/hosts.md, "Binding
 * beyond loopback"): anything else, the wildcards 0.0.0.0 and :: above all, accepts calls
 * from other machines and needs an explicit choice (`--allow-remote`, a confirmation in
 * Settings). One rule for the core, the CLI and the console.
 */

/** True for `localhost`, `127.0.0.0/8` and `::1` (with or without brackets). */
export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (name === 'localhost' || name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name) ?? /^::ffff:127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  return v4 !== null && v4.slice(1).every((part) => Number(part) <= 255);
}
