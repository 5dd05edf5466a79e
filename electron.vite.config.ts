// Build of the desktop app (`npm run build` = `electron-vite build`), outputs in out/:
//   out/main/index.js      the Electron main process (ESM; package.json "main")
//   out/preload/index.cjs  the preload, one CommonJS file: sandboxed preloads cannot load
//                          ES modules or require() anything but a few Electron modules
//   out/renderer/          the console, also what the loopback web host serves
// The web host builds the renderer part on demand (src-main/web-host/renderer-build.ts).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { parseSync, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// electron-vite appends `const require = createRequire(import.meta.url)` (its "CommonJS
// shim") to an ES main bundle *after* bundling, so a module of ours declaring a top-level
// `require` would make the main process fail to load (SyntaxError). Our modules name
// theirs otherwise (`requireCjs`); this parses each chunk with semantic checks so any
// such clash fails the build with a clear message instead of an app that cannot start.
function esmBundleCheck(): Plugin {
  return {
    name: 'triggerbench:esm-bundle-check',
    apply: 'build',
    enforce: 'post',
    renderChunk(code, chunk) {
      const errors = parseSync(chunk.fileName, code, { sourceType: 'module', showSemanticErrors: true }).errors;
      if (errors.length > 0) this.error(`${chunk.fileName} would not load in Electron: ${errors.map((e) => e.message).join('; ')}. Rename the clashing top-level name in its source module.`);
      return null;
    },
  };
}

export default defineConfig({
  main: {
    plugins: [esmBundleCheck()],
    build: {
      outDir: resolve(root, 'out/main'),
      rolldownOptions: { input: { index: resolve(root, 'src-main/electron/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // Bundle everything (only the contract) so the sandbox can stay on.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      minify: true,
      rolldownOptions: { input: { index: resolve(root, 'src-renderer/index.html') } },
    },
  },
});
