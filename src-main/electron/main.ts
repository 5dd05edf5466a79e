/**
 * The Electron main process: thin glue around the workbench core (docs/hosts.md: one core,
 * several hosts). It starts the core with the app and stops it cleanly on quit, opens
 * one hardened window on app://, and binds the shared dispatcher to IPC.
 */
import { app, BrowserWindow, dialog, nativeTheme, protocol, session } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDispatcher } from '../console-requests/dispatcher.ts';
import type { WorkbenchApi } from '../core/workbench-api.ts';
import { createWorkbench } from '../core/workbench.ts';
import { createConsoleClient, type ConsoleClient } from '../outbound/console-client.ts';
import { resolveDataDir } from '../files/data-dir.ts';
import { parseAppArgs } from './app-args.ts';
import { APP_INDEX_URL, APP_SCHEME } from './app-origin.ts';
import { serveAppRequest } from './app-protocol.ts';
import { hardenContents, hardenSession } from './hardening.ts';
import { bindIpc } from './ipc-binding.ts';
import { mainWindowOptions, windowBackground } from './window-options.ts';

// Bundled to out/main/index.js; the preload and the console build sit beside it.
const here = fileURLToPath(new URL('.', import.meta.url));
const PRELOAD_PATH = join(here, '..', 'preload', 'index.cjs');
const RENDERER_DIR = join(here, '..', 'renderer');

const args = parseAppArgs(process.argv);
// The CLI and the app share one data folder (keys, CA, history): same resolution rules.
const dataDir = resolveDataDir(args.dataDir);
app.setPath('userData', dataDir);

// Must happen before `ready`: app:// behaves like https (secure context, fetch, storage).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } }]);

let workbench: WorkbenchApi | undefined;
let outbound: ConsoleClient | undefined;
let mainWindow: BrowserWindow | undefined;
let unbindIpc: (() => void) | undefined;
let stopState: 'running' | 'stopping' | 'stopped' = 'running';

function createWindow(): void {
  const window = new BrowserWindow(mainWindowOptions({ preloadPath: PRELOAD_PATH, dark: nativeTheme.shouldUseDarkColors, devTools: !app.isPackaged }));
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  void window.loadURL(APP_INDEX_URL);
}

async function start(): Promise<void> {
  // Light and dark follow the OS (prefers-color-scheme in the page, the window background here).
  nativeTheme.themeSource = 'system';
  nativeTheme.on('updated', () => mainWindow?.setBackgroundColor(windowBackground(nativeTheme.shouldUseDarkColors)));
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request.url, RENDERER_DIR));

  workbench = await createWorkbench({ dataDir, workspaceRoot: args.workspace ?? process.env.TRIGGERBENCH_WORKSPACE, port: args.port });
  const core = workbench;
  const status = await core.start();
  if (status.error) console.error(`triggerbench: the listener did not start (${status.error.code}: ${status.error.message}).`);
  outbound = createConsoleClient({
    trustedCaPem: () => core.caPem(),
    defaultTimeoutMs: () => core.info('electron').settings.timeoutSeconds * 1000 + 5000,
  });
  unbindIpc = bindIpc(createDispatcher(core, outbound, 'electron'), core, () => mainWindow?.webContents);
  createWindow();
}

// Two instances would fight over the listener port and the history file.
if (!app.requestSingleInstanceLock()) {
  app.exit(0);
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.whenReady().then(start).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error('triggerbench: start-up failed:', error);
    dialog.showErrorBox('Triggerbench could not start', `${message}\n\nData folder: ${dataDir}`);
    stopState = 'stopped';
    app.exit(1);
  });
  app.on('window-all-closed', () => {
    // macOS convention: the app stays in the dock (and the listener keeps serving).
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (workbench && BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  // Stop the core (listener, watcher, history flush) before Electron exits.
  app.on('before-quit', (event) => {
    if (stopState === 'stopped' || !workbench) return;
    event.preventDefault();
    if (stopState === 'stopping') return;
    stopState = 'stopping';
    outbound?.cancelAll();
    unbindIpc?.();
    workbench
      .stop()
      .catch((error: unknown) => console.error('triggerbench: stopping the workbench failed:', error))
      .finally(() => {
        stopState = 'stopped';
        app.quit();
      });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());
}
