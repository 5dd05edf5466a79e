import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../scripts/check-layers.mjs', import.meta.url));
let root: string | undefined;

/** Writes a small project tree and runs `node scripts/check-layers.mjs <root>` on it. */
async function check(files: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  root = await mkdtemp(join(tmpdir(), 'tb-layers-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  const result = spawnSync(process.execPath, [SCRIPT, root], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
  root = undefined;
});

describe('scripts/check-layers.mjs', () => {
  it('passes a tree that follows the rules, ignoring imports in comments and strings', async () => {
    const result = await check({
      'src-shared/contract.ts': "import type { Problem } from './problems.ts';\n// import { x } from 'node:fs'\nexport const s = \"import('node:fs')\";\n",
      'src-shared/problems.ts': 'export interface Problem { code: string }\n',
      'src-main/core/a.ts': "import { readFile } from 'node:fs/promises';\nimport type { Problem } from '../../src-shared/problems.ts';\n",
      'src-main/electron/main.ts': "import { app } from 'electron';\nimport '../core/a.ts';\n",
      'src-main/electron/preload.ts': "import { contextBridge } from 'electron';\nimport { isRequestChannel } from '../../src-shared/contract.ts';\n",
      'src-renderer/app.tsx': "import { useState } from 'react';\nimport type { Problem } from '../src-shared/problems.ts';\nexport const A = () => <div>{String(useState)}</div>;\n",
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('6 files follow the layering rules');
  });

  it('names file, line and rule for each violation and fails', async () => {
    const result = await check({
      'src-shared/bad.ts': "export const a = 1;\nimport { join } from 'path';\nexport * from '../src-main/x.ts';\nconst m = await import('node:os');\n",
      'src-main/x.ts': "import type { View } from '../src-renderer/view.ts';\nimport { app } from 'electron';\n",
      'src-renderer/view.ts': "import { createServer } from 'node:http';\nimport type { W } from '../src-main/x.ts';\nexport interface View {}\n",
      'src-main/electron/preload.ts': "import { ipcRenderer } from 'electron';\nimport { ApiError } from '../api/api-error.ts';\n",
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toContain('src-shared/bad.ts:2:22: imports "path": src-shared must not import Node built-ins; it also runs in the renderer (move the Node part to src-main)');
    expect(result.stderr).toMatch(/src-shared\/bad\.ts:3:\d+: imports "\.\.\/src-main\/x\.ts": src-shared must not import other layers/);
    expect(result.stderr).toMatch(/src-shared\/bad\.ts:4:\d+: imports "node:os"/);
    expect(result.stderr).toMatch(/src-main\/x\.ts:1:\d+: imports "\.\.\/src-renderer\/view\.ts": src-main must not import src-renderer/);
    expect(result.stderr).toMatch(/src-main\/x\.ts:2:\d+: imports "electron": only src-main\/electron\/ may import electron/);
    expect(result.stderr).toMatch(/src-renderer\/view\.ts:1:\d+: imports "node:http": src-renderer must not import Node built-ins/);
    expect(result.stderr).toMatch(/src-renderer\/view\.ts:2:\d+: imports "\.\.\/src-main\/x\.ts": src-renderer must not import src-main/);
    expect(result.stderr).toMatch(/src-main\/electron\/preload\.ts:2:\d+: imports "\.\.\/api\/api-error\.ts": the preload may import only/);
    expect(result.stderr).toContain('8 layering violations');
  });

  it('keeps the hosts apart: Electron and the web host never import each other, nor the CLI; other main code imports no host', async () => {
    const result = await check({
      'src-main/console-assets/csp.ts': 'export const CSP = "";\n',
      'src-main/web-host/web-host.ts': "import { CSP } from '../console-assets/csp.ts';\nimport { x } from '../electron/app-protocol.ts';\n",
      'src-main/electron/app-protocol.ts': "import { CSP } from '../console-assets/csp.ts';\nimport { y } from '../web-host/static-files.ts';\nexport const x = 1;\n",
      'src-main/web-host/static-files.ts': "import { main } from '../cli/main.ts';\nexport const y = 1;\n",
      'src-main/cli/main.ts': "export const main = () => import('../web-host/web-host.ts');\n",
      'src-main/core/workbench.ts': "import { main } from '../cli/main.ts';\n",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/src-main\/web-host\/web-host\.ts:2:\d+: imports "\.\.\/electron\/app-protocol\.ts": the hosts stay apart/);
    expect(result.stderr).toMatch(/src-main\/electron\/app-protocol\.ts:2:\d+: imports "\.\.\/web-host\/static-files\.ts": the hosts stay apart/);
    expect(result.stderr).toMatch(/src-main\/web-host\/static-files\.ts:1:\d+: imports "\.\.\/cli\/main\.ts": the hosts stay apart/);
    expect(result.stderr).toMatch(/src-main\/core\/workbench\.ts:1:\d+: imports "\.\.\/cli\/main\.ts": only a host may import a host/);
    // The CLI may start the web host (`triggerbench ui`), and both hosts share console-assets.
    expect(result.stderr).toContain('4 layering violations');
  });

  it('finds browser-only globals in src-shared, but not locals, properties or keys of the same name', async () => {
    const result = await check({
      'src-shared/client.ts': "export const token = () => sessionStorage.getItem('t');\nexport const open = (url: string) => new EventSource(url);\nexport const page = () => globalThis.document;\n",
      'src-shared/xml.ts': "export function parse(document: string) { const location = { line: 1 }; return { document, location, window: 1 }.window + location.line; }\nexport const x = (o: { localStorage: number }) => o.localStorage;\n",
      'src-renderer/page.ts': "export const here = () => window.location.href;\n",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/src-shared\/client\.ts:1:\d+: uses the browser global "sessionStorage"/);
    expect(result.stderr).toMatch(/src-shared\/client\.ts:2:\d+: uses the browser global "EventSource"/);
    expect(result.stderr).toMatch(/src-shared\/client\.ts:3:\d+: uses the browser global "globalThis\.document"/);
    expect(result.stderr).toContain('3 layering violations');
  });

  it('fails on a file it cannot parse rather than skipping it', async () => {
    const result = await check({ 'src-shared/broken.ts': 'export const = ;\n' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/src-shared\/broken\.ts:1:\d+: cannot be parsed/);
  });

  it('passes on this repository', () => {
    const result = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
