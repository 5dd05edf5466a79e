// The README's walkthrough, as a new user does it in the console (through the loopback web
// host, in Debian's Chromium): create a workflow from the sample payload, save, call it
// with SAS, then call the Bearer-protected sample workflow without and with a token, and
// find the runs with their action details. Screenshots of each main view land in
// test/e2e/screenshots/ (light, plus the composer in dark).
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const SHOTS = join(import.meta.dirname, 'screenshots');
const SAMPLE_PAYLOAD = join(import.meta.dirname, '..', '..', 'resources', 'sample-workspace', 'account', 'sample-payload.json');
const NAME = 'account-intake';

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  // Let transient toasts leave the picture: they cover content in a still image.
  await page.locator('.toast').first().waitFor({ state: 'detached', timeout: 6000 }).catch(() => undefined);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), animations: 'disabled' });
}

function view(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name });
}

test.describe.configure({ mode: 'serial' });
test.use({ permissions: ['clipboard-read', 'clipboard-write'], colorScheme: 'light' });

test('the README’s walkthrough in the console: create, save, call with SAS and Bearer, read the runs', async ({ page, e2e }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const sample = await readFile(SAMPLE_PAYLOAD, 'utf8');

  await test.step('open the console on the sample workspace', async () => {
    await page.goto(e2e.url);
    const sidebar = page.getByRole('navigation', { name: 'Workflows' });
    await expect(sidebar.getByRole('button', { name: /^secured/ })).toBeVisible();
    await expect(page.getByText('Open or create a workflow')).toBeVisible();
    await expect(page.locator('.statusbar')).toContainText(e2e.listener);
  });

  await test.step('create a workflow from the README’s sample payload', async () => {
    await page.getByRole('button', { name: 'New workflow' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New workflow' });
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(NAME);
    await dialog.getByRole('textbox', { name: 'Sample payload' }).fill(sample);
    await dialog.getByRole('button', { name: 'Create workflow' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
    // "Use sample payload to generate schema" made the trigger's schema.
    await expect(page.getByRole('textbox', { name: 'Request body JSON schema' })).toContainText('"address"');
    await expect(page.locator('.view-title')).toContainText('Callable');
  });

  await test.step('turn schema validation on and save', async () => {
    await page.getByRole('switch', { name: 'Schema validation' }).check();
    await expect(page.getByText('Unsaved changes')).toBeVisible();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Unsaved changes')).toBeHidden();
    const onDisk = JSON.parse(await readFile(join(e2e.workspace, NAME, 'workflow.json'), 'utf8')) as { definition: { triggers: Record<string, { operationOptions?: string }> } };
    expect(Object.values(onDisk.definition.triggers)[0]?.operationOptions).toBe('EnableSchemaValidation');
  });

  await test.step('copy the callback URL', async () => {
    await page.getByRole('button', { name: 'Copy URL' }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(new RegExp(`^${e2e.listener}/api/${NAME}/triggers/[^/]+/invoke\\?.*sig=`));
    await shot(page, '1-workflows');
  });

  await test.step('send with SAS: the Response arrives with its headers and body', async () => {
    await page.getByRole('button', { name: 'Open in Composer' }).click();
    await expect(page.getByRole('textbox', { name: 'Request URL' })).toHaveValue(/sig=/);
    await page.getByRole('textbox', { name: 'Request body' }).fill(sample);
    await expect(page.getByText(`Matches the schema of ${NAME}`)).toBeVisible();
    await page.keyboard.press('Control+Enter');
    const summary = page.getByLabel('Response summary');
    await expect(summary).toContainText('200 OK');
    await expect(summary).toContainText('TLSv1.2');
    await expect(page.getByRole('tree', { name: 'Response body' })).toContainText('"Contoso"');
    await page.getByRole('tab', { name: /^Headers/ }).last().click();
    const headers = page.getByRole('table', { name: 'Response headers' });
    await expect(headers).toContainText(/content-type\s*application\/json/i);
    await expect(headers).toContainText('x-ms-workflow-run-id');
    await page.getByRole('tab', { name: 'Timing' }).click();
    await expect(page.getByRole('table', { name: 'Timing breakdown' })).toContainText('TLS handshake');
    await page.getByRole('tab', { name: 'Body' }).last().click();
    await shot(page, '2-composer-sas');
  });

  await test.step('switch to Bearer without a token: 401', async () => {
    await page.getByLabel('Target workflow (fills in its callback URL)').selectOption('secured');
    await page.getByRole('radio', { name: 'Bearer' }).check();
    await expect(page.getByRole('textbox', { name: 'Request URL' })).not.toHaveValue(/sig=/);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByLabel('Response summary')).toContainText('401');
    await expect(page.getByRole('tree', { name: 'Response body' })).toContainText('DirectApiAuthorizationRequired');
  });

  await test.step('mint a token for the workflow’s policy: 200', async () => {
    await page.getByRole('tab', { name: /^Auth/ }).click();
    // The policy's aud is prefilled; the local issuer signs the token.
    await expect(page.getByLabel('Audience (aud)')).toHaveValue('api://triggerbench-sample');
    await page.getByRole('button', { name: 'Mint token' }).click();
    await expect(page.getByRole('tree', { name: 'Token claims' })).toContainText('api://triggerbench-sample');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByLabel('Response summary')).toContainText('200 OK');
    await expect(page.getByRole('tree', { name: 'Response body' })).toContainText('You are in.');
    await shot(page, '3-composer-bearer');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, '3-composer-bearer-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  await test.step('find both runs in the history with their action details', async () => {
    await view(page, 'Run history').click();
    const list = page.getByRole('listbox', { name: 'Runs, newest first' });
    const sasRun = list.getByRole('option').filter({ hasText: NAME }).first();
    await expect(sasRun).toContainText('200');
    await expect(list.getByRole('option').filter({ hasText: 'secured' }).filter({ hasText: '401' }).first()).toContainText('DirectApiAuthorizationRequired');
    await sasRun.click();
    const detail = page.getByLabel(/^Run \d+CU\d+$/);
    await expect(detail.getByRole('heading', { name: NAME })).toBeVisible();
    await expect(detail.getByRole('tree', { name: 'Trigger outputs' })).toContainText('account');
    await detail.getByRole('button', { name: /Response/ }).first().click();
    await expect(detail.getByRole('tree', { name: 'Response inputs' })).toContainText('statusCode');
    await expect(detail.getByRole('tree', { name: 'Response outputs' })).toContainText('200');
    await expect(detail).toContainText('SAS · primary key');
    await shot(page, '4-history-sas-run');

    await list.getByRole('option').filter({ hasText: 'secured' }).filter({ hasText: '200' }).first().click();
    await expect(detail.getByRole('heading', { name: 'secured' })).toBeVisible();
    await expect(detail).toContainText('Bearer · policy triggerbench-sample');
    await shot(page, '5-history-bearer-run');
  });

  await test.step('settings show the listener, CA and issuer', async () => {
    await view(page, 'Settings').click();
    await expect(page.getByRole('region', { name: 'Listener' })).toContainText(e2e.listener);
    await expect(page.getByRole('region', { name: 'Certificate authority' })).toContainText('SHA-256 fingerprint');
    await shot(page, '6-settings');
    const issuer = page.getByRole('region', { name: 'Local token issuer' });
    await issuer.scrollIntoViewIfNeeded();
    await expect(issuer).toContainText('https://sts.windows.net/');
    await shot(page, '7-settings-keys-issuer');
  });

  expect(errors).toEqual([]);
});
