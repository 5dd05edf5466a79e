import { parseOperationOptions } from '../../../src-shared/workflow/operation-options.ts';
import type { ErrorInfo } from '../../../src-shared/runs.ts';
import { performHttpCall } from '../http/http-call.ts';
import { encodeBody, hasHeader, headerRecord } from '../http/request-parts.ts';
import { readRetryPolicy } from '../http/retry-policy.ts';
import type { ActionHandler } from '../run-types.ts';

/** What the run view shows instead of a secret, as Azure does. */
const SANITIZED = '*sanitized*';

interface HttpInputs {
  method?: unknown;
  uri?: unknown;
  headers?: unknown;
  queries?: unknown;
  body?: unknown;
  authentication?: Record<string, unknown>;
  retryPolicy?: unknown;
}

/** Authorization header or client certificate from `authentication` (None, Basic, Raw, ClientCertificate). */
function authentication(name: string, auth: Record<string, unknown> | undefined): { header?: string; pfx?: { data: Buffer; passphrase?: string }; shown?: unknown } | { error: ErrorInfo } {
  if (auth === undefined || auth === null) return {};
  const type = String(auth.type ?? '').toLowerCase();
  switch (type) {
    case 'none':
      return { shown: auth };
    case 'basic':
      return { header: `Basic ${Buffer.from(`${String(auth.username ?? '')}:${String(auth.password ?? '')}`).toString('base64')}`, shown: { ...auth, password: SANITIZED } };
    case 'raw':
      return { header: String(auth.value ?? ''), shown: { ...auth, value: SANITIZED } };
    case 'clientcertificate': {
      if (typeof auth.pfx !== 'string' || auth.pfx === '') return { error: { code: 'InvalidAuthentication', message: `Http '${name}' uses ClientCertificate authentication without "pfx" (the PKCS#12 file, base64).` } };
      const pfx = { data: Buffer.from(auth.pfx, 'base64'), passphrase: auth.password === undefined ? undefined : String(auth.password) };
      return { pfx, shown: { ...auth, pfx: SANITIZED, password: SANITIZED } };
    }
    default:
      return {
        error: {
          code: 'AuthenticationNotAvailableOffline',
          message: `Http '${name}' uses ${String(auth.type)} authentication, which needs Microsoft Entra ID. Offline, use "Raw" with a token (for example one from 'triggerbench token'), "Basic", "ClientCertificate" or "None".`,
        },
      };
  }
}

/**
 * Http: an outbound call (method, uri, headers, queries, body, authentication, retry
 * policy, asynchronous 202 polling unless `DisableAsyncPattern`) with Node's own client;
 * the workspace's local CA is trusted, so callback URLs of this workspace work.
 */
export const http: ActionHandler = async ({ name, action, evaluate, env, signal }) => {
  const raw = (action.inputs ?? {}) as HttpInputs;
  const inputs = (evaluate({ ...raw, authentication: undefined, retryPolicy: undefined }) ?? {}) as HttpInputs;
  const auth = authentication(name, (evaluate(raw.authentication) ?? undefined) as Record<string, unknown> | undefined);
  const shown: Record<string, unknown> = { ...inputs };
  delete shown.authentication;
  delete shown.retryPolicy;
  if ('shown' in auth && auth.shown !== undefined) shown.authentication = auth.shown;
  if (raw.retryPolicy !== undefined) shown.retryPolicy = raw.retryPolicy;
  if ('error' in auth) return { status: 'Failed', inputs: shown, error: auth.error };
  const method = String(inputs.method ?? '').toUpperCase();
  if (!/^[A-Z]+$/.test(method)) return { status: 'Failed', inputs: shown, error: { code: 'InvalidHttpMethod', message: `Http '${name}' needs inputs.method such as GET or POST; got ${JSON.stringify(inputs.method)}.` } };
  let url: URL;
  try {
    url = new URL(String(inputs.uri ?? ''));
  } catch {
    return { status: 'Failed', inputs: shown, error: { code: 'InvalidUri', message: `Http '${name}' has uri ${JSON.stringify(inputs.uri)}, which is not an absolute http or https URL.` } };
  }
  if (inputs.queries && typeof inputs.queries === 'object') {
    for (const [key, value] of Object.entries(inputs.queries)) if (value !== undefined && value !== null) url.searchParams.append(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  const retry = readRetryPolicy(evaluate(raw.retryPolicy));
  if ('invalid' in retry) return { status: 'Failed', inputs: shown, error: { code: 'InvalidRetryPolicy', message: `Http '${name}': ${retry.invalid}` } };
  const headers = headerRecord(inputs.headers);
  const body = encodeBody(inputs.body);
  if (body.contentType && !hasHeader(headers, 'content-type')) headers['Content-Type'] = body.contentType;
  if ('header' in auth && auth.header !== undefined) headers.Authorization = auth.header;
  return performHttpCall({
    request: { method, url, headers, body: body.bytes, pfx: 'pfx' in auth ? auth.pfx : undefined, trustedCaPem: env.services?.trustedCaPem },
    retry,
    asyncPattern: !parseOperationOptions(action.operationOptions).has('DisableAsyncPattern'),
    inputs: shown,
    signal,
  });
};
