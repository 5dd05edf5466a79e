// Function completion and hover in the workflow editor, in Debian's Chromium through the
// loopback web host: typing a function name inside an expression offers the functions
// with their signature and description, and hovering a called function shows its help.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';

const SHOTS = join(import.meta.dirname, 'screenshots');

test('the Response body editor completes function names and shows their help on hover', async ({ page, e2e }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const definition = {
    $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
    contentVersion: '1.0.0.0',
    triggers: { manual: { type: 'Request', kind: 'Http', inputs: { method: 'POST' } } },
    actions: { Response: { type: 'Response', kind: 'Http', inputs: { statusCode: 200, body: '@triggerBody()' }, runAfter: {} } },
    outputs: {},
  };
  await mkdir(join(e2e.workspace, 'assist'), { recursive: true });
  await writeFile(join(e2e.workspace, 'assist', 'workflow.json'), JSON.stringify({ definition, kind: 'Stateful' }, null, 2));
  await page.goto(e2e.url);
  const item = page.getByRole('navigation', { name: 'Workflows' }).getByRole('button', { name: /^assist\b/ });
  await expect(item).toBeVisible();
  await item.click();

  const body = page.getByRole('textbox', { name: 'Response body' });
  await body.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('"@formatNum');
  const list = page.locator('.cm-tooltip-autocomplete');
  await expect(list).toBeVisible();
  await expect(list.getByRole('option', { name: /formatNumber/ })).toBeVisible();
  await expect(list).toContainText("formatNumber(number, format, locale?: 'en-US' | 'is-IS' | ...)");
  await expect(page.locator('.cm-completionInfo')).toContainText('Writes a number as text with a .NET numeric format');
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, 'expression-completion.png') });
  await page.keyboard.press('Enter');
  await page.keyboard.type("17.35, 'C2')\"");
  await expect(body).toContainText(`"@formatNumber(17.35, 'C2')"`);

  const name = body.getByText('formatNumber', { exact: false });
  const box = (await name.boundingBox())!;
  // Hover over the 'N' of formatNumber (the word starts two characters into the line).
  await page.mouse.move(box.x + 60, box.y + box.height / 2);
  const help = page.locator('.cm-expression-help');
  await expect(help).toBeVisible();
  await expect(help).toContainText("formatNumber(number, format, locale?: 'en-US' | 'is-IS' | ...)");
  await page.screenshot({ path: join(SHOTS, 'expression-hover.png') });

  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('"@substring(\'abc\')"');
  await expect(page.locator('.cm-lintRange-error').first()).toBeVisible();
  expect(errors).toEqual([]);
});
