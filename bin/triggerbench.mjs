#!/usr/bin/env node
// Entry point of the `triggerbench` command. The CLI is TypeScript run by Node's own
// type stripping (Node >= 22.18 unflagged; 22.12-22.17 need the flag), so a plain
// `npm install` leaves the command working with no build step.
import { spawnSync } from 'node:child_process';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`triggerbench needs Node.js 22.12 or newer (this is ${process.version}). Install Node 24 and try again.\n`);
  process.exit(1);
}
if (!process.features.typescript) {
  const self = fileURLToPath(import.meta.url);
  const result = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', self, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
// Node's on-disk compile cache (in the OS temp folder; NODE_DISABLE_COMPILE_CACHE=1 turns
// it off) keeps the compiled, type-stripped sources between runs: without it every start
// strips and compiles the whole CLI again, most of `serve`'s time to ready (docs/cli.md).
module.enableCompileCache?.();
const { main } = await import('../src-main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
