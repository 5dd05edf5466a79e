import { timingSafeEqual } from 'node:crypto';

import { WEB_TOKEN_HEADER, WEB_TOKEN_QUERY } from '../../src-shared/contract.ts';

/** Header in which API calls carry the per-start token, as Node names headers (lower case). */
export const TOKEN_HEADER = WEB_TOKEN_HEADER.toLowerCase();

/** Query parameter carrying the token in the page URL and on the event stream. */
export const TOKEN_QUERY = WEB_TOKEN_QUERY;

/** Name of the cookie that lets the page's own assets load: one per port, since cookies ignore ports. */
export function tokenCookieName(port: number): string {
  return `triggerbench_token_${port}`;
}

/** What a request offers to prove it comes from the console this host opened. */
export interface GuardInput {
  host?: string;
  origin?: string;
  secFetchSite?: string;
  /** The token from the header, the query or the cookie, as this kind of request may carry it. */
  token?: string;
}

/** A refusal: always 403 with `{ error: { code, message } }`. */
export interface GuardRefusal {
  code: 'ForbiddenHost' | 'ForbiddenOrigin' | 'MissingToken' | 'InvalidToken';
  message: string;
}

/** Constant-time token comparison (a timing side channel must not reveal the token byte by byte). */
export function sameToken(offered: string, expected: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reads one cookie's value from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Decides whether a request may reach the console or its API. In this order:
 * - `Host` must be `127.0.0.1:PORT` or `localhost:PORT`: a DNS-rebinding page
 *   (attacker.example resolving to 127.0.0.1) sends its own name here;
 * - `Origin`, when sent, must be this host's own origin, and `Sec-Fetch-Site`, when
 *   sent, must say same-origin or a typed URL (`none`): other sites, including other
 *   local ports, are refused;
 * - the random per-start token must match.
 */
export function checkRequest(input: GuardInput, expected: { port: number; token: string }): GuardRefusal | undefined {
  const allowedHosts = [`127.0.0.1:${expected.port}`, `localhost:${expected.port}`];
  const host = input.host?.toLowerCase();
  if (!host || !allowedHosts.includes(host)) {
    return { code: 'ForbiddenHost', message: `Refused: the Host header must be one of ${allowedHosts.join(', ')} (got ${input.host ? `"${input.host}"` : 'none'}). Open the console at the URL triggerbench printed.` };
  }
  if (input.origin !== undefined) {
    const allowedOrigins = allowedHosts.map((h) => `http://${h}`);
    if (!allowedOrigins.includes(input.origin.toLowerCase())) {
      return { code: 'ForbiddenOrigin', message: `Refused: requests from ${input.origin === 'null' ? 'an opaque origin' : `"${input.origin}"`} may not use the console; only ${allowedOrigins.join(' or ')} may.` };
    }
  }
  if (input.secFetchSite !== undefined && input.secFetchSite !== 'same-origin' && input.secFetchSite !== 'none') {
    return { code: 'ForbiddenOrigin', message: `Refused: a ${input.secFetchSite} request may not use the console; only the console's own pages may.` };
  }
  if (!input.token) {
    return { code: 'MissingToken', message: 'Refused: this request carries no access token. Open the console at the full URL triggerbench printed (it ends with ?token=...).' };
  }
  if (!sameToken(input.token, expected.token)) {
    return { code: 'InvalidToken', message: 'Refused: the access token does not match. It changes at every start; open the URL triggerbench printed this time.' };
  }
  return undefined;
}
