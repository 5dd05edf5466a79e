// The run detail's iteration picker in Debian's Chromium through the loopback web host:
// a Foreach whose second iteration fails is called from the composer, then each
// iteration's actions are read in the run history, as in Azure's run view.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const SHOTS = join(import.meta.dirname, 'screenshots');
const NAME = 'loop-iterations';

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await page.locator('.toast').first().waitFor({ state: 'detached', timeout: 6000 }).catch(() => undefined);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), animations: 'disabled' });
}

const DEFINITION = {
  $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
  contentVersion: '1.0.0.0',
  triggers: { manual: { type: 'Request', kind: 'Http', inputs: { method: 'POST' } } },
  actions: {
    For_each: {
      type: 'Foreach',
      foreach: '@triggerBody()',
      runtimeConfiguration: { concurrency: { repetitions: 1 } },
      actions: { Share: { type: 'Compose', inputs: '@div(100, item())', runAfter: {} } },
      runAfter: {},
    },
    Response: { type: 'Response', kind: 'Http', inputs: { statusCode: 200, body: "@actions('For_each')?['status']" }, runAfter: { For_each: ['Succeeded', 'Failed'] } },
  },
  outputs: {},
};

test.use({ colorScheme: 'light' });

test('the iteration picker shows each Foreach iteration’s actions, and jumps to the failed one', async ({ page, e2e }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await mkdir(join(e2e.workspace, NAME), { recursive: true });
  await writeFile(join(e2e.workspace, NAME, 'workflow.json'), JSON.stringify({ definition: DEFINITION, kind: 'Stateful' }, null, 2));
  await page.goto(e2e.url);
  const item = page.getByRole('navigation', { name: 'Workflows' }).getByRole('button', { name: new RegExp(`^${NAME}\\b`) });
  await expect(item).toBeVisible();
  await item.click();

  await test.step('call it with three items, the second of which fails', async () => {
    await page.getByRole('button', { name: 'Open in Composer' }).click();
    await page.getByRole('textbox', { name: 'Request body' }).fill('[5, 0, 20]');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByLabel('Response summary')).toContainText('200 OK');
  });

  await test.step('read each iteration in the run detail', async () => {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Run history' }).click();
    await page.getByRole('listbox', { name: 'Runs, newest first' }).getByRole('option').filter({ hasText: NAME }).first().click();
    const detail = page.getByLabel(/^Run \d+CU\d+$/);
    const picker = detail.getByRole('combobox', { name: 'Action list: iteration of For_each' });
    // The run graph's picker for the same loop follows the same selection.
    const graphPicker = detail.getByRole('combobox', { name: 'Iteration of For_each', exact: true });
    await expect(picker).toHaveValue('0');
    await expect(detail.getByRole('group', { name: 'Iterations of For_each' })).toContainText('of 3');
    // Iteration 1: 100 / 5 (a succeeded action's card opens on click).
    const share = detail.locator('.action-card').filter({ hasText: 'Share' });
    await share.getByRole('button', { name: /Share/ }).click();
    await expect(share.locator('.io-grid')).toContainText('20');
    // Jump to the failed iteration: its Share failed dividing by zero.
    await detail.getByRole('button', { name: 'Next failed (1)' }).click();
    await expect(picker).toHaveValue('1');
    await expect(graphPicker).toHaveValue('1');
    // A failed action's card opens by itself, with its error.
    await expect(share.getByRole('button', { name: /Share/ })).toContainText('Failed');
    await expect(share).toContainText('InvalidTemplate');
    await shot(page, 'run-detail-iteration-failed');
    // Next: iteration 3, 100 / 20.
    await detail.getByRole('button', { name: 'Next iteration' }).click();
    await expect(picker).toHaveValue('2');
    await share.getByRole('button', { name: /Share/ }).click();
    await expect(share.locator('.io-grid')).toContainText('5');
    await expect(picker.locator('option')).toHaveText(['1', '2 · Failed', '3']);
  });

  expect(errors).toEqual([]);
});
