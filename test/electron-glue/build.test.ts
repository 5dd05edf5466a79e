import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src-main/web-host/project-paths.ts';

let out: string;
let build: { status: number | null; stdout: string; stderr: string };

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'tb-build-'));
  // `electron-vite build` as npm run build runs it, into a temp folder (--outDir).
  const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--outDir', out], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  build = { status: result.status, stdout: result.stdout, stderr: result.stderr };
}, 120_000);

afterAll(() => rm(out, { recursive: true, force: true }));

describe('npm run build (electron-vite)', () => {
  it('succeeds and writes main, preload and renderer', () => {
    expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
    for (const file of ['main/index.js', 'preload/index.cjs', 'renderer/index.html']) expect(existsSync(join(out, file)), file).toBe(true);
  });

  it('emits a main process bundle that Node can load (no clashing declarations)', () => {
    const check = spawnSync(process.execPath, ['--check', join(out, 'main', 'index.js')], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('emits a sandbox-ready preload: one CommonJS file requiring only electron', async () => {
    const preload = await readFile(join(out, 'preload', 'index.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(preload).not.toMatch(/^\s*import\s/m);
    expect(preload).toContain('exposeInMainWorld("triggerbench"');
  });

  it('emits a console page the strict CSP allows: no inline script, relative assets that exist', async () => {
    const html = await readFile(join(out, 'renderer', 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(body!.trim(), 'inline script').toBe('');
      const src = /src="([^"]+)"/.exec(attributes!)?.[1];
      expect(src).toMatch(/^\.\/assets\//);
      expect(existsSync(join(out, 'renderer', src!))).toBe(true);
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});
