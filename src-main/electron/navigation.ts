/**
 * Hosts whose https pages the console may open in the user's browser (docs links):
 * Electron checklist #15, "do not use shell.openExternal with untrusted content".
 */
export const EXTERNAL_HOSTS: readonly string[] = ['learn.microsoft.com', 'docs.microsoft.com', 'azure.microsoft.com', 'github.com', 'www.rfc-editor.org', 'datatracker.ietf.org', 'json-schema.org', 'jwt.io'];

/** True for an https URL on an allowlisted host (no credentials, default port): safe for shell.openExternal. */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.port === '' && EXTERNAL_HOSTS.includes(parsed.hostname);
}

/** What to do when the page tries to open a URL: `external` hands it to the OS browser, `deny` drops it. */
export function windowOpenDecision(url: string): 'external' | 'deny' {
  return isAllowedExternalUrl(url) ? 'external' : 'deny';
}
