#!/usr/bin/env node
// Regenerates the console screenshots in docs/screenshots/ (light and dark, one per view) for
// docs/console.md: builds the console, starts the workbench on a temporary copy of the
// sample workspace with a temporary data folder (listener and web host on free loopback
// ports), drives Debian's Chromium with playwright-core, and writes small PNGs.
//
//   npm run screenshots                     # these views, then the designer's (its e2e suite)
//   node scripts/screenshots.mjs            # only these views, both themes
//   CHROMIUM_PATH=/path/to/chrome node scripts/screenshots.mjs
//
// A view is a function below (name, what to do before the picture); add yours to VIEWS.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'docs', 'screenshots');
const { createWorkbench } = await import('../src-main/core/workbench.ts');
const { SAMPLE_WORKSPACE } = await import('../src-main/web-host/project-paths.ts');
const { buildRenderer } = await import('../src-main/web-host/renderer-build.ts');
const { startWebHost } = await import('../src-main/web-host/web-host.ts');
const { buildPdf } = await import('../test/e2e/pdf-fixture.ts');

const nav = (page, name) => page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name });
const sidebarItem = (page, name) => page.getByRole('navigation', { name: 'Workflows' }).getByRole('button', { name: new RegExp(`^${name}`) });

/** Each view: a file name and the steps that bring it on screen (the page starts on the console). */
const VIEWS = [
  {
    name: 'workflows',
    async show(page) {
      await sidebarItem(page, 'account').click();
      await page.getByRole('textbox', { name: 'Callback URL' }).waitFor();
    },
  },
  {
    name: 'composer',
    async show(page) {
      await sidebarItem(page, 'account').click();
      await page.getByRole('button', { name: 'Open in Composer' }).click();
      await page.getByRole('textbox', { name: 'Request body' }).fill(JSON.stringify({ account: { name: 'Contoso', ID: '12345', address: { city: 'Redmond', country: 'USA' } } }, null, 2));
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await page.getByLabel('Response summary').waitFor();
    },
  },
  {
    name: 'run-history',
    async show(page) {
      await nav(page, 'Run history').click();
      await page.getByRole('listbox', { name: 'Runs, newest first' }).getByRole('option').first().click();
      await page.locator('.run-detail').first().waitFor();
    },
  },
  {
    name: 'settings',
    async show(page) {
      await nav(page, 'Settings').click();
      await page.getByRole('region', { name: 'Listener' }).waitFor();
    },
  },
  {
    name: 'settings-limits',
    async show(page) {
      await nav(page, 'Settings').click();
      const card = page.getByRole('region', { name: 'Limits' });
      await card.getByRole('textbox', { name: 'Runs in flight (runs)' }).fill('0');
      await card.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    },
  },
  {
    name: 'pdf-preview',
    async show(page) {
      await sidebarItem(page, 'pdf-reply').click();
      await page.getByRole('button', { name: 'Open in Composer' }).click();
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await page.getByRole('img', { name: /PDF page 1 of 2/ }).waitFor();
      await page.locator('canvas[data-rendered-page="1"]').waitFor();
    },
  },
  {
    name: 'runs-checked',
    async show(page) {
      await nav(page, 'Run history').click();
      const list = page.getByRole('listbox', { name: 'Runs, newest first' });
      await list.getByRole('option').first().click();
      await list.press('Space');
      await list.press('Shift+ArrowDown');
      await list.getByRole('option', { checked: true }).nth(1).waitFor();
    },
  },
];

const tmp = await mkdtemp(join(tmpdir(), 'triggerbench-shots-'));
let workbench;
let host;
let browser;
try {
  process.stdout.write('screenshots: building the console...\n');
  await buildRenderer();
  await cp(SAMPLE_WORKSPACE, join(tmp, 'workspace'), { recursive: true });
  // A workflow that answers with a PDF, for the response viewer's preview.
  const pdf = buildPdf([
    { rgb: [0.22, 0.4, 0.94], text: 'Invoice 1042: Contoso' },
    { rgb: [0.1, 0.6, 0.3], text: 'Page two' },
  ]);
  await mkdir(join(tmp, 'workspace', 'pdf-reply'), { recursive: true });
  await writeFile(
    join(tmp, 'workspace', 'pdf-reply', 'workflow.json'),
    JSON.stringify({
      kind: 'Stateful',
      definition: {
        $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
        contentVersion: '1.0.0.0',
        triggers: { manual: { type: 'Request', kind: 'Http', inputs: { method: 'POST' } } },
        actions: { Response: { type: 'Response', kind: 'Http', inputs: { statusCode: 200, headers: { 'Content-Type': 'application/pdf' }, body: `@base64ToBinary('${pdf.toString('base64')}')` }, runAfter: {} } },
      },
    }),
  );
  workbench = await createWorkbench({ dataDir: join(tmp, 'data'), workspaceRoot: join(tmp, 'workspace'), port: 0, watch: true });
  const listener = await workbench.start();
  if (!listener.running) throw new Error(`the listener did not start: ${listener.error?.message}`);
  host = await startWebHost({ workbench, port: 0, log: () => {} });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  await mkdir(out, { recursive: true });
  for (const theme of ['light', 'dark']) {
    for (const view of VIEWS) {
      // A fresh page per picture, with the OS theme emulated (the console's theme is "System").
      const context = await browser.newContext({ viewport: { width: 1280, height: 760 }, colorScheme: theme, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await page.goto(host.url);
      await page.getByRole('navigation', { name: 'Workflows' }).waitFor();
      await view.show(page);
      // Let toasts leave the picture.
      await page.locator('.toast').first().waitFor({ state: 'detached', timeout: 6000 }).catch(() => undefined);
      const file = join(out, `console-${view.name}-${theme}.png`);
      await page.screenshot({ path: file, animations: 'disabled' });
      process.stdout.write(`screenshots: ${file}\n`);
      await context.close();
    }
  }
} finally {
  await browser?.close();
  await host?.close();
  await workbench?.stop();
  await rm(tmp, { recursive: true, force: true });
}
