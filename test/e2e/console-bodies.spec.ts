// Big bodies and the response viewer: a 5 MB request body stays editable (a lighter
// editor, said on screen), a response beyond 1 MiB arrives whole, search within it, save
// it, preview an image, and read the server certificate.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

test.describe.configure({ mode: 'serial' });
test.use({ colorScheme: 'light' });

async function compose(page: Page, workflow: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Workflows' }).getByRole('button', { name: new RegExp(`^${workflow}`) }).click();
  await page.getByRole('button', { name: 'Open in Composer' }).click();
  await expect(page.getByRole('textbox', { name: 'Request URL' })).toHaveValue(/sig=/);
}

const bigJson = () => JSON.stringify({ account: { name: 'Contoso', ID: '1' }, items: Array.from({ length: 65_000 }, (_, i) => ({ id: i, name: `item-${i}`, note: 'x'.repeat(40) })) });

test('a 5 MB body switches to a lighter editor, said on screen; Format shows the top; the response arrives whole', async ({ page, e2e }) => {
  test.setTimeout(120_000);
  await page.goto(e2e.url);
  await compose(page, 'account');
  const text = bigJson();
  expect(text.length).toBeGreaterThan(5_000_000);
  // Paste as a user would (one input event), rather than typing 5 MB.
  await page.getByRole('textbox', { name: 'Request body' }).focus();
  await page.keyboard.press('Control+A');
  await page.evaluate((value) => document.execCommand('insertText', false, value), text);
  await expect(page.getByText('Large body: plain editor')).toBeVisible();
  await expect(page.getByText('It is one very long line: Format breaks it into lines')).toBeVisible();
  const editor = page.locator('.cm-editor');
  // The lighter editor: no JSON highlighting and no wrapping.
  await expect(editor.locator('.cm-lineWrapping')).toHaveCount(0);
  await page.getByRole('button', { name: 'Format' }).click();
  await expect(page.getByText('It is one very long line')).toHaveCount(0);
  // Format shows the top of the formatted body, caret at the start.
  await expect(editor.locator('.cm-line').first()).toHaveText('{');
  expect(await page.evaluate(() => document.querySelector('.cm-scroller')!.scrollTop)).toBe(0);
  // Still editable: type at the start, then put it back.
  await page.getByRole('textbox', { name: 'Request body' }).press('Control+Home');
  await page.keyboard.type(' ');
  await expect(editor.locator('.cm-line').first()).toHaveText(' {');
  await page.keyboard.press('Backspace');
  await expect(editor.locator('.cm-line').first()).toHaveText('{');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Response summary')).toContainText('200 OK', { timeout: 60_000 });
  await expect(page.getByLabel('Response summary')).toContainText(/\d+(\.\d+)? MB/);
  await expect(page.getByText(/Only the first .* were kept/)).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Find in response body' }).fill('item-64999');
  await expect(page.getByText('1 of 1', { exact: true })).toBeVisible();
});

test('find in the response body, save it to a file, and read the server certificate', async ({ page, e2e }) => {
  await page.goto(e2e.url);
  await compose(page, 'account');
  await page.getByRole('textbox', { name: 'Request body' }).fill('{"account":{"name":"Contoso","ID":"Contoso-2"}}');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Response summary')).toContainText('200 OK');
  await page.getByRole('searchbox', { name: 'Find in response body' }).fill('contoso');
  await expect(page.getByText('1 of 2', { exact: true })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Find in response body' }).press('Enter');
  await expect(page.getByText('2 of 2', { exact: true })).toBeVisible();
  await expect(page.locator('mark.hit-active')).toHaveText('Contoso');
  const download = page.waitForEvent('download');
  await page.getByRole('region', { name: 'Response' }).getByRole('button', { name: 'Save' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('response-body.json');
  expect(JSON.parse(await readFile((await file.path())!, 'utf8'))).toEqual({ account: { name: 'Contoso', ID: 'Contoso-2' } });
  await page.getByRole('tab', { name: 'Certificate' }).click();
  const certificate = page.getByLabel('Server certificate');
  await expect(certificate).toContainText('IP Address:127.0.0.1');
  await expect(certificate).toContainText(/([0-9A-F]{2}:){31}[0-9A-F]{2}/);
  await expect(certificate.getByRole('listitem')).toHaveCount(2);
});

test('an image response is previewed', async ({ page, e2e }) => {
  // A 1x1 PNG, returned by a workflow through base64ToBinary.
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  await mkdir(join(e2e.workspace, 'image-reply'), { recursive: true });
  await writeFile(
    join(e2e.workspace, 'image-reply', 'workflow.json'),
    JSON.stringify({
      kind: 'Stateful',
      definition: {
        $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
        contentVersion: '1.0.0.0',
        triggers: { manual: { type: 'Request', kind: 'Http', inputs: { method: 'POST' } } },
        actions: { Response: { type: 'Response', kind: 'Http', inputs: { statusCode: 200, headers: { 'Content-Type': 'image/png' }, body: `@base64ToBinary('${png}')` }, runAfter: {} } },
      },
    }),
  );
  await page.goto(e2e.url);
  await compose(page, 'image-reply');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Response summary')).toContainText('200 OK');
  const image = page.getByRole('img', { name: /Response body \(image\/png/ });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(1);
});
