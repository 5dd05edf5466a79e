import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ApiError } from '../console-requests/api-error.ts';
import { DEFAULT_RENDERER_DIR, PROJECT_ROOT } from './project-paths.ts';

/** True when `dir` holds a built console. */
export function hasRendererBuild(dir: string): boolean {
  return existsSync(join(dir, 'index.html'));
}

/**
 * Builds the console into out/renderer with Vite, using the renderer part of
 * electron.vite.config.ts (so the web host and the app serve the same build). Runs in
 * this process; electron-vite's resolver sets NODE_ENV and its own mode variable, which
 * are put back afterwards so the host's environment is unchanged.
 */
export async function buildRenderer(root = PROJECT_ROOT): Promise<void> {
  const saved = { NODE_ENV: process.env.NODE_ENV, NODE_ENV_ELECTRON_VITE: process.env.NODE_ENV_ELECTRON_VITE };
  try {
    // The renderer preset picks the relative base './' only in production mode.
    process.env.NODE_ENV_ELECTRON_VITE = 'production';
    const { resolveConfig } = await import('electron-vite');
    const resolved = await resolveConfig({ root, configFile: join(root, 'electron.vite.config.ts'), logLevel: 'warn' }, 'build', 'production');
    const renderer = resolved.config?.renderer;
    if (!renderer) throw new ApiError('RendererConfigMissing', `electron.vite.config.ts in ${root} has no renderer section, so the console cannot be built.`);
    const { build } = await import('vite');
    await build({ ...renderer, configFile: false, logLevel: 'warn' });
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/**
 * Makes sure the console is built before the web host serves it. The default folder is
 * built on demand (printing a line first, since it takes a while); a folder given
 * explicitly must already hold a build.
 */
export async function ensureRendererBuild(dir: string, log: (line: string) => void): Promise<void> {
  if (hasRendererBuild(dir)) return;
  if (resolve(dir) !== DEFAULT_RENDERER_DIR) {
    throw new ApiError('RendererNotBuilt', `${join(dir, 'index.html')} does not exist. Build the console with "npm run build" or point the web host at a folder that holds one.`);
  }
  log(`The console is not built yet (${join(dir, 'index.html')} is missing); building it now with Vite, once...`);
  try {
    await buildRenderer();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('RendererBuildFailed', `Building the console failed: ${(error as Error).message}. Run "npm run build" to see the full output.`);
  }
  if (!hasRendererBuild(dir)) {
    throw new ApiError('RendererBuildFailed', `Vite finished but ${join(dir, 'index.html')} is still missing. Check the renderer section of electron.vite.config.ts.`);
  }
}
