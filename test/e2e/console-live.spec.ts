// The console never goes stale (issue-level bugs: a port change, a regenerated key, a
// stopped listener, runs another process records). Each test changes the shared
// workbench's settings and puts them back, so the suites after it see the start-up state.
import { createServer } from 'node:net';
import type { Page } from '@playwright/test';
import { openRunHistory } from '../../src-main/history/history.ts';
import { fullRun, runId } from '../history/fixtures/run-record.ts';
import { expect, test } from './fixtures.ts';

test.describe.configure({ mode: 'serial' });
test.use({ colorScheme: 'light' });

function view(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name });
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function setListenerPort(page: Page, port: number, expectRunning: boolean): Promise<void> {
  await view(page, 'Settings').click();
  const card = page.getByRole('region', { name: 'Listener' });
  await card.getByRole('textbox', { name: 'Port' }).fill(String(port));
  await card.getByRole('button', { name: 'Apply and restart' }).click();
  if (expectRunning) await expect(page.locator('.statusbar')).toContainText(`Listening https://127.0.0.1:${port}`);
  else await expect(page.locator('.statusbar')).toContainText('Listener stopped');
}

async function openInComposer(page: Page, workflow: string): Promise<void> {
  await view(page, 'Workflows').click();
  await page.getByRole('navigation', { name: 'Workflows' }).getByRole('button', { name: new RegExp(`^${workflow}`) }).click();
  await page.getByRole('button', { name: 'Open in Composer' }).click();
  await expect(page.getByRole('textbox', { name: 'Request URL' })).toHaveValue(/sig=/);
}

const originalPort = (listener: string) => Number(new URL(listener).port);

test('a port change reaches the callback URL in the editor and in the composer, and Send works', async ({ page, e2e }) => {
  await page.goto(e2e.url);
  await openInComposer(page, 'account');
  const port = await freePort();
  try {
    await setListenerPort(page, port, true);
    await view(page, 'Composer').click();
    await expect(page.getByRole('textbox', { name: 'Request URL' })).toHaveValue(new RegExp(`^https://127\\.0\\.0\\.1:${port}/api/account/`));
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByLabel('Response summary')).toContainText('200 OK');
    await view(page, 'Workflows').click();
    await expect(page.getByRole('textbox', { name: 'Callback URL' })).toHaveValue(new RegExp(`^https://127\\.0\\.0\\.1:${port}/api/account/`));
  } finally {
    await setListenerPort(page, originalPort(e2e.listener), true);
  }
});

test('a regenerated key reaches the composer: Send after Regenerate is not a 401', async ({ page, e2e }) => {
  await page.goto(e2e.url);
  await openInComposer(page, 'account');
  const before = await page.getByRole('textbox', { name: 'Request URL' }).inputValue();
  await view(page, 'Settings').click();
  await page.getByRole('button', { name: 'Regenerate primary key' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Regenerate', exact: true }).click();
  await expect(page.getByText('The primary key was regenerated.').first()).toBeVisible();
  await view(page, 'Composer').click();
  const url = page.getByRole('textbox', { name: 'Request URL' });
  await expect(url).not.toHaveValue(before);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Response summary')).toContainText('200 OK');
});

test('a listener that cannot start shows as stopped everywhere, with advice that fits the console', async ({ page, e2e }) => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const busy = (blocker.address() as { port: number }).port;
  await page.goto(e2e.url);
  await openInComposer(page, 'account');
  try {
    await setListenerPort(page, busy, false);
    await expect(page.locator('.statusbar')).toContainText('--listener-port');
    await expect(page.locator('.statusbar')).not.toContainText('with --port,');
    const sidebar = page.getByRole('navigation', { name: 'Workflows' });
    await expect(sidebar.getByRole('button', { name: /^account/ })).toContainText('Not listening');
    await expect(sidebar.getByRole('button', { name: /^account/ })).not.toContainText('Callable');
    await view(page, 'Composer').click();
    await expect(page.getByRole('status').filter({ hasText: 'Not listening' })).toBeVisible();
    await view(page, 'Workflows').click();
    await expect(page.getByRole('status').filter({ hasText: 'Not listening' })).toBeVisible();
  } finally {
    blocker.close();
    await setListenerPort(page, originalPort(e2e.listener), true);
  }
});

test('runs another process records appear in Run history without a refresh', async ({ page, e2e }) => {
  await page.goto(e2e.url);
  await view(page, 'Run history').click();
  await expect(page.getByRole('listbox')).toBeVisible();
  // A second history handle on the same data folder is what `triggerbench serve` opens.
  const other = openRunHistory(e2e.dataDir, { otherWritersPollMs: 0 });
  try {
    other.record(fullRun({ id: runId(), workflow: 'recorded-by-serve', startTime: new Date().toISOString() }));
    other.flush();
  } finally {
    other.close();
  }
  await expect(page.getByRole('listbox').getByText('recorded-by-serve')).toBeVisible();
});
