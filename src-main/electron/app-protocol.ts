import { readFile } from 'node:fs/promises';
import { contentTypeFor, resolveStaticPath } from '../console-assets/static-files.ts';
import { APP_HOST, APP_SCHEME } from './app-origin.ts';
import { pageSecurityHeaders } from '../console-assets/csp.ts';

function notFound(what: string): Response {
  return new Response(`${what} is not part of the Triggerbench console.`, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...pageSecurityHeaders() } });
}

/**
 * Answers one app:// request from the built console folder (Electron checklist #18:
 * a custom protocol instead of file://, so the page has a real origin and cannot read
 * the disk). Only `app://triggerbench/<file inside rendererDir>` resolves; every
 * response carries the CSP. Pure apart from reading the file, so it is unit-tested.
 */
export async function serveAppRequest(requestUrl: string, rendererDir: string): Promise<Response> {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return notFound('That address');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return notFound(requestUrl);
  const file = resolveStaticPath(rendererDir, url.pathname);
  if (!file) return notFound(url.pathname);
  try {
    const body = await readFile(file);
    return new Response(new Uint8Array(body), { status: 200, headers: { ...pageSecurityHeaders(), 'Content-Type': contentTypeFor(file), 'Cache-Control': 'no-store' } });
  } catch {
    return notFound(url.pathname);
  }
}
