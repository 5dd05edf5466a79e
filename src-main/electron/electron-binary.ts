import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the Electron binary is, or why there is none. */
export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

/**
 * Finds the Electron executable the `electron` package installed, without `require('electron')`:
 * since Electron 45 that call starts a download when the binary is missing, which is
 * neither expected nor possible offline. Reads `node_modules/electron/path.txt` and
 * checks the file exists; honours ELECTRON_OVERRIDE_DIST_PATH as the package does.
 */
export function findElectronBinary(projectRoot: string, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const packageDir = join(projectRoot, 'node_modules', 'electron');
  if (!existsSync(join(packageDir, 'package.json'))) {
    return { found: false, reason: `the electron package is not installed (${packageDir} is missing); run npm install` };
  }
  const pathFile = join(packageDir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const path = join(env.ELECTRON_OVERRIDE_DIST_PATH, name || 'electron');
    return existsSync(path) ? { found: true, path } : { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH points at ${path}, which does not exist` };
  }
  if (!name) {
    return { found: false, reason: `the Electron binary was never downloaded (${pathFile} is missing; the install step could not reach the network). Run "npx install-electron" where the network allows it` };
  }
  const path = join(packageDir, 'dist', name);
  return existsSync(path) ? { found: true, path } : { found: false, reason: `the Electron binary ${path} is missing; run "npx install-electron"` };
}
