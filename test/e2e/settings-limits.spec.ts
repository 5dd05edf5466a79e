// Settings → Limits: the global bounds of docs/runtime.md (runs in flight, buffered body
// bytes, what a run record keeps of each value) are shown with their documented defaults,
// each field says what is wrong as it is typed, and a saved change reaches settings.json
// and survives a reload. The test puts the defaults back for the suites after it.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const SHOTS = join(import.meta.dirname, 'screenshots');

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), animations: 'disabled' });
}

async function openLimits(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  const card = page.getByRole('region', { name: 'Limits' });
  await card.scrollIntoViewIfNeeded();
  return card;
}

test.use({ colorScheme: 'light' });

test('the limits form shows the defaults, checks each field as typed, and saves to settings.json', async ({ page, e2e }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const card = await openLimits(page, e2e.url);
  const runs = card.getByRole('textbox', { name: 'Runs in flight (runs)' });
  const buffered = card.getByRole('textbox', { name: 'Request bodies held in flight (MiB)' });
  const kept = card.getByRole('textbox', { name: 'Kept of each value in a run record (KiB)' });
  await expect(runs).toHaveValue('1000');
  await expect(buffered).toHaveValue('256');
  await expect(kept).toHaveValue('1024');
  await expect(card).toContainText('Default: 1,000 runs');
  await expect(card).toContainText('Default: 256 MiB');
  await expect(card).toContainText('Default: 1,024 KiB');
  const save = card.getByRole('button', { name: 'Save limits' });
  await expect(save).toBeDisabled(); // nothing changed yet

  // Validation at the field, as typed: the message sits under the field and names the range.
  await runs.fill('0');
  await expect(runs).toHaveAttribute('aria-invalid', 'true');
  await expect(runs).toHaveAccessibleDescription(/Must be from 1 to 1,000,000 runs/);
  await kept.fill('1.5');
  await expect(kept).toHaveAccessibleDescription(/Enter a whole number of KiB, from 1 to 102,400 KiB/);
  await buffered.fill('');
  await expect(buffered).toHaveAccessibleDescription(/default is 256 MiB/);
  await expect(save).toBeDisabled();
  await shot(page, 'settings-limits-invalid');

  await runs.fill('40');
  await buffered.fill('64');
  await kept.fill('512');
  await expect(runs).not.toHaveAttribute('aria-invalid', 'true');
  await expect(save).toBeEnabled();
  await save.click();
  await expect(page.getByText('Limits saved.')).toBeVisible();
  const stored = JSON.parse(await readFile(join(e2e.dataDir, 'settings.json'), 'utf8')) as { limits: unknown };
  expect(stored.limits).toEqual({ maxRunsInFlight: 40, maxBufferedBodyBytes: 64 * 1024 * 1024, recordValueBytes: 512 * 1024 });
  await shot(page, 'settings-limits-saved');

  // The saved values are what the form shows after a reload.
  const again = await openLimits(page, e2e.url);
  await expect(again.getByRole('textbox', { name: 'Runs in flight (runs)' })).toHaveValue('40');
  await expect(again.getByRole('textbox', { name: 'Kept of each value in a run record (KiB)' })).toHaveValue('512');

  // Back to the documented defaults, for the suites that follow.
  await again.getByRole('button', { name: 'Reset to defaults' }).click();
  await expect(again.getByRole('textbox', { name: 'Request bodies held in flight (MiB)' })).toHaveValue('256');
  await again.getByRole('button', { name: 'Save limits' }).click();
  await expect.poll(async () => (JSON.parse(await readFile(join(e2e.dataDir, 'settings.json'), 'utf8')) as { limits: unknown }).limits).toEqual({ maxRunsInFlight: 1000, maxBufferedBodyBytes: 256 * 1024 * 1024, recordValueBytes: 1024 * 1024 });
  expect(errors).toEqual([]);
});
