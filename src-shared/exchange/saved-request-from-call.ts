import { isSasParameter, SAS_QUERY_PARAMETERS } from '../sas-parameters.ts';
import { COLLECTION_FORMAT_VERSION, type SavedAuth, type SavedBody, type SavedRequest, type SavedRow, type SavedTarget } from '../collections.ts';
import { NOT_REPLAYED_HEADERS } from './header-rules.ts';
import type { ExchangeBody } from './message-body.ts';
import type { RecordingAuth } from './recording.ts';
import { dropQueryParameters, parseQuery, type UrlParts } from './url-parts.ts';

/** A call as an import found it (a HAR entry, a recording). */
export interface CallToSave {
  name: string;
  method: string;
  url: UrlParts;
  headers: Record<string, string>;
  body?: ExchangeBody;
  /** Set when the URL is a trigger's callback URL. */
  workflow?: string;
  trigger?: string;
  auth: RecordingAuth;
}

/** The JSON text of a JSON body, pretty-printed as the console's editor shows it. */
function savedBody(body: ExchangeBody | undefined, contentType: string | undefined): { body: SavedBody; note?: string } {
  if (!body) return { body: { mode: 'none' } };
  if ('json' in body) return { body: { mode: 'json', text: JSON.stringify(body.json, null, 2) } };
  if ('text' in body) return { body: { mode: 'text', text: body.text, ...(contentType ? { contentType } : {}) } };
  return { body: { mode: 'none' }, note: 'The call had a binary body, which a saved request cannot hold inline; attach it as a file body.' };
}

/**
 * A saved request for a call. A trigger URL becomes a `target` (the console signs it
 * when sending, so the request survives port changes and key regeneration) and SAS
 * parameters are never kept; a Bearer token becomes the `{{token}}` variable.
 */
export function savedRequestFromCall(call: CallToSave): SavedRequest {
  const contentType = Object.entries(call.headers).find(([key]) => key.toLowerCase() === 'content-type')?.[1];
  const headers: SavedRow[] = Object.entries(call.headers)
    .filter(([name]) => !NOT_REPLAYED_HEADERS.has(name.toLowerCase()) && name.toLowerCase() !== 'authorization')
    .map(([name, value]) => ({ name, value }));
  const query: SavedRow[] = parseQuery(call.url.search)
    .filter(([name]) => !isSasParameter(name) && name.toLowerCase() !== 'api-version')
    .map(([name, value]) => ({ name, value }));
  const kept = dropQueryParameters(call.url.search, SAS_QUERY_PARAMETERS);
  const clean = `${call.url.origin}${call.url.pathname}${kept ? `?${kept}` : ''}`;
  let auth: SavedAuth = { type: 'none' };
  if (call.auth.scheme === 'SAS') auth = call.auth.keyType ? { type: 'sas', key: call.auth.keyType } : { type: 'sas' };
  if (call.auth.scheme === 'Bearer') auth = { type: 'bearer', token: '{{token}}' };
  const { body, note } = savedBody(call.body, contentType);
  const request: SavedRequest = { version: COLLECTION_FORMAT_VERSION, name: call.name, method: call.method, url: clean, headers, body, auth };
  if (note) request.description = note;
  if (call.workflow && call.trigger) {
    const relative = /\/invoke\/(.+)$/i.exec(call.url.pathname)?.[1];
    const target: SavedTarget = { workflow: call.workflow, trigger: call.trigger };
    if (relative) target.relativePath = relative;
    if (query.length > 0) target.query = query;
    request.target = target;
  }
  return request;
}
