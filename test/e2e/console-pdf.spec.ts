// The response viewer previews a PDF: pdf.js draws each page to a canvas on the page's
// own thread (the console's CSP allows no frames, objects or workers of its own), with
// previous/next, a page number field and Page Up/Down. Colours sampled from the canvas
// prove which page is drawn.
import { mkdir, mkdtemp, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { buildPdf } from './pdf-fixture.ts';

const SHOTS = join(import.meta.dirname, 'screenshots');

test.use({ colorScheme: 'light' });

/** The colour at the middle of the drawn page, as [r, g, b]. */
function centreColour(canvas: Locator): Promise<number[]> {
  return canvas.evaluate((el: HTMLCanvasElement) => [...el.getContext('2d')!.getImageData(el.width / 2, el.height / 2, 1, 1).data.slice(0, 3)]);
}

/**
 * Adds a workflow folder to the workspace in one step (written aside, then renamed in), so
 * the workspace watcher sees the folder with its workflow.json already inside it.
 */
async function addWorkflow(workspace: string, name: string, definition: unknown): Promise<void> {
  const aside = join(await mkdtemp(join(tmpdir(), 'tb-pdf-')), name);
  await mkdir(aside);
  await writeFile(join(aside, 'workflow.json'), JSON.stringify({ kind: 'Stateful', definition }));
  await rename(aside, join(workspace, name));
}

async function compose(page: Page, workflow: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Workflows' }).getByRole('button', { name: new RegExp(`^${workflow}`) }).click();
  await page.getByRole('button', { name: 'Open in Composer' }).click();
  await expect(page.getByRole('textbox', { name: 'Request URL' })).toHaveValue(/sig=/);
}

test('a PDF response is drawn page by page, with page navigation by button, field and keyboard', async ({ page, e2e }) => {
  const errors: string[] = [];
  const csp: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) csp.push(message.text());
  });
  const pdf = buildPdf([
    { rgb: [0.85, 0.1, 0.1], text: 'Invoice page one' },
    { rgb: [0.1, 0.2, 0.85], text: 'Invoice page two' },
    { rgb: [0.1, 0.6, 0.2], text: 'Invoice page three' },
  ]);
  await addWorkflow(e2e.workspace, 'pdf-reply', {
    $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
    contentVersion: '1.0.0.0',
    triggers: { manual: { type: 'Request', kind: 'Http', inputs: { method: 'POST' } } },
    actions: { Response: { type: 'Response', kind: 'Http', inputs: { statusCode: 200, headers: { 'Content-Type': 'application/pdf' }, body: `@base64ToBinary('${pdf.toString('base64')}')` }, runAfter: {} } },
  });
  await page.goto(e2e.url);
  await compose(page, 'pdf-reply');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Response summary')).toContainText('200 OK');

  const response = page.getByRole('region', { name: 'Response' });
  const canvas = response.getByRole('img', { name: 'Response body, PDF page 1 of 3' });
  await expect(canvas).toBeVisible();
  await expect(canvas).toHaveAttribute('data-rendered-page', '1');
  const [r1, , b1] = await centreColour(canvas);
  expect(r1).toBeGreaterThan(180);
  expect(b1).toBeLessThan(80);
  await expect(response.getByText('Page 1 of 3')).toBeVisible();
  await expect(response.getByRole('button', { name: 'Previous page' })).toBeDisabled();
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, 'console-pdf-preview.png'), animations: 'disabled' });

  // Next page: the blue page is drawn.
  await response.getByRole('button', { name: 'Next page' }).click();
  const second = response.getByRole('img', { name: 'Response body, PDF page 2 of 3' });
  await expect(second).toHaveAttribute('data-rendered-page', '2');
  const [r2, , b2] = await centreColour(second);
  expect(b2).toBeGreaterThan(180);
  expect(r2).toBeLessThan(80);

  // The page number field, then the keyboard on the page.
  await response.getByRole('textbox', { name: 'Page number' }).fill('3');
  await response.getByRole('textbox', { name: 'Page number' }).press('Enter');
  const third = response.getByRole('img', { name: 'Response body, PDF page 3 of 3' });
  await expect(third).toHaveAttribute('data-rendered-page', '3');
  const [r3, g3] = await centreColour(third);
  expect(g3).toBeGreaterThan(120);
  expect(r3).toBeLessThan(80);
  await expect(response.getByRole('button', { name: 'Next page' })).toBeDisabled();
  await response.getByLabel(/Response body \(PDF\): use Page Up/).press('Home');
  await expect(response.getByRole('img', { name: 'Response body, PDF page 1 of 3' })).toHaveAttribute('data-rendered-page', '1');
  await response.getByLabel(/Response body \(PDF\): use Page Up/).press('PageDown');
  await expect(response.getByRole('img', { name: 'Response body, PDF page 2 of 3' })).toHaveAttribute('data-rendered-page', '2');
  await page.screenshot({ path: join(SHOTS, 'console-pdf-preview-page-2.png'), animations: 'disabled' });

  // Raw shows the bytes as base64, as for any binary body; Preview draws it again.
  await response.getByRole('radio', { name: 'Raw' }).check();
  await expect(response.getByRole('img', { name: /PDF page/ })).toHaveCount(0);
  await expect(response.getByText(/Binary body .*application\/pdf/)).toBeVisible();
  await response.getByRole('radio', { name: 'Preview' }).check();
  await expect(response.getByRole('img', { name: 'Response body, PDF page 1 of 3' })).toHaveAttribute('data-rendered-page', '1');

  expect(errors).toEqual([]);
  expect(csp).toEqual([]);
});

test('a body that only claims to be a PDF says it cannot be previewed, and offers Save', async ({ page, e2e }) => {
  await addWorkflow(e2e.workspace, 'pdf-broken', {
    $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
    contentVersion: '1.0.0.0',
    triggers: { manual: { type: 'Request', kind: 'Http', inputs: { method: 'POST' } } },
    actions: { Response: { type: 'Response', kind: 'Http', inputs: { statusCode: 200, headers: { 'Content-Type': 'application/pdf' }, body: 'not a pdf at all' }, runAfter: {} } },
  });
  await page.goto(e2e.url);
  await compose(page, 'pdf-broken');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const response = page.getByRole('region', { name: 'Response' });
  await expect(response.getByText('This PDF cannot be previewed')).toBeVisible();
  await expect(response).toContainText('Save it to open it in another program');
  await expect(response.getByRole('button', { name: 'Save' })).toBeVisible();
});
