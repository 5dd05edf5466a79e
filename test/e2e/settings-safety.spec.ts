// Settings that change who can reach the workbench, or what its clients trust, ask first:
// a host beyond loopback, and regenerating the CA. Only the Cancel paths run here, so the
// shared workbench keeps its loopback listener and its CA for the other suites.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const SHOTS = join(import.meta.dirname, 'screenshots');

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), animations: 'disabled' });
}

test.use({ colorScheme: 'light' });

test('a host beyond loopback and a CA regeneration both ask first, and Cancel changes nothing', async ({ page, e2e }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(e2e.url);
  // The token leaves the address bar once the console has it.
  await expect(page).not.toHaveURL(/token=/);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();

  const listener = page.getByRole('region', { name: 'Listener' });
  await expect(listener).toContainText(e2e.listener);
  const host = listener.getByLabel('Host');
  await host.fill('0.0.0.0');
  await listener.getByRole('button', { name: 'Apply and restart' }).click();
  const remote = page.getByRole('dialog', { name: 'Listen beyond this machine?' });
  await expect(remote).toBeVisible();
  await expect(remote).toContainText('other machines');
  await shot(page, 'settings-remote-confirm');
  await remote.getByRole('button', { name: 'Cancel' }).click();
  await expect(remote).toBeHidden();
  await expect(listener).toContainText(e2e.listener);
  await expect(page.getByRole('contentinfo', { name: 'Status' })).not.toContainText('Reachable from other machines');
  await host.fill('127.0.0.1');

  const ca = page.getByRole('region', { name: 'Certificate authority' });
  await ca.scrollIntoViewIfNeeded();
  const fingerprint = await ca.locator('dd.break').innerText();
  await ca.getByRole('button', { name: 'Regenerate CA…' }).click();
  const regenerate = page.getByRole('dialog', { name: 'Regenerate the certificate authority?' });
  await expect(regenerate).toContainText('must trust the new one');
  await shot(page, 'settings-ca-regenerate-confirm');
  await regenerate.getByRole('button', { name: 'Cancel' }).click();
  await expect(ca.locator('dd.break')).toHaveText(fingerprint);
  expect(errors).toEqual([]);
});
