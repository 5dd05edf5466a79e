import { REDACTED } from '../../src-shared/runs.ts';
import { queryOf } from './call.ts';

/**
 * What the run history must never hold (docs/history.md, "Secrets"): the SAS signature in
 * any spelling the listener decodes, credentials in Authorization-style headers, and
 * cookie values (a browser sends every 127.0.0.1 cookie, whatever its port, with a call).
 */


/** Headers whose value is a credential: kept as their scheme only (or masked whole). */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization']);
/** Headers whose values are masked while their cookie names stay readable. */
const COOKIE_HEADERS = new Set(['cookie']);

/**
 * The request target with the value of every query parameter named `sig` (compared
 * ignoring case, after decoding as the listener decodes it: `%73ig`, `s%69g` and `+`
 * spellings included) replaced by `***`. The rest of the target is kept as received.
 */
export function redactedTarget(target: string): string {
  const mark = target.indexOf('?');
  if (mark < 0) return target;
  const pairs = target.slice(mark + 1).split('&');
  let changed = false;
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i]!;
    if (!isSignaturePair(pair)) continue;
    const eq = pair.indexOf('=');
    pairs[i] = `${eq < 0 ? pair : pair.slice(0, eq)}=${REDACTED}`;
    changed = true;
  }
  return changed ? `${target.slice(0, mark + 1)}${pairs.join('&')}` : target;
}

function isSignaturePair(pair: string): boolean {
  // Fast path: a plain `sig=` (or no candidate at all) needs no decoding.
  const eq = pair.indexOf('=');
  const rawKey = eq < 0 ? pair : pair.slice(0, eq);
  if (rawKey.toLowerCase() === 'sig') return true;
  if (!/[%+\s]/.test(rawKey) && rawKey.length !== 3) return false;
  for (const key of queryOf(`?${rawKey}=`).keys()) if (key.trim().toLowerCase() === 'sig') return true;
  return false;
}

/**
 * A header value as the history stores it. Credentials keep only their scheme
 * (`Bearer ***`), or are masked whole when they have none (a bare token); cookies keep
 * their names (`session=***; theme=***`).
 */
export function redactedHeaderValue(name: string, value: string): string {
  const key = name.toLowerCase();
  if (CREDENTIAL_HEADERS.has(key)) {
    const scheme = /^([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)\s+\S/.exec(value);
    return scheme ? `${scheme[1]} ${REDACTED}` : REDACTED;
  }
  if (COOKIE_HEADERS.has(key)) {
    return value
      .split(';')
      .map((part) => {
        const eq = part.indexOf('=');
        return eq < 0 ? REDACTED : `${part.slice(0, eq).trim()}=${REDACTED}`;
      })
      .join('; ');
  }
  return value;
}

/** True when a header of this name is redacted in stored records. */
export function isSecretHeader(name: string): boolean {
  const key = name.toLowerCase();
  return CREDENTIAL_HEADERS.has(key) || COOKIE_HEADERS.has(key);
}

/**
 * Headers as stored: secret ones redacted, the rest as sent. With `keepCredentials` (the
 * trigger's IncludeAuthorizationHeadersInOutputs) Authorization stays whole; cookies never do.
 * Returns the same object when nothing needed redacting.
 */
export function redactedHeaders(headers: Record<string, string>, keepCredentials = false): Record<string, string> {
  let copy: Record<string, string> | undefined;
  for (const [name, value] of Object.entries(headers)) {
    if (!isSecretHeader(name)) continue;
    if (keepCredentials && CREDENTIAL_HEADERS.has(name.toLowerCase())) continue;
    copy ??= { ...headers };
    copy[name] = redactedHeaderValue(name, value);
  }
  return copy ?? headers;
}
