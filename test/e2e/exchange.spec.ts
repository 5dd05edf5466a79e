// Export and import in the console (docs/exchange.md): import by the menu and by dropping
// a file on the window, with the report of what was imported and what problems were
// found; export from the workflow list, from the run history and a collection, each
// saved as a download whose content the real consumer accepts.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { REAL_WORKFLOWS_DIR, REAL_WORKFLOWS_PRESENT } from '../helpers/real-workflows.ts';
import { expect, test } from './fixtures.ts';

test.describe.configure({ mode: 'serial' });
test.use({ colorScheme: 'light' });

const harValidator = createRequire(import.meta.url)('har-validator') as { har(data: unknown): Promise<unknown> };

function view(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name });
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const waiting = page.waitForEvent('download');
  await click();
  const file = await waiting;
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path!, 'utf8') };
}

const POSTMAN = {
  info: { name: 'Partner calls', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  item: [
    { name: 'Create account', request: { method: 'POST', url: '{{baseUrl}}/api/account/triggers/When_a_HTTP_request_is_received/invoke?api-version=2022-05-01&sp=%2Ftriggers%2FWhen_a_HTTP_request_is_received%2Frun&sv=1.0&sig={{sig_account}}', header: [{ key: 'Content-Type', value: 'application/json' }], body: { mode: 'raw', raw: '{"account":{"name":"Contoso","ID":"1"}}', options: { raw: { language: 'json' } } } } },
    { name: 'Legacy login', request: { method: 'GET', url: 'https://example.test/login', auth: { type: 'basic' } } },
  ],
  variable: [{ key: 'baseUrl', value: 'https://127.0.0.1:7071' }, { key: 'sig_account', value: 'abc' }],
};

test('imports an ARM template from the menu and shows what it brought and what it could not', async ({ page, e2e }) => {
  test.skip(!REAL_WORKFLOWS_PRESENT, 'the shared real-workflows folder is absent');
  await page.goto(e2e.url);
  await page.getByTestId('import-input').setInputFiles(join(REAL_WORKFLOWS_DIR, 'Azure__azure-quickstart-templates__logicapps-jobscheduler.json'));
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report).toBeVisible();
  await expect(report.getByRole('status')).toContainText('Imported');
  await expect(report).toContainText('CreateTimerJob/workflow.json');
  await expect(report).toContainText('DuplicateWorkflowInTemplate');
  await expect(report).toContainText('ArmExpressionInWorkflow');
  await page.screenshot({ path: 'test-results/exchange-import-report.png' });
  await report.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('navigation', { name: 'Workflows' }).getByRole('button', { name: /^TimerJob/ })).toBeVisible();
});

test('imports a Postman collection dropped on the window', async ({ page, e2e }) => {
  await page.goto(e2e.url);
  await expect(page.getByRole('navigation', { name: 'Workflows' })).toBeVisible();
  const text = JSON.stringify(POSTMAN);
  const transfer = await page.evaluateHandle((content) => {
    const data = new DataTransfer();
    data.items.add(new File([content], 'partner.postman_collection.json', { type: 'application/json' }));
    return data;
  }, text);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer });
  await expect(page.getByText('Drop to import')).toBeVisible();
  await page.screenshot({ path: 'test-results/exchange-drop.png' });
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report).toContainText('Postman collection');
  await expect(report).toContainText('Create account');
  await expect(report).toContainText('UnsupportedPostmanAuth');
  await report.getByRole('button', { name: 'Done' }).click();
});

test('exports workflows from the workflow list as an ARM template', async ({ page, e2e }) => {
  await page.goto(e2e.url);
  await page.getByRole('navigation', { name: 'Workflows' }).getByRole('button', { name: 'Export workflows' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export workflows' });
  await dialog.getByRole('radio', { name: 'ARM template' }).check({ force: true });
  await dialog.getByRole('checkbox', { name: 'secured' }).check();
  await page.screenshot({ path: 'test-results/exchange-export-workflows.png' });
  const file = await download(page, () => dialog.getByRole('button', { name: 'Export' }).click());
  expect(file.name).toBe('template.json');
  const template = JSON.parse(file.text) as { resources: { type: string; properties: { accessControl?: unknown } }[]; outputs: Record<string, { value: string }> };
  expect(template.resources.map((r) => r.type)).toEqual(['Microsoft.Logic/workflows']);
  expect(template.resources[0]!.properties.accessControl).toBeTruthy();
  expect(template.outputs.callbackUrl!.value).toContain('listCallbackURL(');
});

test('exports runs from the run history as HAR that har-validator accepts', async ({ page, e2e }) => {
  await page.goto(e2e.url);
  // A call, so there is a run to export.
  await page.getByRole('navigation', { name: 'Workflows' }).getByRole('button', { name: /^account POST/ }).click();
  await page.getByRole('button', { name: 'Open in Composer' }).click();
  await page.getByRole('button', { name: /^Send/ }).first().click();
  await view(page, 'Run history').click();
  await expect(page.locator('.runs-count')).toContainText(/[1-9]\d* runs?/);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export runs' });
  await dialog.getByRole('radio', { name: 'HAR' }).check({ force: true });
  const file = await download(page, () => dialog.getByRole('button', { name: 'Export' }).click());
  expect(file.name).toBe('runs.har');
  const har = JSON.parse(file.text) as { log: { entries: { request: { url: string } }[] } };
  await expect(harValidator.har(har)).resolves.toBeTruthy();
  expect(har.log.entries.length).toBeGreaterThan(0);
  expect(file.text).not.toMatch(/sig=[A-Za-z0-9_-]{20}/);
});

test('exports the imported collection as Postman v2.1', async ({ page, e2e }) => {
  await page.goto(e2e.url);
  await page.getByRole('button', { name: 'Export collection…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export a collection' });
  await dialog.getByRole('combobox', { name: 'Collection' }).selectOption('Partner calls');
  const file = await download(page, () => dialog.getByRole('button', { name: 'Export' }).click());
  expect(file.name).toBe('Partner calls.postman_collection.json');
  const collection = JSON.parse(file.text) as { info: { schema: string }; item: { name: string; request: { url: { query?: { key: string; value: string }[] } } }[] };
  expect(collection.info.schema).toContain('v2.1.0');
  const create = collection.item.find((i) => i.name === 'Create account')!;
  expect(create.request.url.query!.find((q) => q.key === 'sig')!.value).toBe('{{sig_account}}');
});
