import { isRequestChannel, type RequestChannel, type RequestOf, type ResponseOf } from '../../src-shared/contract.ts';
import type { WorkbenchApi } from '../core/workbench-api.ts';
import type { ConsoleClient } from '../outbound/console-client.ts';
import { ApiError } from './api-error.ts';
import { collectionHandlers } from './collection-handlers.ts';
import { exchangeHandlers } from './exchange-handlers.ts';
import { createPayloadCheck } from './payload-validator.ts';
import { buildResubmitRequest } from './resubmit.ts';

/** Which host carries the API (the console shows it in About). */
export type HostKind = 'electron' | 'web';

/** One typed handler per channel: adding a channel to the contract without a handler is a compile error. */
export type Handlers = { [C in RequestChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

/**
 * Routes one call from an untrusted renderer: refuses channels outside the allowlist
 * (ApiError `UnknownChannel`), validates the payload (`InvalidPayload`), then runs the
 * channel's handler. Rejects with whatever the handler threw; hosts turn it into
 * `{ code, message }` with toApiErrorPayload.
 */
export type Dispatch = (channel: unknown, payload: unknown) => Promise<unknown>;

function parseNotAfter(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new ApiError('InvalidPayload', `Invalid payload for "workflows:callbackUrl": field "notAfter" must be an ISO 8601 date, e.g. 2030-01-01T00:00:00Z (got "${value}").`);
  return date;
}

/** The channel → core mapping. Pure delegation: no business logic lives in the hosts. */
export function createHandlers(workbench: WorkbenchApi, outbound: ConsoleClient, host: HostKind): Handlers {
  return {
    'app:info': async () => workbench.info(host),
    'workspace:get': async () => workbench.workspaceView(),
    'workspace:open': (req) => workbench.openWorkspace(req.root),
    'workflows:read': (req) => workbench.readWorkflow(req.name),
    'workflows:save': (req) => workbench.saveWorkflow(req.name, req.text),
    'workflows:create': (req) => workbench.createWorkflow(req.name, req.definition),
    'workflows:callbackUrl': async (req) => ({ url: workbench.callbackUrl(req.name, req.keyType, parseNotAfter(req.notAfter)) }),
    'console:send': (req) => outbound.send(req),
    'console:cancel': async (req) => ({ cancelled: outbound.cancel(req.requestId) }),
    'runs:query': async (req) => ({ runs: workbench.history.list(req), total: workbench.history.count(req) }),
    'runs:get': async (req) => workbench.history.get(req.id) ?? null,
    'runs:resubmit': async (req) => {
      const run = workbench.history.get(req.id);
      if (!run) throw new ApiError('RunNotFound', `Run ${req.id} is not in the history (it may have been cleared or removed by retention).`);
      return outbound.send(await buildResubmitRequest(run, workbench, host));
    },
    'runs:asRequest': async (req) => {
      const run = workbench.history.get(req.id);
      if (!run) throw new ApiError('RunNotFound', `Run ${req.id} is not in the history (it may have been cleared or removed by retention).`);
      return buildResubmitRequest(run, workbench, host);
    },
    'runs:clear': async (req) => ({ deleted: workbench.history.clear(req.workflow) }),
    'auth:mintToken': (req) => workbench.mintToken(req),
    'settings:update': (req) => workbench.updateSettings(req),
    'keys:regenerate': async (req) => {
      await workbench.regenerateKey(req.which);
      return { regenerated: req.which };
    },
    'tls:caPem': async () => ({ pem: workbench.caPem() }),
    'tls:regenerateCa': () => workbench.regenerateCa(),
    'jwks:list': () => workbench.listTrustedJwks(),
    'jwks:add': (req) => workbench.addTrustedJwks(req.name, req.text),
    'jwks:remove': (req) => workbench.removeTrustedJwks(req.name),
    ...collectionHandlers(workbench),
    ...exchangeHandlers(workbench),
  };
}

/**
 * Builds the dispatch function the Electron IPC binding and the web host share (docs/hosts.md:
 * "the web host reuses the same dispatch table"). Schemas are compiled here, once.
 */
export function createDispatcher(workbench: WorkbenchApi, outbound: ConsoleClient, host: HostKind): Dispatch {
  const check = createPayloadCheck();
  const handlers = createHandlers(workbench, outbound, host);
  return async (channel, payload) => {
    if (!isRequestChannel(channel)) {
      const shown = typeof channel === 'string' ? `"${channel.slice(0, 100)}"` : `a ${channel === null ? 'null' : typeof channel}`;
      throw new ApiError('UnknownChannel', `${shown} is not an API channel. The console may only call the channels declared in src-shared/contract.ts.`);
    }
    // A call with no arguments (`invoke('app:info')`) means an empty payload.
    const request = payload === undefined ? {} : payload;
    check(channel, request);
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    return handler(request);
  };
}
