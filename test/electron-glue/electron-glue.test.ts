import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAppArgs } from '../../src-main/electron/app-args.ts';
import { APP_ORIGIN, isAppUrl } from '../../src-main/electron/app-origin.ts';
import { serveAppRequest } from '../../src-main/electron/app-protocol.ts';
import { CONTENT_SECURITY_POLICY, pageSecurityHeaders } from '../../src-main/console-assets/csp.ts';
import { findElectronBinary } from '../../src-main/electron/electron-binary.ts';
import { isTrustedSender } from '../../src-main/electron/ipc-guard.ts';
import { isAllowedExternalUrl, windowOpenDecision } from '../../src-main/electron/navigation.ts';
import { isPermissionAllowed } from '../../src-main/electron/permissions.ts';
import { mainWindowOptions, windowBackground } from '../../src-main/electron/window-options.ts';

describe('main window options (Electron security checklist)', () => {
  const options = mainWindowOptions({ preloadPath: '/app/out/preload/index.cjs', dark: false, devTools: false });

  it('isolates and sandboxes the page, with no Node anywhere', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
  });

  it('paints the OS theme before the page loads', () => {
    expect(mainWindowOptions({ preloadPath: 'p', dark: true, devTools: true }).backgroundColor).toBe(windowBackground(true));
    expect(windowBackground(true)).not.toBe(windowBackground(false));
    expect(options.show).toBe(false);
  });
});

describe('IPC sender check (checklist #17)', () => {
  const main = 7;
  const good = { webContentsId: main, frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true };

  it('accepts the main window top frame on app://', () => {
    expect(isTrustedSender(good, main)).toBe(true);
  });

  it('refuses other windows, subframes, other origins and gone frames', () => {
    expect(isTrustedSender({ ...good, webContentsId: 8 }, main)).toBe(false);
    expect(isTrustedSender({ ...good, isMainFrame: false }, main)).toBe(false);
    expect(isTrustedSender({ ...good, frameUrl: 'https://evil.example/' }, main)).toBe(false);
    expect(isTrustedSender({ ...good, frameUrl: 'file:///etc/passwd' }, main)).toBe(false);
    expect(isTrustedSender({ ...good, frameUrl: 'app://other/index.html' }, main)).toBe(false);
    expect(isTrustedSender({ ...good, frameUrl: undefined }, main)).toBe(false);
    expect(isTrustedSender(good, undefined)).toBe(false);
  });
});

describe('navigation and external links (checklist #13-#15)', () => {
  it('opens only https links on allowlisted hosts outside the app', () => {
    expect(isAllowedExternalUrl('https://learn.microsoft.com/en-us/azure/logic-apps/')).toBe(true);
    expect(windowOpenDecision('https://github.com/x/y')).toBe('external');
    for (const url of ['http://learn.microsoft.com/', 'https://learn.microsoft.com.evil.example/', 'https://user:pw@github.com/', 'https://github.com:8443/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'not a url']) {
      expect(windowOpenDecision(url), url).toBe('deny');
    }
  });

  it('knows the app origin', () => {
    expect(isAppUrl('app://triggerbench/index.html')).toBe(true);
    expect(isAppUrl('app://elsewhere/index.html')).toBe(false);
    expect(isAppUrl('https://triggerbench/')).toBe(false);
  });
});

describe('permissions (checklist #5)', () => {
  it('denies everything but clipboard writes from the console itself', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://triggerbench/index.html')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://triggerbench')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    for (const permission of ['clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal', 'fullscreen', 'pointerLock']) {
      expect(isPermissionAllowed(permission, 'app://triggerbench/index.html'), permission).toBe(false);
    }
  });
});

describe('content security policy (checklist #7)', () => {
  it('allows no inline or remote script, no eval, no framing, no plugins', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(pageSecurityHeaders()['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('app:// protocol (checklist #18)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tb-app-'));
    await mkdir(join(dir, 'renderer', 'assets'), { recursive: true });
    await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>T</title>');
    await writeFile(join(dir, 'renderer', 'assets', 'a.css'), 'body{}');
    await writeFile(join(dir, 'secret.txt'), 'key');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('serves the console files with the CSP and their content type', async () => {
    const page = await serveAppRequest('app://triggerbench/', join(dir, 'renderer'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>T</title>');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const css = await serveAppRequest('app://triggerbench/assets/a.css', join(dir, 'renderer'));
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('refuses paths outside the console folder and other hosts', async () => {
    for (const url of ['app://triggerbench/../secret.txt', 'app://triggerbench/%2e%2e/secret.txt', 'app://triggerbench/..%2fsecret.txt', 'app://other/index.html', 'app://triggerbench/missing.js']) {
      expect((await serveAppRequest(url, join(dir, 'renderer'))).status, url).toBe(404);
    }
  });
});

describe('app arguments', () => {
  it('reads --data-dir, --workspace and --port in both spellings and ignores the rest', () => {
    expect(parseAppArgs(['/usr/bin/electron', '.', '--no-sandbox', '--data-dir', '/d', '--workspace=/w'])).toEqual({ dataDir: '/d', workspace: '/w' });
    expect(parseAppArgs(['electron', '--data-dir=/x'])).toEqual({ dataDir: '/x' });
    expect(parseAppArgs(['electron', '--data-dir'])).toEqual({});
    expect(parseAppArgs(['electron', '--port', '0', '--workspace', '/w'])).toEqual({ port: 0, workspace: '/w' });
    expect(parseAppArgs(['electron', '--port=99999'])).toEqual({});
  });
});

describe('finding the Electron binary without downloading it', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'tb-electron-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('explains each way it can be missing, and finds it when present', async () => {
    expect(findElectronBinary(root, {})).toMatchObject({ found: false, reason: expect.stringContaining('not installed') });
    const pkg = join(root, 'node_modules', 'electron');
    await mkdir(join(pkg, 'dist'), { recursive: true });
    await writeFile(join(pkg, 'package.json'), '{}');
    expect(findElectronBinary(root, {})).toMatchObject({ found: false, reason: expect.stringContaining('never downloaded') });
    await writeFile(join(pkg, 'path.txt'), 'electron');
    expect(findElectronBinary(root, {})).toMatchObject({ found: false, reason: expect.stringContaining('is missing') });
    await writeFile(join(pkg, 'dist', 'electron'), '');
    expect(findElectronBinary(root, {})).toEqual({ found: true, path: join(pkg, 'dist', 'electron') });
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: join(root, 'nowhere') })).toMatchObject({ found: false });
  });
});
