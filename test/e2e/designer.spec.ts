// The workflow designer in Debian's Chromium through the loopback web host: live
// expression diagnostics on every expression-bearing field and in the code view, and
// save problems shown at the field they are about.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { WorkflowDefinition } from '../../src-shared/workflow/types.ts';
import { workflowGraph } from '../../src-shared/workflow/workflow-graph.ts';
import { REAL_WORKFLOWS_SKIP_REASON } from '../helpers/real-workflows.ts';
import { loadFixtureWorkflows } from '../workspace/helpers/fixtures.ts';
import { expect, test } from './fixtures.ts';

// `npm run screenshots` writes the pictures docs/console.md shows (JPEG, to keep the
// repository small) into docs/screenshots; otherwise they go to the git-ignored folder.
const DOCS_SHOTS = process.env.TRIGGERBENCH_SCREENSHOTS_DIR;
const SHOTS = DOCS_SHOTS ?? join(import.meta.dirname, 'screenshots');

/** Saves a screenshot of the page in light or dark (for docs/console.md and for looking at). */
async function shot(page: Page, name: string, scheme: 'light' | 'dark' = 'light'): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await page.emulateMedia({ colorScheme: scheme });
  await page.locator('.toast').first().waitFor({ state: 'detached', timeout: 6000 }).catch(() => undefined);
  await page.screenshot(DOCS_SHOTS ? { path: join(SHOTS, `${name}.jpg`), type: 'jpeg', quality: 70, animations: 'disabled' } : { path: join(SHOTS, `${name}.png`), animations: 'disabled' });
  await page.emulateMedia({ colorScheme: 'light' });
}

/** The same view in light and in dark. */
async function shots(page: Page, name: string): Promise<void> {
  await shot(page, `${name}-light`);
  await shot(page, `${name}-dark`, 'dark');
}

test.describe.configure({ mode: 'serial' });
test.use({ permissions: ['clipboard-read', 'clipboard-write'], colorScheme: 'light' });

/** Writes `<workspace>/<name>/workflow.json`; the workbench's watcher picks it up. */
async function writeWorkflow(workspace: string, name: string, definition: unknown): Promise<void> {
  await mkdir(join(workspace, name), { recursive: true });
  await writeFile(join(workspace, name, 'workflow.json'), JSON.stringify({ definition, kind: 'Stateful' }, null, 2));
}

/** Opens a workflow from the sidebar, once the watcher has listed it. */
async function openWorkflow(page: Page, name: string): Promise<void> {
  const item = page.getByRole('navigation', { name: 'Workflows' }).getByRole('button', { name: new RegExp(`^${name}\\b`) });
  await expect(item).toBeVisible();
  await item.click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

const ACCOUNT_SCHEMA = {
  type: 'object',
  properties: { account: { type: 'object', properties: { name: { type: 'string' }, ID: { type: 'string' } }, required: ['name'] } },
};

function requestResponse(headers: Record<string, string>, body: unknown): unknown {
  return {
    $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
    contentVersion: '1.0.0.0',
    triggers: { manual: { type: 'Request', kind: 'Http', inputs: { method: 'POST', schema: ACCOUNT_SCHEMA } } },
    actions: { Response: { type: 'Response', kind: 'Http', inputs: { statusCode: 200, headers, body }, runAfter: {} } },
    outputs: {},
  };
}

test('expression errors show live at each field and in the code view; save problems show at the field', async ({ page, e2e }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await writeWorkflow(e2e.workspace, 'diagnostics', requestResponse({ 'Content-Type': 'application/json' }, '@triggerBody()'));
  await page.goto(e2e.url);
  await openWorkflow(page, 'diagnostics');

  await test.step('a broken header value is flagged at its row while typing', async () => {
    const value = page.getByRole('textbox', { name: 'Response headers: value of Content-Type' });
    await value.fill("@{triggerBody()?['a'");
    await expect(value).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Content-Type: problem')).toBeVisible();
    await value.fill("@{triggerBody()?['a']}");
    await expect(value).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Content-Type: problem')).toHaveCount(0);
  });

  await test.step('a broken status code expression is flagged at the field', async () => {
    const status = page.getByRole('textbox', { name: 'Status code' });
    await status.fill('@int(triggerBody()');
    await expect(status).toHaveAttribute('aria-invalid', 'true');
    await status.fill('200');
    await expect(status).not.toHaveAttribute('aria-invalid', 'true');
  });

  await test.step('the code view underlines "@triggerBody)" while typing', async () => {
    await page.getByRole('tab', { name: 'Code (workflow.json)' }).click();
    const code = page.getByRole('textbox', { name: 'diagnostics/workflow.json' });
    const text = (await code.innerText()).replace('"@triggerBody()"', '"@triggerBody)"');
    expect(text).toContain('@triggerBody)');
    await code.fill(text);
    await expect(page.locator('.code-panel .cm-lintRange-error').first()).toBeVisible();
  });

  await test.step('save: the problem shows at the header it is about, in the designer', async () => {
    await page.getByRole('tab', { name: 'Designer' }).click();
    const value = page.getByRole('textbox', { name: 'Response headers: value of Content-Type' });
    await value.fill('@concat(1,');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Unsaved changes')).toBeHidden();
    await expect(page.locator('.view-title')).toContainText('Not callable');
    await expect(value).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Content-Type: problem').first()).toBeInViewport();
    await shots(page, 'designer-diagnostics');
  });

  expect(errors).toEqual([]);
});

test('every real workflow draws as a graph with no overlapping boxes', async ({ page, e2e }) => {
  test.setTimeout(180_000);
  const fixtures = loadFixtureWorkflows();
  test.skip(fixtures.length === 0, `no real workflows${REAL_WORKFLOWS_SKIP_REASON}`);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const names = fixtures.map((_, i) => `real-${String(i + 1).padStart(2, '0')}`);
  for (const [i, fixture] of fixtures.entries()) await writeWorkflow(e2e.workspace, names[i]!, (fixture.json as { definition: unknown }).definition);
  await page.goto(e2e.url);
  for (const [i, fixture] of fixtures.entries()) {
    await openWorkflow(page, names[i]!);
    await page.getByRole('tab', { name: 'Graph' }).click();
    const figure = page.getByRole('figure', { name: `${names[i]} as a graph` });
    await expect(figure).toHaveAttribute('aria-busy', 'false');
    const definition = (fixture.json as { definition: WorkflowDefinition }).definition;
    const model = workflowGraph(definition);
    const parentOf = new Map(model.nodes.map((n) => [n.id, n.parent ?? '']));
    // The canvas has a real size (its styles applied), and each React Flow node box is
    // where ELK placed it, at the size ELK gave it.
    const canvas = await figure.boundingBox();
    expect(canvas!.width * canvas!.height, fixture.label).toBeGreaterThan(100_000);
    const boxes = await figure.locator('.react-flow__node').evaluateAll((elements) =>
      elements.map((el) => {
        const r = el.getBoundingClientRect();
        return { id: el.getAttribute('data-id')!, parent: '', x: r.x, y: r.y, w: r.width, h: r.height };
      }),
    );
    for (const box of boxes) box.parent = parentOf.get(box.id) ?? '';
    expect(boxes.length, fixture.label).toBe(model.nodes.length);
    const byId = new Map(boxes.map((b) => [b.id, b]));
    const ancestors = (id: string): Set<string> => {
      const out = new Set<string>();
      for (let p = byId.get(id)?.parent ?? ''; p !== ''; p = byId.get(p)?.parent ?? '') out.add(p);
      return out;
    };
    const overlapping: string[] = [];
    for (const [k, a] of boxes.entries()) {
      expect(a.w * a.h, `${fixture.label}: ${a.id} has a size`).toBeGreaterThan(0);
      for (const b of boxes.slice(k + 1)) {
        if (ancestors(a.id).has(b.id) || ancestors(b.id).has(a.id)) continue;
        // Half a pixel of tolerance for sub-pixel rounding at the fitted zoom.
        const apart = a.x + a.w <= b.x + 0.5 || b.x + b.w <= a.x + 0.5 || a.y + a.h <= b.y + 0.5 || b.y + b.h <= a.y + 0.5;
        if (!apart) overlapping.push(`${a.id} overlaps ${b.id}`);
      }
    }
    expect(overlapping, fixture.label).toEqual([]);
    if (fixture.label.includes('loop-workflow') || fixture.label.includes('try-catch')) {
      const slug = fixture.label.includes('loop') ? 'loop' : 'try-catch';
      await figure.locator('[data-graph-kind="trigger"]').click();
      await shots(page, `graph-${slug}`);
    }
  }
  expect(errors).toEqual([]);
});

test('dynamic content: a schema property into a header and the body, save, call, and the value comes back', async ({ page, e2e }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await writeWorkflow(e2e.workspace, 'dynamic', requestResponse({ 'Content-Type': 'application/json' }, { greeting: 'Hello ' }));
  await page.goto(e2e.url);
  await openWorkflow(page, 'dynamic');

  await test.step('pick the account name into a new header', async () => {
    await page.getByRole('combobox', { name: 'Response headers: new name' }).fill('X-Account');
    await page.getByRole('button', { name: 'Dynamic content for header X-Account' }).click();
    const list = page.getByRole('dialog', { name: 'Dynamic content for header X-Account' });
    await list.getByRole('searchbox', { name: 'Search dynamic content' }).fill('account.name');
    await shots(page, 'designer-dynamic-content-list');
    await list.getByRole('button', { name: /^name/ }).click();
    // The schema requires name inside account, not account itself: ?[...] only where a property may be absent.
    await expect(page.getByRole('textbox', { name: 'Response headers: value of X-Account' })).toHaveValue("@triggerBody()?['account']['name']");
  });

  await test.step('pick the account ID into the body text, where the caret is', async () => {
    const body = page.getByRole('textbox', { name: 'Response body' });
    await body.getByText('Hello').click();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.getByRole('button', { name: 'Dynamic content for Body' }).click();
    const list = page.getByRole('dialog', { name: 'Dynamic content for Body' });
    await expect(list.getByRole('region', { name: 'manual' })).toBeVisible();
    await list.getByRole('button', { name: /^ID/ }).click();
    await expect(body).toContainText(`"Hello @{triggerBody()?['account']?['ID']}"`);
    await shots(page, 'designer-dynamic-content');
  });

  await test.step('save and call: the header and the body carry the caller’s values', async () => {
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Unsaved changes')).toBeHidden();
    await expect(page.locator('.view-title')).toContainText('Callable');
    await page.getByRole('button', { name: 'Open in Composer' }).click();
    await page.getByRole('textbox', { name: 'Request body' }).fill('{"account":{"name":"Contoso","ID":"12345"}}');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByLabel('Response summary')).toContainText('200 OK');
    await expect(page.getByRole('tree', { name: 'Response body' })).toContainText('Hello 12345');
    await page.getByRole('tab', { name: /^Headers/ }).last().click();
    await expect(page.getByRole('table', { name: 'Response headers' })).toContainText(/x-account\s*Contoso/i);
  });

  expect(errors).toEqual([]);
});

test('headers switch to text view and back without loss, in step with the file', async ({ page, e2e }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await writeWorkflow(e2e.workspace, 'header-views', requestResponse({ 'Content-Type': 'application/json', 'X-Name': "@{triggerBody()?['account']?['name']}", 'Cache-Control': 'no-store' }, '@triggerBody()'));
  await page.goto(e2e.url);
  await openWorkflow(page, 'header-views');
  await page.getByRole('radiogroup', { name: 'Headers view' }).getByRole('radio', { name: 'Text' }).check();
  const text = page.getByRole('textbox', { name: 'Response headers JSON' });
  await expect(text).toContainText('"X-Name": "@{triggerBody()?[\'account\']?[\'name\']}"');
  await expect(text).toContainText('"Cache-Control": "no-store"');
  // Edit in text: add a header, change one.
  const edited = JSON.stringify({ 'Content-Type': 'application/json', 'X-Name': "@{triggerBody()?['account']?['name']}", 'Cache-Control': 'max-age=60', 'X-Added': '1' }, null, 2);
  await text.fill(edited);
  await shots(page, 'designer-headers-text');
  await page.getByRole('radiogroup', { name: 'Headers view' }).getByRole('radio', { name: 'Table' }).check();
  await expect(page.getByRole('textbox', { name: 'Response headers: value of X-Name' })).toHaveValue("@{triggerBody()?['account']?['name']}");
  await expect(page.getByRole('textbox', { name: 'Response headers: value of Cache-Control' })).toHaveValue('max-age=60');
  await expect(page.getByRole('textbox', { name: 'Response headers: value of X-Added' })).toHaveValue('1');
  // A table edit shows in the text view, and nothing was lost on the way.
  await page.getByRole('textbox', { name: 'Response headers: value of X-Added' }).fill('2');
  await page.getByRole('radiogroup', { name: 'Headers view' }).getByRole('radio', { name: 'Text' }).check();
  const back = JSON.parse(await text.innerText()) as Record<string, string>;
  expect(back).toEqual({ 'Content-Type': 'application/json', 'X-Name': "@{triggerBody()?['account']?['name']}", 'Cache-Control': 'max-age=60', 'X-Added': '2' });
  // Text that is not JSON stays as typed and says why; the file keeps the last good headers.
  await text.fill('{ "X-Broken": ');
  await expect(page.getByRole('alert').filter({ hasText: /Invalid JSON/ })).toBeVisible();
  await page.getByRole('tab', { name: 'Code (workflow.json)' }).click();
  await expect(page.getByRole('textbox', { name: 'header-views/workflow.json' })).toContainText('"X-Added": "2"');
  expect(errors).toEqual([]);
});

test('a failed run shows its failed action marked on the run graph, with its error and inputs a click away', async ({ page, e2e }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await writeWorkflow(e2e.workspace, 'fails', {
    $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
    contentVersion: '1.0.0.0',
    triggers: { manual: { type: 'Request', kind: 'Http', inputs: { method: 'POST' } } },
    actions: {
      Parse_amount: { type: 'Compose', inputs: "@int(triggerBody()?['amount'])", runAfter: {} },
      Answer_ok: { type: 'Response', kind: 'Http', inputs: { statusCode: 200, body: '@outputs(\'Parse_amount\')' }, runAfter: { Parse_amount: ['Succeeded'] } },
      Answer_error: { type: 'Response', kind: 'Http', inputs: { statusCode: 400, body: 'The amount is not a number.' }, runAfter: { Parse_amount: ['Failed'] } },
    },
    outputs: {},
  });
  await page.goto(e2e.url);
  await openWorkflow(page, 'fails');
  await page.getByRole('button', { name: 'Open in Composer' }).click();
  await page.getByRole('textbox', { name: 'Request body' }).fill('{"amount":"abc"}');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Response summary')).toContainText('400');

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Run history' }).click();
  const list = page.getByRole('listbox', { name: 'Runs, newest first' });
  await list.getByRole('option').filter({ hasText: 'fails' }).first().click();
  const figure = page.getByRole('figure', { name: /^Run \d+CU\d+ as a graph$/ });
  await expect(figure).toHaveAttribute('aria-busy', 'false');
  const failed = figure.locator('[data-graph-node="/definition/actions/Parse_amount"]');
  await expect(failed).toHaveAttribute('data-status', 'Failed');
  await expect(failed).toHaveClass(/gn-status-failed/);
  await expect(figure.locator('[data-graph-node="/definition/actions/Answer_error"]')).toHaveAttribute('data-status', 'Succeeded');
  await expect(figure.locator('[data-graph-node="/definition/actions/Answer_ok"]')).toHaveAttribute('data-status', 'Skipped');
  await failed.click();
  const side = page.getByRole('complementary', { name: 'Selected step in this run' });
  await expect(side.getByRole('heading', { name: 'Parse_amount' })).toBeVisible();
  await expect(side).toContainText('Failed');
  await side.scrollIntoViewIfNeeded();
  await figure.scrollIntoViewIfNeeded();
  await shots(page, 'run-graph-failed');
  expect(errors).toEqual([]);
});

test('trigger conditions: dynamic content from the trigger and live diagnostics', async ({ page, e2e }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await writeWorkflow(e2e.workspace, 'conditions', requestResponse({}, '@triggerBody()'));
  await page.goto(e2e.url);
  await openWorkflow(page, 'conditions');
  await page.getByRole('button', { name: 'Add a condition' }).click();
  const condition = page.getByRole('textbox', { name: 'Trigger condition 1' });
  await condition.fill('@equals(');
  await expect(condition).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Dynamic content for trigger condition 1' }).click();
  const list = page.getByRole('dialog', { name: 'Dynamic content for trigger condition 1' });
  // A trigger field sees the trigger, not the actions after it.
  await expect(list.getByRole('region', { name: 'Response' })).toHaveCount(0);
  await list.getByRole('button', { name: /^ID/ }).click();
  // Inside the open call, the token goes in as an argument.
  await expect(condition).toHaveValue("@equals(triggerBody()?['account']?['ID']");
  await condition.press('End');
  await condition.pressSequentially(", '1')");
  await expect(condition).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('tab', { name: 'Code (workflow.json)' }).click();
  await expect(page.getByRole('textbox', { name: 'conditions/workflow.json' })).toContainText(`"expression": "@equals(triggerBody()?['account']?['ID'], '1')"`);
  expect(errors).toEqual([]);
});

test('run graph: a Foreach has an iteration picker, and each iteration shows its own statuses', async ({ page, e2e }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await writeWorkflow(e2e.workspace, 'loops', {
    $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
    contentVersion: '1.0.0.0',
    triggers: { manual: { type: 'Request', kind: 'Http', inputs: { method: 'POST' } } },
    actions: {
      Each: {
        type: 'Foreach',
        foreach: "@triggerBody()?['items']",
        actions: { Check: { type: 'Compose', inputs: '@int(item())' } },
        runAfter: {},
        runtimeConfiguration: { concurrency: { repetitions: 1 } },
      },
      Answer: { type: 'Response', kind: 'Http', inputs: { statusCode: 200, body: 'done' }, runAfter: { Each: ['Succeeded', 'Failed'] } },
    },
    outputs: {},
  });
  await page.goto(e2e.url);
  await openWorkflow(page, 'loops');
  await page.getByRole('button', { name: 'Open in Composer' }).click();
  await page.getByRole('textbox', { name: 'Request body' }).fill('{"items":["1","x","3"]}');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Response summary')).toContainText('200');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Run history' }).click();
  await page.getByRole('listbox', { name: 'Runs, newest first' }).getByRole('option').filter({ hasText: 'loops' }).first().click();
  const figure = page.getByRole('figure', { name: /^Run \d+CU\d+ as a graph$/ });
  await expect(figure).toHaveAttribute('aria-busy', 'false');
  const check = figure.locator('[data-graph-node="/definition/actions/Each/actions/Check"]');
  const picker = figure.getByRole('combobox', { name: 'Iteration of Each' });
  await expect(picker.locator('option')).toHaveText(['1 of 3', '2 of 3 · Failed', '3 of 3']);
  await expect(check).toHaveAttribute('data-status', 'Succeeded');
  await picker.selectOption({ label: '2 of 3 · Failed' });
  await expect(check).toHaveAttribute('data-status', 'Failed');
  await expect(figure.locator('[data-graph-node="/definition/actions/Each"]')).toHaveAttribute('data-status', 'Failed');
  await check.click();
  await expect(page.getByRole('complementary', { name: 'Selected step in this run' })).toContainText('InvalidTemplate');
  await figure.scrollIntoViewIfNeeded();
  await shots(page, 'run-graph-loop');
  expect(errors).toEqual([]);
});
