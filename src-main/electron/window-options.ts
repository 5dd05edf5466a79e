import type { BrowserWindowConstructorOptions } from 'electron';

/** Window background before the page paints, per OS theme, so a dark desktop never flashes white. */
export function windowBackground(dark: boolean): string {
  return dark ? '#1e1f22' : '#ffffff';
}

/**
 * The main window's options (Electron security checklist): context isolation (#3),
 * the renderer sandbox (#4, so the preload is bundled whole), no Node integration
 * anywhere (#2), web security on (#6), no insecure content (#8), no experimental
 * features (#9), no <webview> (#12, also refused at attach), no drag-and-drop navigation.
 */
export function mainWindowOptions(options: { preloadPath: string; dark: boolean; devTools: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1320,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Triggerbench',
    backgroundColor: windowBackground(options.dark),
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: options.devTools,
    },
  };
}
