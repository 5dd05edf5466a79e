#!/usr/bin/env node
// `npm run lint:layers`: enforces the layering rules (docs/hosts.md, "Layering lint"):
//   - src-shared imports nothing from Node (node:* or bare built-ins), electron or other layers;
//   - src-main never imports src-renderer; src-renderer never imports src-main or Node;
//   - only src-main/electron/ imports electron;
//   - the preload imports only electron and the API contract;
//   - the hosts stay apart: src-main/electron/ and src-main/web-host/ never import each
//     other, neither imports the CLI (src-main/cli/, which may start the web host for
//     `triggerbench ui`), and no other main code imports a host;
//   - src-shared holds no browser-only code: no free reference to a browser global
//     (window, document, localStorage, EventSource...), since the core runs it in Node.
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
/** The host folders of src-main; what they serve in common lives in neutral modules. */
const HOSTS = ['src-main/electron/', 'src-main/web-host/', 'src-main/cli/'];
/** Globals only a browser page has; src-shared code that names one cannot run in the core. */
const BROWSER_GLOBALS = new Set([
  'window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'EventSource', 'XMLHttpRequest',
  'HTMLElement', 'customElements', 'requestAnimationFrame', 'cancelAnimationFrame', 'getComputedStyle', 'matchMedia', 'alert', 'confirm',
]);
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

/** The host folder a project path is in, or undefined. */
function hostOf(path) {
  return HOSTS.find((host) => path.startsWith(host));
}

/**
 * Free references to browser globals: identifiers in value position whose name is a
 * browser global and is not declared anywhere in the file (a local named `document`, say).
 */
function browserGlobalsIn(program) {
  const declared = new Set();
  const used = [];
  const walk = (node, parent, key) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) walk(child, parent, key);
      return;
    }
    if (node.type === 'Identifier' && typeof node.name === 'string') {
      const isProperty = parent && ((parent.type === 'MemberExpression' && key === 'property' && !parent.computed) || ((parent.type === 'Property' || parent.type === 'PropertyDefinition' || parent.type === 'MethodDefinition' || parent.type === 'TSPropertySignature') && key === 'key' && !parent.computed));
      const isBinding = parent && ((parent.type === 'VariableDeclarator' && key === 'id') || key === 'params' || (parent.type.startsWith('Import') && key === 'local') || ((parent.type === 'FunctionDeclaration' || parent.type === 'ClassDeclaration') && key === 'id'));
      if (isBinding) declared.add(node.name);
      else if (!isProperty && BROWSER_GLOBALS.has(node.name)) used.push({ name: node.name, start: node.start });
    }
    if (node.type === 'AssignmentPattern' && node.left?.type === 'Identifier') declared.add(node.left.name);
    // `globalThis.document` and `globalThis['document']` reach the same globals.
    if (node.type === 'MemberExpression' && node.object?.type === 'Identifier' && node.object.name === 'globalThis') {
      const name = node.computed ? (typeof node.property?.value === 'string' ? node.property.value : undefined) : node.property?.name;
      if (name && BROWSER_GLOBALS.has(name)) used.push({ name: `globalThis.${name}`, start: node.start, global: true });
    }
    for (const child of Object.keys(node)) {
      if (child !== 'parent') walk(node[child], node, child);
    }
  };
  walk(program, undefined, undefined);
  return used.filter((entry) => entry.global || !declared.has(entry.name));
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
  return { specifiers, program: result.program };
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
  const fromHost = hostOf(fromPath);
  const targetHost = targetPath ? hostOf(targetPath) : undefined;
  if (fromLayer === 'src-main' && targetHost && targetHost !== fromHost && !(fromHost === 'src-main/cli/' && targetHost === 'src-main/web-host/')) {
    return fromHost
      ? `the hosts stay apart: ${fromHost} must not import ${targetPath} (what both hosts need belongs in a neutral module such as src-main/console-assets/)`
      : `only a host may import a host (${targetPath}); the core and its subsystems serve every host alike`;
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
      const { specifiers, error, offset, program } = importsOf(file, text);
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
      if (layer === 'src-shared') {
        for (const { name, start } of browserGlobalsIn(program)) {
          const { line, column } = lineColumn(text, start);
          problems.push({ file: fromPath, line, column, specifier: '', message: `uses the browser global "${name}": src-shared must run in Node too (the core, the CLI); browser-only code belongs in src-renderer` });
        }
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
