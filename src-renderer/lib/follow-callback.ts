import { parseQuery, splitUrl } from './query-string.ts';

/** A workflow's callback URLs, one per access key. */
export interface CallbackUrls {
  primary: string;
  secondary: string;
}

/** Query parameters the core sets on a callback URL: the API version and the signature. */
const SIGNED_PARAMS = ['api-version', 'sp', 'sv', 'sig'];

/**
 * Carries a composed URL over to a workflow's new callback URLs (the listener moved to
 * another port, or a key was regenerated): the origin and trigger path and the signed
 * parameters come from the new URL; whatever the user added (a relative path, other
 * query parameters, `{{variables}}`) stays as typed. Returns undefined when `url` was
 * not built from `before`, so a URL the user typed by hand is never rewritten.
 */
export function followCallbackUrl(url: string, before: CallbackUrls, after: CallbackUrls): string | undefined {
  const base = (u: string) => splitUrl(u).base;
  const beforeBase = base(before.primary);
  if (!url.startsWith(beforeBase) || (url.length > beforeBase.length && !/^[/?#]/.test(url.charAt(beforeBase.length)))) return undefined;
  const sig = parseQuery(url).find(([name]) => name.toLowerCase() === 'sig')?.[1];
  const key: keyof CallbackUrls = sig !== undefined && sig === parseQuery(before.secondary).find(([name]) => name === 'sig')?.[1] ? 'secondary' : 'primary';
  const target = after[key];
  const fresh = new Map(parseQuery(target).map(([name, value]) => [name.toLowerCase(), value]));
  let moved = base(target) + url.slice(beforeBase.length);
  // Text replacement of the signed values only: the rest of the query keeps the user's own
  // spelling (a `{{variable}}` must not come back percent-encoded).
  for (const name of SIGNED_PARAMS) {
    const value = fresh.get(name);
    if (value === undefined) continue;
    moved = moved.replace(new RegExp(`([?&]${name.replace('-', '\\-')}=)[^&#]*`, 'i'), (_match, head: string) => head + encodeURIComponent(value));
  }
  return moved;
}

/** The SAS parameters of a callback URL (what the composer keeps aside when auth is not SAS). */
export function signedParams(url: string): [string, string][] {
  return parseQuery(url).filter(([name]) => ['sp', 'sv', 'sig'].includes(name.toLowerCase()));
}
