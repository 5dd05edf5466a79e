import type { SavedRequest, SavedRow } from '../../src-shared/collections.ts';
import type { ConsoleRequest, WorkflowView } from '../../src-shared/contract.ts';
import type { ComposerDoc } from '../stores/composer.store.ts';
import { parseQuery, rowsFromUrl, splitUrl, withQuery, type KeyValueRow } from './query-string.ts';
import { EMPTY_DOC } from '../stores/composer.store.ts';

/** Query parameters the core puts on a callback URL; a saved request never stores them (the signature is a credential). */
const CALLBACK_PARAMS = ['api-version', 'sp', 'sv', 'sig'];
const isCallbackParam = (name: string) => CALLBACK_PARAMS.includes(name.toLowerCase());

const toRows = (rows: readonly KeyValueRow[]): SavedRow[] => rows.filter((r) => r.key.trim() !== '').map((r) => ({ name: r.key.trim(), value: r.value, ...(r.enabled ? {} : { enabled: false }) }));
const fromRows = (rows: readonly SavedRow[] = []): KeyValueRow[] => rows.map((r, i) => ({ id: `s${Date.now().toString(36)}${i}${Math.random().toString(36).slice(2, 6)}`, enabled: r.enabled !== false, key: r.name, value: r.value }));

/**
 * The composer's request as a saved-request file. A request aimed at a workflow keeps
 * the workflow and what follows its trigger path instead of the signed URL, so the file
 * holds no signature and the URL is rebuilt (current port, current keys) when opened.
 */
export function savedFromDoc(doc: ComposerDoc, name: string): { request: SavedRequest; warning?: string } {
  const unsigned = withQuery(doc.url, parseQuery(doc.url).filter(([k]) => !['sp', 'sv', 'sig'].includes(k.toLowerCase())));
  const request: SavedRequest = {
    version: 1,
    name,
    method: doc.method,
    url: unsigned,
    headers: toRows(doc.headers.filter((h) => !h.auto)),
    body: { mode: 'none' },
    auth: doc.auth === 'bearer' ? { type: 'bearer', token: doc.token } : doc.auth === 'sas' ? { type: 'sas', key: doc.targetUrls && parseQuery(doc.url).some(([k, v]) => k === 'sig' && v === parseQuery(doc.targetUrls!.secondary).find(([n]) => n === 'sig')?.[1]) ? 'secondary' : 'primary' } : { type: 'none' },
  };
  let warning: string | undefined;
  if (doc.bodyKind === 'json') request.body = { mode: 'json', text: doc.bodyText };
  if (doc.bodyKind === 'text') request.body = { mode: 'text', text: doc.bodyText };
  if (doc.bodyKind === 'form') request.body = { mode: 'form', fields: toRows(doc.formRows) };
  if (doc.bodyKind === 'file') warning = 'A file body is not saved (choose the file again after opening the request).';
  if (doc.workflowName && doc.targetUrls) {
    const base = splitUrl(doc.targetUrls.primary).base;
    const own = splitUrl(doc.url).base;
    if (own.startsWith(base)) {
      const rest = own.slice(base.length).replace(/^\//, '');
      const query = parseQuery(doc.url).filter(([k]) => !isCallbackParam(k));
      request.target = { workflow: doc.workflowName, ...(rest ? { relativePath: rest } : {}), ...(query.length > 0 ? { query: query.map(([k, v]) => ({ name: k, value: v })) } : {}) };
    }
  }
  return warning ? { request, warning } : { request };
}

/** A saved request as a composer document; a targeted one gets the workflow's current callback URL. */
export function docFromSaved(saved: SavedRequest, workflows: readonly WorkflowView[]): ComposerDoc {
  const workflow = saved.target ? workflows.find((w) => w.name.toLowerCase() === saved.target!.workflow.toLowerCase()) : undefined;
  let url = saved.url;
  const auth = saved.auth.type;
  if (workflow?.callbackUrl && saved.target) {
    const signed = saved.auth.type === 'sas' && saved.auth.key === 'secondary' ? workflow.callbackUrl.secondary : workflow.callbackUrl.primary;
    const { base } = splitUrl(signed);
    const path = saved.target.relativePath ? `${base}/${saved.target.relativePath}` : base;
    const keep = parseQuery(signed).filter(([k]) => auth === 'sas' || !['sp', 'sv', 'sig'].includes(k.toLowerCase()));
    url = withQuery(path, [...keep, ...(saved.target.query ?? []).filter((r) => r.enabled !== false).map((r) => [r.name, r.value] as [string, string])]);
  }
  const body = saved.body;
  return {
    ...EMPTY_DOC,
    method: saved.method.toUpperCase(),
    url,
    params: rowsFromUrl(url, []),
    headers: fromRows(saved.headers),
    bodyKind: body.mode === 'json' ? 'json' : body.mode === 'text' ? 'text' : body.mode === 'form' ? 'form' : 'none',
    bodyText: body.mode === 'json' || body.mode === 'text' ? body.text : '',
    formRows: body.mode === 'form' ? fromRows(body.fields) : [],
    auth,
    token: saved.auth.type === 'bearer' ? saved.auth.token : '',
    workflowName: workflow?.name ?? null,
    targetUrls: workflow?.callbackUrl ?? null,
    sasParams: [],
  };
}

/** A short title for a tab: the saved name, else method and the workflow or the URL's path. */
export function docTitle(doc: ComposerDoc): string {
  if (doc.workflowName) return `${doc.method} ${doc.workflowName}`;
  const { base } = splitUrl(doc.url);
  const path = base.replace(/^https?:\/\/[^/]+/i, '');
  return doc.url.trim() === '' ? 'Untitled request' : `${doc.method} ${path || base}`;
}

/**
 * A request rebuilt from a recorded run (what Resubmit would send) as a composer
 * document: SAS when the URL is signed, Bearer when an Authorization header carries a
 * token, and aimed at the run's workflow so the URL follows later port or key changes.
 */
export function docFromConsoleRequest(request: ConsoleRequest, workflow: WorkflowView | undefined): ComposerDoc {
  const signed = parseQuery(request.url).some(([k]) => k.toLowerCase() === 'sig');
  const authHeader = request.headers.find(([k, v]) => k.toLowerCase() === 'authorization' && /^bearer\s+/i.test(v));
  const headers = request.headers.filter(([k]) => !['content-length', 'host'].includes(k.toLowerCase()) && !(authHeader && k.toLowerCase() === 'authorization'));
  const contentType = request.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  const body = request.body;
  const text = body.kind === 'text' ? body.text : '';
  const base = workflow?.callbackUrl ? splitUrl(workflow.callbackUrl.primary).base : undefined;
  return {
    ...EMPTY_DOC,
    method: request.method.toUpperCase(),
    url: request.url,
    params: rowsFromUrl(request.url, []),
    headers: fromRows(headers.map(([name, value]) => ({ name, value }))),
    bodyKind: body.kind === 'form' ? 'form' : body.kind === 'text' ? (/json/i.test(contentType) || /^\s*[[{]/.test(text) ? 'json' : 'text') : 'none',
    bodyText: text,
    formRows: body.kind === 'form' ? fromRows(body.fields.map(([name, value]) => ({ name, value }))) : [],
    auth: signed ? 'sas' : authHeader ? 'bearer' : 'none',
    token: authHeader ? authHeader[1].replace(/^bearer\s+/i, '') : '',
    workflowName: workflow && base && request.url.startsWith(base) ? workflow.name : null,
    targetUrls: workflow && base && request.url.startsWith(base) ? (workflow.callbackUrl ?? null) : null,
  };
}
