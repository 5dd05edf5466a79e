#!/usr/bin/env node
// `npm run lint:layers`: enforces the layering rules of docs (design.md, "Layering rule"):
//   - src-shared imports nothing from Node (node:* or bare built-ins), electron or other layers;
//   - src-main never imports src-renderer; src-renderer never imports src-main or Node;
//   - only src-main/electron/ imports electron;
//   - the preload imports only electron and the API contract.
// Imports are read with Vite's parser (oxc), so type-only imports, re-exports and dynamic
// import() count, and imports inside comments or strings do not.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseSync } from 'vite';

const SOURCE_EXTENSIONS = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const LAYERS = ['src-shared', 'src-main', 'src-renderer'];
const PRELOAD = 'src-main/electron/preload.ts';
const CONTRACT = 'src-shared/contract.ts';
const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** True for `node:anything` and bare built-in names (`fs`, `fs/promises`, `path`...). */
function isNodeBuiltin(specifier) {
  return specifier.startsWith('node:') || NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(specifier.split('/')[0]);
}

function isElectron(specifier) {
  return specifier === 'electron' || specifier.startsWith('electron/');
}

/** Project-relative path with forward slashes. */
function projectPath(root, file) {
  return relative(root, file).split(sep).join('/');
}

function layerOf(path) {
  return LAYERS.find((layer) => path === layer || path.startsWith(`${layer}/`));
}

function listSources(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const files = [];
  for (const name of entries) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) files.push(...listSources(full));
    else if (SOURCE_EXTENSIONS.test(name) && !name.endsWith('.d.ts')) files.push(full);
  }
  return files;
}

function lineColumn(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** `require('x')` calls, found by walking the AST (the module record lists only ESM imports). */
function findRequires(node, found) {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) findRequires(child, found);
    return;
  }
  if (node.type === 'CallExpression' && node.callee?.type === 'Identifier' && node.callee.name === 'require') {
    const arg = node.arguments?.[0];
    if (arg && (arg.type === 'Literal' || arg.type === 'StringLiteral') && typeof arg.value === 'string') found.push({ specifier: arg.value, start: arg.start });
  }
  for (const key of Object.keys(node)) {
    if (key !== 'parent') findRequires(node[key], found);
  }
}

/** Every module specifier a file names, with its offset. */
export function importsOf(file, text) {
  const result = parseSync(file, text);
  if (result.errors.length > 0) {
    const first = result.errors[0];
    const offset = first.labels?.[0]?.start ?? 0;
    return { error: `${first.message}`, offset, specifiers: [] };
  }
  const specifiers = [];
  for (const entry of result.module.staticImports) specifiers.push({ specifier: entry.moduleRequest.value, start: entry.moduleRequest.start });
  for (const entry of result.module.staticExports) {
    for (const item of entry.entries) if (item.moduleRequest) specifiers.push({ specifier: item.moduleRequest.value, start: item.moduleRequest.start });
  }
  for (const entry of result.module.dynamicImports) {
    const raw = text.slice(entry.moduleRequest.start, entry.moduleRequest.end).trim();
    const literal = /^(['"`])([^'"`$]*)\1$/.exec(raw);
    if (literal) specifiers.push({ specifier: literal[2], start: entry.moduleRequest.start });
  }
  findRequires(result.program, specifiers);
  return { specifiers };
}

/** The rule a given import breaks, as a sentence, or undefined when it is allowed. */
function violation(fromPath, specifier, targetPath) {
  const fromLayer = layerOf(fromPath);
  const targetLayer = targetPath ? layerOf(targetPath) : undefined;
  if (fromPath === PRELOAD) {
    if (isElectron(specifier) || targetPath === CONTRACT) return undefined;
    return `the preload may import only "electron" and ${CONTRACT} (it runs sandboxed, bundled whole; everything else belongs in the main process)`;
  }
  if (isElectron(specifier) && !fromPath.startsWith('src-main/electron/')) {
    return 'only src-main/electron/ may import electron; keep the core host-neutral so the CLI and the web host can run it';
  }
  if (fromLayer === 'src-shared') {
    if (isNodeBuiltin(specifier)) return 'src-shared must not import Node built-ins; it also runs in the renderer (move the Node part to src-main)';
    if (targetPath !== undefined && targetLayer !== 'src-shared') return `src-shared must not import other layers (${targetPath}); shared code depends on nothing but itself`;
  }
  if (fromLayer === 'src-main' && targetLayer === 'src-renderer') {
    return `src-main must not import src-renderer (${targetPath}); the two meet only through src-shared/contract.ts`;
  }
  if (fromLayer === 'src-renderer') {
    if (targetLayer === 'src-main') return `src-renderer must not import src-main (${targetPath}); call the main side through window.triggerbench / the web client`;
    if (isNodeBuiltin(specifier)) return 'src-renderer must not import Node built-ins; the console runs sandboxed in a browser page';
  }
  return undefined;
}

/** Checks every source file under the three layers of `root`; returns the violations found. */
export function checkLayers(root) {
  const problems = [];
  let files = 0;
  for (const layer of LAYERS) {
    for (const file of listSources(join(root, layer))) {
      files++;
      const fromPath = projectPath(root, file);
      const text = readFileSync(file, 'utf8');
      const { specifiers, error, offset } = importsOf(file, text);
      if (error) {
        const { line, column } = lineColumn(text, offset);
        problems.push({ file: fromPath, line, column, specifier: '', message: `cannot be parsed, so its imports cannot be checked: ${error}` });
        continue;
      }
      for (const { specifier, start } of specifiers) {
        const targetPath = specifier.startsWith('.') || specifier.startsWith('/') ? projectPath(root, resolve(dirname(file), specifier)) : undefined;
        const message = violation(fromPath, specifier, targetPath);
        if (!message) continue;
        const { line, column } = lineColumn(text, start);
        problems.push({ file: fromPath, line, column, specifier, message });
      }
    }
  }
  return { files, problems };
}

/** One line per problem: `file:line:column: imports "x": rule`. */
export function formatProblem(problem) {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.specifier ? `imports "${problem.specifier}": ` : ''}${problem.message}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = process.argv[2] ? resolve(process.argv[2]) : resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const { files, problems } = checkLayers(root);
  for (const problem of problems) process.stderr.write(`${formatProblem(problem)}\n`);
  if (problems.length > 0) {
    process.stderr.write(`\nlint:layers: ${problems.length} layering violation${problems.length === 1 ? '' : 's'} in ${files} files (rules: docs/hosts.md, "Layering").\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`lint:layers: ${files} files follow the layering rules.\n`);
  }
}
