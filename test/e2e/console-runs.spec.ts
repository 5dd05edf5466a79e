// Run history as a daily tool: a time range, search by header value, a run's request as
// curl or in the composer, and the run a Resubmit created one click away.
import type { Page } from '@playwright/test';
import { openRunHistory } from '../../src-main/history/history.ts';
import { fullRun, runId } from '../history/fixtures/run-record.ts';
import { expect, test } from './fixtures.ts';

test.describe.configure({ mode: 'serial' });
test.use({ colorScheme: 'light', permissions: ['clipboard-read', 'clipboard-write'] });

function view(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name });
}

async function sendWithHeader(page: Page, value: string): Promise<void> {
  await view(page, 'Workflows').click();
  await page.getByRole('navigation', { name: 'Workflows' }).getByRole('button', { name: /^text-echo/ }).click();
  await page.getByRole('button', { name: 'Open in Composer' }).click();
  await page.getByRole('tab', { name: 'Headers' }).click();
  await page.getByPlaceholder('Add header').fill('X-Id');
  await page.getByRole('textbox', { name: 'Request headers: value of X-Id' }).fill(value);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Response summary')).toContainText('200');
}

test('search finds a run by a header value; the time filter hides older runs', async ({ page, e2e }) => {
  const other = openRunHistory(e2e.dataDir, { otherWritersPollMs: 0 });
  try {
    other.record(fullRun({ id: runId(), workflow: 'ancient-run', startTime: '2001-02-03T04:05:06.000Z' }));
    other.flush();
  } finally {
    other.close();
  }
  await page.goto(e2e.url);
  await sendWithHeader(page, 'hdr-needle-31337');
  await view(page, 'Run history').click();
  const list = page.getByRole('listbox', { name: 'Runs, newest first' });
  await page.getByRole('searchbox', { name: 'Search runs' }).fill('hdr-needle-31337');
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option')).toContainText('text-echo');
  await page.getByRole('searchbox', { name: 'Search runs' }).fill('ancient-run');
  await expect(list.getByRole('option')).toHaveCount(1);
  await page.getByRole('combobox', { name: 'Filter by time' }).selectOption('1h');
  await expect(list.getByRole('option')).toHaveCount(0);
  await expect(page.getByText('0 runs match')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search runs' }).fill('hdr-needle-31337');
  await expect(list.getByRole('option')).toHaveCount(1);
  await page.getByRole('combobox', { name: 'Filter by time' }).selectOption('');
});

test('a run’s request: copy as curl, open in a composer tab, and the resubmitted run one click away', async ({ page, e2e }) => {
  await page.goto(e2e.url);
  await sendWithHeader(page, 'hdr-for-curl');
  await view(page, 'Run history').click();
  await page.getByRole('searchbox', { name: 'Search runs' }).fill('hdr-for-curl');
  const list = page.getByRole('listbox', { name: 'Runs, newest first' });
  await expect(list.getByRole('option')).toHaveCount(1);
  await list.getByRole('option').click();
  await page.getByRole('button', { name: 'Copy as curl' }).click();
  // The copy is done once the console says so (it first asks the core for the freshly signed request).
  await expect(page.getByRole('status')).toContainText('copied as a curl command');
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  expect(curl).toMatch(/^curl /);
  expect(curl).toContain('--cacert');
  expect(curl).toContain('hdr-for-curl');
  expect(curl).toMatch(/sig=/);
  await page.getByRole('button', { name: 'Resubmit' }).click();
  const notice = page.getByRole('status').filter({ hasText: 'Resubmitted' });
  await expect(notice).toContainText(/as run \d+CU\d+/);
  const newId = (await notice.locator('.mono').textContent())!;
  await notice.getByRole('button', { name: 'Open the new run' }).click();
  await expect(page.locator(`.run-detail[aria-label="Run ${newId}"]`)).toBeVisible();
  await page.getByRole('button', { name: 'Open in composer' }).click();
  await expect(view(page, 'Composer')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('textbox', { name: 'Request URL' })).toHaveValue(/\/api\/text-echo\/.*sig=/);
  await page.getByRole('tab', { name: 'Headers' }).click();
  await expect(page.getByRole('textbox', { name: 'Request headers: value of X-Id' })).toHaveValue('hdr-for-curl');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Response summary')).toContainText('200');
});
