/**
 * The Content-Security-Policy of every console page, in Electron (app://) and in the
 * loopback web host alike (Electron security checklist #7: define a CSP).
 *
 * - scripts only from the app itself: no inline script, no eval, no remote code;
 * - `style-src 'unsafe-inline'`: React `style` attributes and CodeMirror 6's injected
 *   theme styles need it; styles cannot run code, so this keeps the policy strict where
 *   it matters;
 * - `connect-src 'self'`: the web client's fetch and EventSource go to the same origin
 *   only; in Electron all calls go through IPC, so nothing else is needed. The listener
 *   is never called from the page: the main side makes the console's requests;
 * - no plugins, frames, forms, or `<base>` rewriting; nobody may frame the console.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Headers sent with every console page and asset, by both hosts. */
export function pageSecurityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    // The web host's URL carries the access token: never leak it in a Referer.
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=(), payment=()',
  };
}
