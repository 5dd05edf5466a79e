// The console's smaller daily-use bugs, each as a user meets it in Chromium.
import type { Page } from '@playwright/test';
import { openRunHistory } from '../../src-main/history/history.ts';
import { fullRun, runId } from '../history/fixtures/run-record.ts';
import { expect, test } from './fixtures.ts';

test.describe.configure({ mode: 'serial' });
test.use({ colorScheme: 'light' });

function view(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name });
}
const sidebarItem = (page: Page, name: string) => page.getByRole('navigation', { name: 'Workflows' }).getByRole('button', { name: new RegExp(`^${name}`) });

test('End in the run list selects the last run, even when its page was not loaded', async ({ page, e2e }) => {
  const other = openRunHistory(e2e.dataDir, { otherWritersPollMs: 0 });
  try {
    // Older than anything else, so they are the end of the list; more than two pages.
    for (let i = 0; i < 260; i += 1) other.record(fullRun({ id: runId(), workflow: i === 0 ? 'the-oldest-run' : 'bulk', startTime: new Date(Date.UTC(2001, 0, 1, 0, 0, 0, 0) + (i === 0 ? 0 : 1000 + i)).toISOString() }));
    other.flush();
  } finally {
    other.close();
  }
  await page.goto(e2e.url);
  await view(page, 'Run history').click();
  const list = page.getByRole('listbox', { name: 'Runs, newest first' });
  await list.focus();
  await page.keyboard.press('End');
  const selected = list.getByRole('option', { selected: true });
  await expect(selected).toContainText('the-oldest-run');
  const active = await list.getAttribute('aria-activedescendant');
  expect(active).toBeTruthy();
  await expect(page.locator(`[id="${active}"]`)).toHaveCount(1);
});

test('the JSON tree keeps a key on the first line of a value that wraps', async ({ page, e2e }) => {
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto(e2e.url);
  await sidebarItem(page, 'account').click();
  await page.getByRole('button', { name: 'Open in Composer' }).click();
  await page.getByRole('textbox', { name: 'Request body' }).fill(JSON.stringify({ account: { name: 'Contoso '.repeat(60), ID: '1' } }));
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Response summary')).toContainText('200 OK');
  const line = page.getByRole('tree', { name: 'Response body' }).locator('.jt-line', { has: page.locator('.jt-key', { hasText: /^name$/ }) });
  const key = await line.locator('.jt-key').boundingBox();
  const value = await line.locator('.jt-string').boundingBox();
  expect(value!.height).toBeGreaterThan(key!.height * 2); // it does wrap
  expect(Math.abs(key!.y - value!.y)).toBeLessThan(3);
});

test('the sidebar highlights the composer’s target, and filters runs from Run history', async ({ page, e2e }) => {
  await page.goto(e2e.url);
  await sidebarItem(page, 'account').click();
  await expect(sidebarItem(page, 'account')).toHaveAttribute('aria-current', 'true');
  await view(page, 'Composer').click();
  await page.getByRole('combobox', { name: /Target workflow/ }).selectOption('secured');
  await expect(sidebarItem(page, 'secured')).toHaveAttribute('aria-current', 'true');
  await expect(sidebarItem(page, 'account')).not.toHaveAttribute('aria-current', 'true');
  await view(page, 'Run history').click();
  await sidebarItem(page, 'text-echo').click();
  await expect(page.getByRole('combobox', { name: 'Filter by workflow' })).toHaveValue('text-echo');
  await expect(view(page, 'Run history')).toHaveAttribute('aria-current', 'page');
  await expect(sidebarItem(page, 'text-echo')).toHaveAttribute('aria-current', 'true');
});

test('the URL placeholder names the running listener, not 7071', async ({ page, e2e }) => {
  await page.goto(e2e.url);
  await view(page, 'Composer').click();
  await expect(page.getByRole('textbox', { name: 'Request URL' })).toHaveAttribute('placeholder', new RegExp(`^${e2e.listener.replace(/\./g, '\\.')}/api/`));
});

test('a refused run says its body was never read', async ({ page, e2e }) => {
  await page.goto(e2e.url);
  await sidebarItem(page, 'account').click();
  await page.getByRole('button', { name: 'Open in Composer' }).click();
  await page.getByRole('radiogroup', { name: 'Authentication' }).getByRole('radio', { name: 'None' }).check();
  await page.getByRole('textbox', { name: 'Request body' }).fill('{"account":{"name":"refused-body"}}');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Response summary')).toContainText('401');
  await view(page, 'Run history').click();
  await page.getByRole('listbox').getByRole('option').first().click();
  await page.getByText('Request as received').click();
  await expect(page.getByText(/Body not read.*refused before its body was read/)).toBeVisible();
});

test('New workflow focuses Name and flags a bad name as it is typed', async ({ page, e2e }) => {
  await page.goto(e2e.url);
  await page.getByRole('button', { name: 'New workflow' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New workflow' });
  const name = dialog.getByRole('textbox', { name: 'Name', exact: true });
  await expect(name).toBeFocused();
  await page.keyboard.type('bad name!');
  await expect(dialog.getByRole('alert')).toContainText("cannot be a workflow name");
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('button', { name: 'Create workflow' })).toBeDisabled();
  await name.fill('account');
  await expect(dialog.getByRole('alert')).toContainText('account');
  await name.fill('fresh-name');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
});
