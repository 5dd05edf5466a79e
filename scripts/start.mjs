#!/usr/bin/env node
// `npm start`: builds the app with electron-vite, then opens the desktop app when an
// Electron binary is installed; otherwise says why and serves the same console to a
// browser through the loopback web host (`triggerbench ui`) on the sample workspace.
// Extra arguments go to the app or to `triggerbench ui` (e.g. `npm start -- --port 8080`).
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// The binary lookup is TypeScript (shared with the e2e suite); Node 22.12-22.17 need the flag.
if (!process.features.typescript) {
  const result = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
const { findElectronBinary } = await import('../src-main/electron/electron-binary.ts');

/** Runs a child with our stdio, passing Ctrl+C on, and resolves with its exit code. */
function run(command, args) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (error) => {
      process.stderr.write(`npm start: could not run ${command}: ${error.message}\n`);
      resolvePromise(1);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolvePromise(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
    });
  });
}

const extra = process.argv.slice(2);
process.stdout.write('npm start: building the app (electron-vite build)...\n');
const built = await run(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);
if (built !== 0) {
  process.stderr.write('npm start: the build failed (see above); nothing was started.\n');
  process.exit(built);
}

const electron = findElectronBinary(root);
if (electron.found) {
  const args = ['.', ...extra];
  // Chromium refuses to run as root with its OS sandbox; the window's own sandbox
  // (webPreferences.sandbox) stays on either way.
  if (process.platform === 'linux' && process.getuid?.() === 0) {
    process.stderr.write('npm start: running as root, so Electron needs --no-sandbox (Chromium\'s OS-level sandbox is off; run as a normal user to keep it).\n');
    args.push('--no-sandbox');
  }
  process.exit(await run(electron.path, args));
}

process.stdout.write(`npm start: not opening the desktop app: ${electron.reason}.\n`);
process.stdout.write('npm start: serving the same console to your browser instead (triggerbench ui on the sample workspace).\n');
const hasWorkspace = extra.length > 0 && !extra[0].startsWith('-');
const uiArgs = hasWorkspace ? extra : [join(root, 'resources', 'sample-workspace'), ...extra];
process.exit(await run(process.execPath, [join(root, 'bin', 'triggerbench.mjs'), 'ui', ...uiArgs]));
