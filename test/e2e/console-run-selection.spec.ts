// Export exactly the runs the user picks: runs are checked in the run list (the box on a
// row, Ctrl-click, Shift-click for a range, Space / Shift+arrows / Ctrl+A / Esc on the
// keyboard), the options say so through aria-checked, and the export dialog exports the
// checked runs, no more and no fewer, in any run format.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { openRunHistory } from '../../src-main/history/history.ts';
import { fullRun, runId } from '../history/fixtures/run-record.ts';
import { expect, test } from './fixtures.ts';

const SHOTS = join(import.meta.dirname, 'screenshots');

test.use({ colorScheme: 'light' });

async function exported(page: Page, format: string): Promise<{ name: string; text: string }> {
  const dialog = page.getByRole('dialog', { name: 'Export runs' });
  await dialog.getByRole('radio', { name: format }).check({ force: true });
  const waiting = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export' }).click();
  const file = await waiting;
  return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
}

test('runs checked by box, Ctrl-click, Shift-click and keyboard are exactly the runs exported', async ({ page, e2e }) => {
  // Five runs, newest first selrun-1 … selrun-5, found together by a header value.
  const ids: string[] = [];
  const other = openRunHistory(e2e.dataDir, { otherWritersPollMs: 0 });
  try {
    for (let n = 1; n <= 5; n += 1) {
      const id = runId();
      ids.push(id);
      const base = fullRun();
      other.record(fullRun({ id, workflow: `selrun-${n}`, startTime: new Date(Date.now() - n * 1000).toISOString(), request: { ...base.request, headers: { ...base.request.headers, 'x-batch': 'selbatch-4242' } } }));
    }
    other.flush();
  } finally {
    other.close();
  }
  await page.goto(e2e.url);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Run history' }).click();
  await page.getByRole('searchbox', { name: 'Search runs' }).fill('selbatch-4242');
  const list = page.getByRole('listbox', { name: 'Runs, newest first' });
  const rows = list.getByRole('option');
  await expect(rows).toHaveCount(5);
  const row = (n: number) => rows.filter({ hasText: `selrun-${n}` });

  // Opening a run does not check it; Space checks the open run.
  await row(1).click();
  await expect(row(1)).toHaveAttribute('aria-selected', 'true');
  await expect(list.getByRole('option', { checked: true })).toHaveCount(0);
  await list.press('Space');
  await expect(row(1)).toHaveAttribute('aria-checked', 'true');
  // Ctrl-click checks without opening; Shift-click checks the range from there.
  await row(3).click({ modifiers: ['Control'] });
  await expect(row(3)).toHaveAttribute('aria-checked', 'true');
  await expect(row(1)).toHaveAttribute('aria-selected', 'true');
  await row(5).click({ modifiers: ['Shift'] });
  await expect(list.getByRole('option', { checked: true })).toHaveCount(4);
  await expect(row(2)).toHaveAttribute('aria-checked', 'false');
  // The box on a row toggles it.
  await row(4).locator('.rl-check').click();
  await expect(row(4)).toHaveAttribute('aria-checked', 'false');
  await expect(page.getByRole('status').filter({ hasText: 'checked for export' })).toHaveText(/3 runs checked for export/);
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, 'console-runs-checked.png'), animations: 'disabled' });

  // Export: the checked runs are the default choice, and exactly they are written.
  await page.getByRole('button', { name: 'Export 3' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export runs' });
  await expect(dialog.getByRole('radio', { name: 'Checked runs (3)' })).toBeChecked();
  await page.screenshot({ path: join(SHOTS, 'console-runs-export-checked.png'), animations: 'disabled' });
  const ndjson = await exported(page, 'NDJSON');
  const lines = ndjson.text.trim().split('\n').map((line) => JSON.parse(line) as { id: string; workflow: string });
  expect(lines.map((r) => r.workflow).sort()).toEqual(['selrun-1', 'selrun-3', 'selrun-5']);
  expect(lines.map((r) => r.id).sort()).toEqual([ids[0], ids[2], ids[4]].sort());
  await expect(page.getByRole('dialog', { name: 'Export runs' })).toBeHidden(); // closes itself once saved

  // Keyboard only: Esc clears, Shift+ArrowDown checks the runs it passes, and HAR carries them.
  await list.focus();
  await list.press('Escape');
  await expect(list.getByRole('option', { checked: true })).toHaveCount(0);
  await row(2).click();
  await list.press('Shift+ArrowDown');
  await list.press('Shift+ArrowDown');
  await expect(list.getByRole('option', { checked: true })).toHaveCount(3);
  await expect(row(4)).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: 'Export 3' }).click();
  const har = JSON.parse((await exported(page, 'HAR')).text) as { log: { entries: { request: { headers: { name: string; value: string }[] } }[] } };
  expect(har.log.entries).toHaveLength(3);
  await expect(page.getByRole('dialog', { name: 'Export runs' })).toBeHidden();

  // Ctrl+A checks every run listed (here the five).
  await list.focus();
  await list.press('Control+a');
  await expect(list.getByRole('option', { checked: true })).toHaveCount(5);
  await page.getByRole('button', { name: 'Clear checks' }).click();
  await expect(list.getByRole('option', { checked: true })).toHaveCount(0);
});
