// Access control without hand-editing JSON: OAuth policies with the local issuer one
// click away, allowed caller IP ranges (a bad one shown at its field, nothing written),
// and SAS on or off, all saved to <workflow>/access-control.json.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

test.describe.configure({ mode: 'serial' });
test.use({ colorScheme: 'light' });

async function openAccess(page: Page, workflow: string) {
  await page.getByRole('navigation', { name: 'Workflows' }).getByRole('button', { name: new RegExp(`^${workflow}`) }).click();
  await page.getByRole('button', { name: 'Access control…' }).click();
  const dialog = page.getByRole('dialog', { name: `Access control: ${workflow}` });
  await expect(dialog.getByRole('switch', { name: /SAS/ })).toBeVisible();
  return dialog;
}

test('adds an OAuth policy for the local issuer, limits callers, turns SAS off; a bad range is refused at its field', async ({ page, e2e }) => {
  await page.goto(e2e.url);
  let dialog = await openAccess(page, 'text-echo');
  await dialog.getByRole('button', { name: 'Add policy' }).click();
  await dialog.getByRole('textbox', { name: 'Name of policy 1' }).fill('console-callers');
  await dialog.getByRole('button', { name: 'Use the local issuer' }).click();
  await dialog.getByRole('button', { name: 'Add claim' }).click();
  await dialog.getByRole('textbox', { name: 'Claim 3 of console-callers' }).fill('roles');
  await dialog.getByRole('textbox', { name: 'Value of roles in console-callers' }).fill('Writer');
  await dialog.getByRole('radio', { name: 'Only these ranges' }).check();
  await dialog.getByRole('textbox', { name: 'Caller range 1' }).fill('10.0.0.0/33');
  await dialog.getByRole('button', { name: 'Save access-control.json' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Caller range 1' })).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('alert').first()).toContainText(/10\.0\.0\.0\/33/);
  await expect(readFile(join(e2e.workspace, 'text-echo', 'access-control.json'), 'utf8')).rejects.toThrow();
  await dialog.getByRole('textbox', { name: 'Caller range 1' }).fill('127.0.0.0/8');
  await dialog.getByRole('switch', { name: /SAS/ }).uncheck();
  await dialog.getByRole('button', { name: 'Save access-control.json' }).click();
  await expect(dialog).toBeHidden();
  const saved = JSON.parse(await readFile(join(e2e.workspace, 'text-echo', 'access-control.json'), 'utf8'));
  const info = (await (await fetch(new URL('/api/invoke/app%3Ainfo', e2e.origin), { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Triggerbench-Token': e2e.token, Origin: e2e.origin }, body: '{}' })).json()) as { issuer: { issuer: string } };
  expect(saved).toEqual({
    triggers: {
      openAuthenticationPolicies: { policies: { 'console-callers': { type: 'AAD', claims: [{ name: 'iss', value: info.issuer.issuer }, { name: 'aud', value: 'https://management.core.windows.net/' }, { name: 'roles', value: 'Writer' }] } } },
      allowedCallerIpAddresses: [{ addressRange: '127.0.0.0/8' }],
      sasAuthenticationPolicy: { state: 'Disabled' },
    },
  });
  // The workspace reloads: the sidebar shows the Bearer lock, and the dialog reads the file back.
  await expect(page.getByRole('navigation', { name: 'Workflows' }).getByRole('button', { name: /^text-echo/ })).toContainText('Bearer auth configured');
  dialog = await openAccess(page, 'text-echo');
  await expect(dialog.getByRole('switch', { name: /SAS/ })).not.toBeChecked();
  await expect(dialog.getByRole('textbox', { name: 'Value of roles in console-callers' })).toHaveValue('Writer');
  await dialog.getByRole('switch', { name: /SAS/ }).check();
  await dialog.getByRole('button', { name: 'Remove policy console-callers' }).click();
  await dialog.getByRole('radio', { name: 'Any caller' }).check();
  await dialog.getByRole('button', { name: 'Save access-control.json' }).click();
  await expect(dialog).toBeHidden();
  expect(JSON.parse(await readFile(join(e2e.workspace, 'text-echo', 'access-control.json'), 'utf8'))).toEqual({ triggers: { sasAuthenticationPolicy: { state: 'Enabled' } } });
});
