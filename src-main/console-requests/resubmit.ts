import { SAS_QUERY_PARAMETERS } from '../../src-shared/sas-parameters.ts';
import { randomUUID } from 'node:crypto';
import type { ConsoleRequest } from '../../src-shared/contract.ts';
import { isMaskedValue, NOT_REPLAYED_HEADERS } from '../../src-shared/exchange/header-rules.ts';
import { MINTED_CLAIMS } from '../../src-shared/exchange/recording.ts';
import type { RunRecord } from '../../src-shared/runs.ts';
import type { WorkbenchApi } from '../core/workbench-api.ts';
import { ApiError } from './api-error.ts';

/** The SAS query parameters a resubmit takes from a freshly signed URL (the recording has `sig=***`). */
const SAS_PARAMETERS = new Set(SAS_QUERY_PARAMETERS);
const NOT_REPLAYED = NOT_REPLAYED_HEADERS;
const isRedacted = isMaskedValue;

/** Puts the fresh `sp`/`sv`/`se`/`sig` in place of the recorded ones, leaving every other parameter byte for byte. */
function resign(recordedQuery: string, freshQuery: string): string {
  const fresh = new Map<string, string>();
  for (const pair of freshQuery.split('&')) {
    const name = decodeURIComponent(pair.split('=')[0] ?? '');
    if (SAS_PARAMETERS.has(name)) fresh.set(name, pair);
  }
  const kept = recordedQuery.split('&').filter((pair) => pair && !SAS_PARAMETERS.has(decodeURIComponent(pair.split('=')[0] ?? '')));
  return [...kept, ...fresh.values()].join('&');
}

/** The core calls a resubmit needs. */
export type ResubmitCore = Pick<WorkbenchApi, 'callbackUrl' | 'info' | 'mintToken'>;

/**
 * Rebuilds the console request that replays a recorded run: same method, path, query,
 * headers and body, sent to the listener as it runs now. A SAS URL is signed afresh
 * (with the key type that admitted the run) since the recording keeps `sig=***`; a
 * Bearer run whose token was not kept gets a token minted by the local issuer with the
 * recorded claims.
 */
export async function buildResubmitRequest(run: RunRecord, core: ResubmitCore, host: 'electron' | 'web'): Promise<ConsoleRequest> {
  const recorded = run.request;
  if (run.status === 'Rejected') {
    // A replay is signed afresh and comes from 127.0.0.1: replaying a refused call would
    // turn a forged signature or a blocked address into an admitted run (docs/runtime.md, Resubmit).
    const why = run.error ? `${run.error.code}: ${run.error.message}` : 'it was rejected';
    throw new ApiError('RunNotAdmitted', `Run ${run.id} cannot be resubmitted: the listener refused that call (${why}). Only admitted runs can be replayed; fix the call in the composer and send it from there.`);
  }
  if (recorded.body.size > 0 && recorded.body.text === undefined && recorded.body.base64 === undefined) {
    throw new ApiError('RunBodyNotRecorded', `Run ${run.id} cannot be resubmitted: its ${recorded.body.size}-byte body was never read, so it is not in the history. Send the body from the composer instead.`);
  }
  if (recorded.body.truncated) {
    throw new ApiError('RunBodyTruncated', `Run ${run.id} cannot be resubmitted: only the first part of its ${recorded.body.size}-byte body was recorded. Send the full body from the composer instead.`);
  }
  const listener = core.info(host).listener;
  if (!listener.running) {
    throw new ApiError('ListenerNotRunning', `Run ${run.id} cannot be resubmitted while the listener is stopped${listener.error ? ` (${listener.error.message})` : ''}. Start it from Settings.`);
  }
  const target = new URL(recorded.url, listener.baseUrl);
  let query = target.search.slice(1);
  if (new URLSearchParams(query).has('sig')) {
    const fresh = new URL(core.callbackUrl(run.workflow, run.auth?.keyType ?? 'primary'));
    query = resign(query, fresh.search.slice(1));
  }
  const url = `${listener.baseUrl.replace(/\/$/, '')}${target.pathname}${query ? `?${query}` : ''}`;

  const headers: [string, string][] = [];
  let hasAuthorization = false;
  for (const [name, value] of Object.entries(recorded.headers)) {
    const lower = name.toLowerCase();
    if (NOT_REPLAYED.has(lower)) continue;
    if (lower === 'authorization') {
      if (isRedacted(value)) continue;
      hasAuthorization = true;
    }
    // A masked cookie would be sent as the literal `***`: leave it out rather than send another value.
    if (lower === 'cookie' && isRedacted(value)) continue;
    headers.push([name, value]);
  }
  if (run.auth?.scheme === 'Bearer' && !hasAuthorization) {
    const claims = run.auth.claims ?? {};
    const extra = Object.fromEntries(Object.entries(claims).filter(([name]) => !MINTED_CLAIMS.has(name)));
    const minted = await core.mintToken({
      aud: typeof claims.aud === 'string' ? claims.aud : undefined,
      sub: typeof claims.sub === 'string' ? claims.sub : undefined,
      claims: extra,
    });
    headers.push(['Authorization', `Bearer ${minted.token}`]);
  }

  const body: ConsoleRequest['body'] =
    recorded.body.size === 0
      ? { kind: 'none' }
      : recorded.body.text !== undefined
        ? { kind: 'text', text: recorded.body.text }
        : { kind: 'file', name: 'body', base64: recorded.body.base64 ?? '', contentType: recorded.body.contentType };
  return { requestId: `resubmit-${randomUUID()}`, method: recorded.method, url, headers, body };
}
