import { isSasParameter } from '../sas-parameters.ts';
import { checkStoreName, requestFileName } from '../collections-schema.ts';
import { COLLECTION_FORMAT_VERSION, type CollectionView, type EnvironmentVariable, type SavedAuth, type SavedBody, type SavedEnvironment, type SavedRequest, type SavedRow, type SavedTarget } from '../collections.ts';
import type { Problem } from '../problems.ts';
import { isRecord } from './exchange-types.ts';

/** The schema URL a Postman Collection v2.1 names in `info.schema`. */
export const POSTMAN_SCHEMA_V21 = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

/** The variable holding the listener's base URL in an exported collection. */
export const BASE_URL_VARIABLE = 'baseUrl';

/** Collection variable that holds the `sig` of a workflow's callback URL signed with a key. */
export function signatureVariable(workflow: string, key: 'primary' | 'secondary' = 'primary'): string {
  return `sig_${workflow.replace(/[^A-Za-z0-9_]/g, '_')}${key === 'secondary' ? '_secondary' : ''}`;
}

/** A target's SAS query, as the exporter signs it: `sp`, `sv` and the signature. */
export interface TargetSignature {
  sp: string;
  sv: string;
  sig: string;
  apiVersion: string;
}

/** Options of toPostmanCollection. */
export interface PostmanExportOptions {
  name: string;
  requests: SavedRequest[];
  /** The listener's base URL, e.g. `https://127.0.0.1:7071`. */
  baseUrl: string;
  /** Variables of an environment to carry as collection variables (secret ones go without a value). */
  environment?: SavedEnvironment;
  /** Signs a target; `includeSecrets` decides whether the signature's value is written. */
  sign: (target: SavedTarget, key: 'primary' | 'secondary') => TargetSignature | undefined;
  includeSecrets?: boolean;
}

type PostmanVariable = { key: string; value: string; type?: string; description?: string; disabled?: boolean };

function pathSegments(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function postmanBody(body: SavedBody, headers: { key: string; value: string }[]): Record<string, unknown> | undefined {
  switch (body.mode) {
    case 'none':
      return undefined;
    case 'json':
      return { mode: 'raw', raw: body.text, options: { raw: { language: 'json' } } };
    case 'text':
      if (body.contentType && !headers.some((h) => h.key.toLowerCase() === 'content-type')) headers.push({ key: 'Content-Type', value: body.contentType });
      return { mode: 'raw', raw: body.text, options: { raw: { language: 'text' } } };
    case 'form':
      return { mode: 'urlencoded', urlencoded: body.fields.map((f) => ({ key: f.name, value: f.value, ...(f.enabled === false ? { disabled: true } : {}) })) };
    case 'file':
      if (body.contentType && !headers.some((h) => h.key.toLowerCase() === 'content-type')) headers.push({ key: 'Content-Type', value: body.contentType });
      return { mode: 'file', file: { src: body.path } };
  }
}

/**
 * Converts saved requests to a Postman Collection v2.1: a target's SAS URL as Postman
 * query parameters (the signature in a `sig_<workflow>` collection variable), Bearer as
 * Postman's bearer auth, and `{{variables}}` as collection variables. Secrets (signatures,
 * secret environment values) are written only with `includeSecrets`.
 */
export function toPostmanCollection(options: PostmanExportOptions): { collection: Record<string, unknown>; problems: Problem[] } {
  const problems: Problem[] = [];
  const variables = new Map<string, PostmanVariable>();
  variables.set(BASE_URL_VARIABLE, { key: BASE_URL_VARIABLE, value: options.baseUrl.replace(/\/$/, ''), type: 'string', description: 'The Triggerbench listener (see triggerbench serve).' });
  for (const variable of options.environment?.variables ?? []) {
    const secret = variable.secret === true;
    variables.set(variable.name, { key: variable.name, value: secret ? '' : (variable.value ?? ''), type: secret ? 'secret' : 'string', ...(variable.enabled === false ? { disabled: true } : {}), ...(secret ? { description: 'Secret: set its value in Postman (it is not exported).' } : {}) });
  }
  const items = options.requests.map((request) => {
    const headers = request.headers.map((h) => ({ key: h.name, value: h.value, ...(h.enabled === false ? { disabled: true } : {}) }));
    let url: Record<string, unknown> | string = request.url;
    if (request.target) {
      const key = request.auth.type === 'sas' ? (request.auth.key ?? 'primary') : 'primary';
      const signature = options.sign(request.target, key);
      const path = ['api', request.target.workflow, 'triggers', request.target.trigger ?? 'manual', 'invoke', ...pathSegments(request.target.relativePath ?? '')];
      const query: { key: string; value: string; disabled?: boolean }[] = [];
      query.push({ key: 'api-version', value: signature?.apiVersion ?? '2022-05-01' });
      if (request.auth.type === 'sas' && signature) {
        const variable = signatureVariable(request.target.workflow, key);
        variables.set(variable, {
          key: variable,
          value: options.includeSecrets ? signature.sig : '',
          type: 'secret',
          description: `The sig= value of the ${key} callback URL of '${request.target.workflow}' (triggerbench url WORKSPACE ${request.target.workflow}${key === 'secondary' ? ' --key secondary' : ''}).`,
        });
        query.push({ key: 'sp', value: signature.sp }, { key: 'sv', value: signature.sv }, { key: 'sig', value: `{{${variable}}}` });
      } else if (request.auth.type === 'sas') {
        problems.push({ code: 'TargetNotSigned', severity: 'warning', message: `Request '${request.name}' targets '${request.target.workflow}', which has no callback URL in this workspace; it is exported without a signature.`, file: request.name, pointer: '/target' });
      }
      for (const row of request.target.query ?? []) query.push({ key: row.name, value: row.value, ...(row.enabled === false ? { disabled: true } : {}) });
      const search = query.filter((q) => !q.disabled).map((q) => `${q.key}=${q.value}`).join('&');
      url = { raw: `{{${BASE_URL_VARIABLE}}}/${path.join('/')}?${search}`, host: [`{{${BASE_URL_VARIABLE}}}`], path, query };
    }
    let auth: Record<string, unknown> = { type: 'noauth' };
    if (request.auth.type === 'bearer') {
      auth = { type: 'bearer', bearer: [{ key: 'token', value: request.auth.token, type: 'string' }] };
      for (const match of request.auth.token.matchAll(/\{\{([^{}]+)\}\}/g)) {
        if (!variables.has(match[1]!)) variables.set(match[1]!, { key: match[1]!, value: '', type: 'secret', description: 'A Bearer token: triggerbench token --aud ... (not exported).' });
      }
    }
    const body = postmanBody(request.body, headers);
    const item: Record<string, unknown> = { name: request.name, request: { method: request.method.toUpperCase(), header: headers, url, auth, ...(body ? { body } : {}), ...(request.description ? { description: request.description } : {}) } };
    return item;
  });
  const collection = {
    info: { name: options.name, schema: POSTMAN_SCHEMA_V21, description: 'Exported from Triggerbench. Trust the local CA (triggerbench ca) to call the listener over HTTPS.' },
    item: items,
    variable: [...variables.values()],
  };
  return { collection, problems };
}

/** What importing a Postman collection produced. */
export interface PostmanImport {
  collection: CollectionView;
  /** The collection's variables, as an environment (secret-typed ones without value). */
  environment?: SavedEnvironment;
  problems: Problem[];
}

/** A valid collection folder name made from any text (collections-schema.ts rules). */
export function toCollectionName(raw: string): string {
  const name = raw.replace(/[^A-Za-z0-9 _.()-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').replace(/[. ]+$/, '').slice(0, 100);
  return !name || checkStoreName('collection', name) ? 'Imported' : name;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isRecord(value) && typeof value.content === 'string') return value.content;
  return '';
}

function rawUrl(url: unknown): string {
  if (typeof url === 'string') return url;
  if (!isRecord(url)) return '';
  if (typeof url.raw === 'string') return url.raw;
  const host = Array.isArray(url.host) ? url.host.join('.') : String(url.host ?? '');
  const path = Array.isArray(url.path) ? url.path.map((p) => (isRecord(p) ? String(p.value ?? '') : String(p))).join('/') : String(url.path ?? '');
  const query = Array.isArray(url.query) ? url.query.filter((q) => isRecord(q) && !q.disabled).map((q) => `${(q as Record<string, unknown>).key}=${(q as Record<string, unknown>).value ?? ''}`).join('&') : '';
  return `${url.protocol ? `${String(url.protocol)}://` : ''}${host}${url.port ? `:${String(url.port)}` : ''}/${path}${query ? `?${query}` : ''}`;
}

const TRIGGER_URL = /^(.*?)\/api\/([^/?#]+)\/triggers\/([^/?#]+)\/invoke(?:\/([^?#]*))?(?:\?([^#]*))?$/i;

function bearerToken(auth: unknown): string | undefined {
  if (!isRecord(auth) || auth.type !== 'bearer') return undefined;
  const list = Array.isArray(auth.bearer) ? auth.bearer : [];
  const token = list.find((entry) => isRecord(entry) && entry.key === 'token');
  return isRecord(token) ? String(token.value ?? '') : '';
}

/**
 * Reads a Postman Collection v2.1 (v2.0 accepted): every request, folders flattened
 * into `Folder / Request` names. A callback URL becomes a `target` with SAS auth (its
 * signature dropped: the console signs when sending); Bearer auth keeps its token text
 * (usually a `{{variable}}`). What has no saved-request equivalent is listed as a problem.
 */
export function importPostmanCollection(json: unknown, file: string, collectionName?: string): PostmanImport {
  const problems: Problem[] = [];
  const warn = (pointer: string, code: string, message: string, severity: 'error' | 'warning' = 'warning') => problems.push({ code, severity, message, file, pointer });
  const info = isRecord(json) && isRecord(json.info) ? json.info : undefined;
  const name = toCollectionName(collectionName ?? (typeof info?.name === 'string' && info.name.trim() ? info.name.trim() : 'Imported'));
  const collection: CollectionView = { name, requests: [] };
  if (!info || !Array.isArray((json as Record<string, unknown>).item)) {
    warn('', 'NotAPostmanCollection', `${file} is not a Postman collection: expected {"info": {...}, "item": [...]}.`, 'error');
    return { collection, problems };
  }
  const schema = typeof info.schema === 'string' ? info.schema : '';
  if (!/v2\.[01]\.\d/.test(schema)) warn('/info/schema', 'UnsupportedPostmanVersion', `The collection declares schema ${JSON.stringify(schema)}; only Postman Collection v2.1 (and v2.0) is read, so some requests may be missing.`);
  const rootAuth = (json as Record<string, unknown>).auth;
  /** Variables that hold a Bearer token: secrets, whatever their name. */
  const tokenVariables = new Set<string>();
  const taken: string[] = [];
  const walk = (items: unknown[], pointer: string, prefix: string, inheritedAuth: unknown): void => {
    items.forEach((item, index) => {
      const at = `${pointer}/${index}`;
      if (!isRecord(item)) return;
      const itemName = typeof item.name === 'string' && item.name ? item.name : `Request ${index + 1}`;
      if (Array.isArray(item.item)) {
        walk(item.item, `${at}/item`, `${prefix}${itemName} / `, item.auth ?? inheritedAuth);
        return;
      }
      const request = typeof item.request === 'string' ? { url: item.request, method: 'GET' } : isRecord(item.request) ? item.request : undefined;
      if (!request) {
        warn(at, 'InvalidPostmanItem', `Item '${itemName}' has no request; it is skipped.`);
        return;
      }
      let headers: SavedRow[] = (Array.isArray(request.header) ? request.header : []).filter(isRecord).map((h) => ({ name: String(h.key ?? ''), value: String(h.value ?? ''), ...(h.disabled ? { enabled: false } : {}) }));
      const contentType = headers.find((h) => h.name.toLowerCase() === 'content-type' && h.enabled !== false)?.value;
      let body: SavedBody = { mode: 'none' };
      const rawBody = isRecord(request.body) ? request.body : undefined;
      if (rawBody && !rawBody.disabled) {
        const mode = rawBody.mode;
        if (mode === 'raw') {
          const language = isRecord(rawBody.options) && isRecord(rawBody.options.raw) ? rawBody.options.raw.language : undefined;
          const raw = typeof rawBody.raw === 'string' ? rawBody.raw : '';
          body = language === 'json' || (contentType && /json/i.test(contentType)) ? { mode: 'json', text: raw } : { mode: 'text', text: raw, ...(contentType ? { contentType } : {}) };
        } else if (mode === 'urlencoded' || mode === 'formdata') {
          const rows = (Array.isArray(rawBody[mode]) ? (rawBody[mode] as unknown[]) : []).filter(isRecord);
          const files = rows.filter((row) => row.type === 'file');
          if (files.length > 0) warn(`${at}/request/body`, 'FormFileNotImported', `Request '${itemName}' uploads files in a form; saved requests hold text fields only, so ${files.length} file field(s) were left out.`);
          if (mode === 'formdata') warn(`${at}/request/body`, 'MultipartAsUrlEncoded', `Request '${itemName}' sends multipart form data; it is imported as a URL-encoded form with the same fields.`);
          body = { mode: 'form', fields: rows.filter((row) => row.type !== 'file').map((row) => ({ name: String(row.key ?? ''), value: String(row.value ?? ''), ...(row.disabled ? { enabled: false } : {}) })) };
        } else if (mode === 'file') {
          const src = isRecord(rawBody.file) ? rawBody.file.src : undefined;
          if (typeof src === 'string' && src) body = { mode: 'file', path: src, ...(contentType ? { contentType } : {}) };
          else warn(`${at}/request/body`, 'FileBodyWithoutPath', `Request '${itemName}' sends a file that the collection does not name; the body was left empty.`);
        } else if (mode !== undefined) {
          warn(`${at}/request/body`, 'UnsupportedPostmanBody', `Request '${itemName}' has a '${String(mode)}' body, which saved requests do not support; the body was left empty.`);
        }
      }
      // A text or file body carries its own content type (the exporter turned it into a header).
      if ((body.mode === 'text' || body.mode === 'file') && body.contentType) headers = headers.filter((h) => h.name.toLowerCase() !== 'content-type');
      const authSource = request.auth ?? item.auth ?? inheritedAuth ?? rootAuth;
      let auth: SavedAuth = { type: 'none' };
      const token = bearerToken(authSource);
      for (const match of (token ?? '').matchAll(/\{\{([^{}]+)\}\}/g)) tokenVariables.add(match[1]!);
      if (token !== undefined) auth = { type: 'bearer', token };
      else if (isRecord(authSource) && authSource.type !== 'noauth' && authSource.type !== undefined) warn(`${at}/request/auth`, 'UnsupportedPostmanAuth', `Request '${itemName}' uses Postman '${String(authSource.type)}' auth, which Triggerbench does not have; it is imported without auth.`);
      const url = rawUrl(request.url);
      const saved: SavedRequest = { version: COLLECTION_FORMAT_VERSION, name: `${prefix}${itemName}`.slice(0, 200), method: typeof request.method === 'string' ? request.method.toUpperCase() : 'GET', url, headers, body, auth };
      const description = text(request.description) || text(item.description);
      if (description) saved.description = description;
      const trigger = TRIGGER_URL.exec(url);
      if (trigger) {
        const [, origin, workflow, triggerName, relative, search] = trigger as unknown as [string, string, string, string, string | undefined, string | undefined];
        const pairs = (search ?? '').split('&').filter(Boolean).map((pair) => {
          const eq = pair.indexOf('=');
          return eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
        });
        const hasSas = pairs.some(([key]) => key!.toLowerCase() === 'sig');
        const rest = pairs.filter(([key]) => !isSasParameter(key!) && key!.toLowerCase() !== 'api-version');
        const target: SavedTarget = { workflow: decodeURIComponent(workflow), trigger: decodeURIComponent(triggerName) };
        if (relative) target.relativePath = relative;
        if (rest.length > 0) target.query = rest.map(([key, value]) => ({ name: key!, value: value! }));
        saved.target = target;
        const sigVariable = pairs.find(([key]) => key!.toLowerCase() === 'sig')?.[1] ?? '';
        if (hasSas && auth.type === 'none') auth = saved.auth = /_secondary\}\}$/.test(sigVariable) ? { type: 'sas', key: 'secondary' } : { type: 'sas' };
        const kept = pairs.filter(([key]) => !isSasParameter(key!)).map(([key, value]) => `${key}=${value}`).join('&');
        saved.url = `${origin}/api/${workflow}/triggers/${triggerName}/invoke${relative ? `/${relative}` : ''}${kept ? `?${kept}` : ''}`;
      }
      const file = requestFileName(saved.name, taken);
      taken.push(file);
      collection.requests.push({ file, request: saved });
    });
  };
  walk((json as Record<string, unknown>).item as unknown[], '/item', '', undefined);
  const variables: EnvironmentVariable[] = [];
  for (const variable of Array.isArray((json as Record<string, unknown>).variable) ? ((json as Record<string, unknown>).variable as unknown[]) : []) {
    if (!isRecord(variable) || typeof variable.key !== 'string') continue;
    // Signatures and tokens are secrets: their names are kept, their values never written to the workspace.
    const secret = variable.type === 'secret' || tokenVariables.has(variable.key) || /^sig_|token|secret|password|api[-_]?key/i.test(variable.key) || /^eyJ[\w-]*\./.test(String(variable.value ?? ''));
    variables.push({ name: variable.key, ...(secret ? { secret: true } : { value: String(variable.value ?? '') }), ...(variable.disabled ? { enabled: false } : {}) });
  }
  const result: PostmanImport = { collection, problems };
  if (variables.length > 0) result.environment = { version: COLLECTION_FORMAT_VERSION, name, variables };
  if (collection.requests.length === 0) warn('/item', 'EmptyCollection', `${file} holds no requests; nothing was imported.`);
  return result;
}
