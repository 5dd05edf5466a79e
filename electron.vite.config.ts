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
// shim") to an ES main bundle that calls require(), *after* bundling, so a module of
// ours that declares its own top-level `require` the same way ends up declared twice and
// the main process fails to load (SyntaxError). The two are the same function (same
// import.meta.url, one bundle file), so the bundle's copy is dropped. Then the chunk is
// parsed with semantic checks: any other clash fails the build with a clear message
// instead of an app that cannot start.
const DUPLICATE_REQUIRE = /^(?:var|let|const) require = createRequire(?:\$\d+)?\(import\.meta\.url\);\n/m;
function esmBundleCheck(): Plugin {
  return {
    name: 'triggerbench:esm-bundle-check',
    apply: 'build',
    enforce: 'post',
    renderChunk(code, chunk) {
      let out = code;
      if (out.includes('// -- CommonJS Shims --') && DUPLICATE_REQUIRE.test(out)) out = out.replace(DUPLICATE_REQUIRE, '');
      const errors = parseSync(chunk.fileName, out, { sourceType: 'module', showSemanticErrors: true }).errors;
      if (errors.length > 0) this.error(`${chunk.fileName} would not load in Electron: ${errors.map((e) => e.message).join('; ')}. Rename the clashing top-level name in its source module.`);
      return out === code ? null : { code: out, map: null };
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
      rolldownOptions: { input: { index: resolve(root, 'src-renderer/index.html') } },
    },
  },
});
