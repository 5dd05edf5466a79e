// A day of requests without leaving the console: tabs that survive a reload, saved
// requests as files in the workspace, environments with {{variables}} (secrets kept out
// of the workspace), the sent-request history, and a remembered theme.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

test.describe.configure({ mode: 'serial' });
test.use({ colorScheme: 'light' });

function view(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name });
}
const tabs = (page: Page) => page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab');

async function composeAccount(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Workflows' }).getByRole('button', { name: /^account/ }).click();
  await page.getByRole('button', { name: 'Open in Composer' }).click();
  await expect(page.getByRole('textbox', { name: 'Request URL' })).toHaveValue(/sig=/);
}

test('tabs keep their own request, and come back after a reload', async ({ page, e2e }) => {
  await page.goto(e2e.url);
  await composeAccount(page);
  await page.getByRole('textbox', { name: 'Request body' }).fill('{"account":{"name":"tab-one"}}');
  const open = await tabs(page).count();
  await page.getByRole('button', { name: 'New request tab' }).click();
  await expect(tabs(page)).toHaveCount(open + 1);
  await expect(page.getByRole('textbox', { name: 'Request URL' })).toHaveValue('');
  await page.getByRole('textbox', { name: 'Request URL' }).fill('https://127.0.0.1:1/second-tab');
  await tabs(page).nth(open - 1).click();
  await expect(page.getByRole('textbox', { name: 'Request body' })).toContainText('tab-one');
  // Written to the data folder shortly after each edit: wait for it, then reload.
  await expect.poll(async () => (await readFile(join(e2e.dataDir, 'console-state.json'), 'utf8').catch(() => '')).includes('second-tab')).toBe(true);
  await page.reload();
  await view(page, 'Composer').click();
  await expect(tabs(page)).toHaveCount(open + 1);
  await expect(tabs(page).nth(open - 1)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('textbox', { name: 'Request body' })).toContainText('tab-one');
  await tabs(page).nth(open).click();
  await expect(page.getByRole('textbox', { name: 'Request URL' })).toHaveValue('https://127.0.0.1:1/second-tab');
  await page.getByRole('button', { name: /^Close / }).nth(open).click();
  await expect(tabs(page)).toHaveCount(open);
});

test('a saved request is one readable file in the workspace, without the signature, and opens with a working URL', async ({ page, e2e }) => {
  await page.goto(e2e.url);
  await composeAccount(page);
  await page.getByRole('textbox', { name: 'Request body' }).fill('{"account":{"name":"saved-one","ID":"7"}}');
  await page.getByRole('button', { name: 'Save', exact: true }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Save request' });
  await dialog.getByRole('combobox', { name: 'Collection' }).fill('Accounts');
  await dialog.getByRole('textbox', { name: 'Request name' }).fill('Create account');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeHidden();
  const folder = join(e2e.workspace, '.triggerbench', 'collections', 'Accounts');
  expect(await readdir(folder)).toEqual(['create-account.request.json']);
  const text = await readFile(join(folder, 'create-account.request.json'), 'utf8');
  expect(text).not.toMatch(/sig=/);
  expect(JSON.parse(text)).toMatchObject({ name: 'Create account', method: 'POST', target: { workflow: 'account' }, body: { mode: 'json', text: '{"account":{"name":"saved-one","ID":"7"}}' }, auth: { type: 'sas' } });
  await page.getByRole('complementary', { name: 'Saved requests and history' }).getByRole('button', { name: /^POST Create account/ }).click();
  await expect(tabs(page).last()).toHaveText('Create account');
  await expect(page.getByRole('textbox', { name: 'Request URL' })).toHaveValue(/sig=/);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Response summary')).toContainText('200 OK');
});

test('environment variables fill {{names}} at send time; a secret value stays out of the workspace', async ({ page, e2e }) => {
  await page.goto(e2e.url);
  await composeAccount(page);
  await page.getByRole('button', { name: 'Environments…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Environments' });
  await dialog.getByRole('textbox', { name: 'Environment name' }).fill('Local');
  await dialog.getByRole('textbox', { name: 'Name of variable 1' }).fill('customer');
  await dialog.getByRole('textbox', { name: 'Value of customer' }).fill('Contoso-from-env');
  await dialog.getByRole('button', { name: 'Add variable' }).click();
  await dialog.getByRole('textbox', { name: 'Name of variable 2' }).fill('apiSecret');
  await dialog.getByRole('textbox', { name: 'Value of apiSecret' }).fill('s3cr3t-value');
  await dialog.getByRole('checkbox', { name: 'apiSecret is secret' }).check();
  await dialog.getByRole('button', { name: 'Save environment' }).click();
  await expect(dialog.getByRole('list', { name: 'Environments' }).getByRole('button', { name: 'Local', exact: true })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  const envFile = await readFile(join(e2e.workspace, '.triggerbench', 'environments', 'Local.environment.json'), 'utf8');
  expect(envFile).toContain('apiSecret');
  expect(envFile).not.toContain('s3cr3t-value');
  expect(await readFile(join(e2e.dataDir, 'environment-secrets.json'), 'utf8')).toContain('s3cr3t-value');
  await expect(page.getByRole('combobox', { name: /^Environment/ })).toHaveValue('Local');
  await page.getByRole('textbox', { name: 'Request body' }).fill('{"account":{"name":"{{customer}}","ID":"{{apiSecret}}"}}');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Response summary')).toContainText('200 OK');
  await expect(page.getByRole('tree', { name: 'Response body' })).toContainText('Contoso-from-env');
  await page.getByRole('textbox', { name: 'Request body' }).fill('{"account":{"name":"{{nobody}}"}}');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByText('{{nobody}} has no value in the environment Local')).toBeVisible();
});

test('sent requests are searchable, by header value too, and open in a new tab', async ({ page, e2e }) => {
  await page.goto(e2e.url);
  await composeAccount(page);
  await page.getByRole('textbox', { name: 'Request body' }).fill('{"account":{"name":"plain"}}');
  await page.getByRole('tab', { name: 'Headers' }).click();
  await page.getByPlaceholder('Add header').fill('X-Id');
  await page.getByRole('textbox', { name: 'Request headers: value of X-Id' }).fill('findable-header-7');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Response summary')).toContainText('200 OK');
  const library = page.getByRole('complementary', { name: 'Saved requests and history' });
  await library.getByRole('radio', { name: 'History' }).check();
  await library.getByRole('searchbox', { name: 'Search sent requests' }).fill('findable-header-7');
  const found = library.getByRole('list', { name: 'Sent requests, newest first' }).getByRole('button');
  await expect(found).toHaveCount(1);
  const before = await tabs(page).count();
  await found.click();
  await expect(tabs(page)).toHaveCount(before + 1);
  await page.getByRole('tab', { name: 'Headers' }).click();
  await expect(page.getByRole('textbox', { name: 'Request headers: value of X-Id' })).toHaveValue('findable-header-7');
});

test('the theme choice is remembered across a reload', async ({ page, e2e }) => {
  await page.goto(e2e.url);
  await view(page, 'Settings').click();
  await page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(async () => (await readFile(join(e2e.dataDir, 'console-state.json'), 'utf8')).includes('"theme":"dark"')).toBe(true);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: 'System' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});
