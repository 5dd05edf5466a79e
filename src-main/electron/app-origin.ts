/** The custom scheme the console is served from (Electron checklist #18: not file://). */
export const APP_SCHEME = 'app';

/** The host of every console URL: `app://triggerbench/...`. */
export const APP_HOST = 'triggerbench';

/** The console's origin; IPC is accepted only from frames of this origin. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The page the main window loads. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** True when `url` is a page or asset of the console itself. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}
