// The web host as a browser meets it: the console opens with its token and works under
// the strict CSP; without the token it is refused.
import { expect, test } from './fixtures.ts';

test.describe('web host smoke', () => {
  test('opens the console at the printed URL and renders it under the CSP', async ({ page, e2e }) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    const response = await page.goto(e2e.url);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect(page).toHaveTitle(/Triggerbench/);
    // React mounted something: the bundle loaded (with the cookie) and ran under the CSP.
    await expect(page.locator('#root > *').first()).toBeVisible();
    // Not inside Electron: the page talks to the core over HTTP.
    expect(await page.evaluate(() => 'triggerbench' in window)).toBe(false);
    expect(problems).toEqual([]);
  });

  test('refuses the console without its token, with a JSON reason', async ({ page, e2e }) => {
    const response = await page.goto(`${e2e.origin}/`);
    expect(response?.status()).toBe(403);
    const body = JSON.parse(await page.locator('body').innerText()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('MissingToken');
    expect(body.error.message).toContain('?token=');
  });

  test('keeps working after a reload without the token in the address bar', async ({ page, e2e }) => {
    await page.goto(e2e.url);
    await expect(page.locator('#root > *').first()).toBeVisible();
    // Same tab, URL without the query: the cookie serves the page, sessionStorage keeps the token.
    const reload = await page.goto(`${e2e.origin}/`);
    expect(reload?.status()).toBe(200);
    const info = await page.evaluate(async () => {
      const token = sessionStorage.getItem('triggerbench.token') ?? '';
      const res = await fetch('/api/invoke/app%3Ainfo', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Triggerbench-Token': token }, body: '{}' });
      return { status: res.status, body: (await res.json()) as { host?: string; listener?: { running?: boolean } } };
    });
    expect(info.status).toBe(200);
    expect(info.body.host).toBe('web');
    expect(info.body.listener?.running).toBe(true);
  });

  test('refuses an API call from another origin, even with the token', async ({ request, e2e }) => {
    const response = await request.post(`${e2e.origin}/api/invoke/app%3Ainfo`, {
      headers: { 'Content-Type': 'application/json', 'X-Triggerbench-Token': e2e.token, Origin: 'http://attacker.example' },
      data: {},
    });
    expect(response.status()).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('ForbiddenOrigin');
  });
});
