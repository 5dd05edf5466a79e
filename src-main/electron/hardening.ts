import { shell, type Session, type WebContents } from 'electron';
import { isAppUrl } from './app-origin.ts';
import { windowOpenDecision } from './navigation.ts';
import { isPermissionAllowed } from './permissions.ts';

/**
 * Session-wide rules (Electron checklist #5): permission requests and checks denied
 * (bar clipboard writes from the console), and no request leaves for the network from
 * the page: the console talks to the core over IPC only, so http(s)/ws(s) loads are
 * cancelled as a second line behind the CSP.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(isPermissionAllowed(permission, details.requestingUrl)));
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (_details, callback) => callback({ cancel: true }));
}

/**
 * Per-page rules: navigation away from the app blocked (checklist #13; an allowlisted
 * https link opens in the OS browser instead), new windows denied (#14, same
 * exception), <webview> refused (#12).
 */
export function hardenContents(contents: WebContents): void {
  const openOutside = (url: string): void => {
    if (windowOpenDecision(url) === 'external') void shell.openExternal(url);
  };
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url) && url === contents.getURL()) return;
    event.preventDefault();
    openOutside(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
}
