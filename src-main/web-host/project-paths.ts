import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (or installed package) root: this file is `src-main/web-host/project-paths.ts`. */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/** Where `electron-vite build` puts the console: the folder both hosts serve. */
export const DEFAULT_RENDERER_DIR = join(PROJECT_ROOT, 'out', 'renderer');

/** The workspace `ui` opens when none is given: the sample shipped in resources/. */
export const SAMPLE_WORKSPACE = join(PROJECT_ROOT, 'resources', 'sample-workspace');
