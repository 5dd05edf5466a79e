import { isAppUrl } from './app-origin.ts';

/**
 * Electron checklist #5: permission requests are denied. The one exception is writing
 * plain text to the clipboard from the console's own page ("Copy URL", "Copy as curl"),
 * which Chromium gates behind `clipboard-sanitized-write`; reading the clipboard,
 * notifications, media, geolocation and every other permission stay denied.
 */
export function isPermissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return permission === 'clipboard-sanitized-write' && requestingUrl !== undefined && isAppUrl(requestingUrl);
}
