import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The app's folder name under the OS's per-user application-data folder. */
export const APP_FOLDER_NAME = 'Triggerbench';

/**
 * The default data folder, where Electron's `app.getPath('userData')` would put it, so
 * the desktop app and the CLI share keys, certificates and history:
 * Linux `$XDG_CONFIG_HOME/Triggerbench` (or `~/.config/...`), macOS
 * `~/Library/Application Support/...`, Windows `%APPDATA%\...`.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_FOLDER_NAME);
}

/** Resolves the data folder: an explicit `--data-dir`, else `TRIGGERBENCH_DATA_DIR`, else the default. */
export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return resolve(explicit);
  if (env.TRIGGERBENCH_DATA_DIR) return resolve(env.TRIGGERBENCH_DATA_DIR);
  return defaultDataDir(env);
}
