import { workflowNotFound } from '../../src-shared/workflow/find-trigger.ts';
import { describe, expect, it } from 'vitest';
import { toApiErrorPayload } from '../../src-main/console-requests/api-error.ts';
import { createDispatcher, createHandlers } from '../../src-main/console-requests/dispatcher.ts';
import type { ConsoleClient } from '../../src-main/outbound/console-client.ts';
import { REQUEST_CHANNELS, type ConsoleRequest, type ConsoleResponse } from '../../src-shared/contract.ts';
import { CodedError } from '../../src-shared/coded-error.ts';
import { createFakeWorkbench, recordedRun } from './fake-workbench.ts';

const okResponse: ConsoleResponse = { status: 200, statusText: 'OK', httpVersion: '1.1', headers: [], body: { size: 0 }, timings: { total: 1 } };

function fakeOutbound(): ConsoleClient & { sent: ConsoleRequest[]; cancelled: string[] } {
  const sent: ConsoleRequest[] = [];
  const cancelled: string[] = [];
  return {
    sent,
    cancelled,
    async send(request) {
      sent.push(request);
      return okResponse;
    },
    cancel(id) {
      cancelled.push(id);
      return id === 'live';
    },
    cancelAll() {},
  };
}

/** Runs a dispatch and returns the `{ code, message }` the renderer would receive. */
async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return toApiErrorPayload(error);
  }
  throw new Error('expected the call to fail');
}

describe('dispatcher: allowlist', () => {
  const dispatch = createDispatcher(createFakeWorkbench(), fakeOutbound(), 'web');

  it('refuses a channel that is not in the contract', async () => {
    const error = await failure(dispatch('fs:readFile', { path: '/etc/passwd' }));
    expect(error.code).toBe('UnknownChannel');
    expect(error.message).toContain('"fs:readFile"');
  });

  it('refuses non-string channels and prototype keys', async () => {
    expect((await failure(dispatch(42, {}))).code).toBe('UnknownChannel');
    expect((await failure(dispatch('constructor', {}))).code).toBe('UnknownChannel');
    expect((await failure(dispatch('__proto__', {}))).code).toBe('UnknownChannel');
  });

  it('has a handler for every allowlisted channel, and no other', () => {
    const handlers = createHandlers(createFakeWorkbench(), fakeOutbound(), 'web');
    expect(Object.keys(handlers).sort()).toEqual([...REQUEST_CHANNELS].sort());
  });
});

describe('dispatcher: payload validation', () => {
  const dispatch = createDispatcher(createFakeWorkbench(), fakeOutbound(), 'web');

  it('names a missing required field', async () => {
    const error = await failure(dispatch('workflows:read', {}));
    expect(error).toEqual({ code: 'InvalidPayload', message: 'Invalid payload for "workflows:read": missing required field "name".' });
  });

  it('names an unknown field', async () => {
    const error = await failure(dispatch('app:info', { admin: true }));
    expect(error.code).toBe('InvalidPayload');
    expect(error.message).toContain('unknown field "admin"');
  });

  it('names a field of the wrong type, with its path', async () => {
    const error = await failure(dispatch('runs:query', { limit: 2.5 }));
    expect(error.message).toContain('field "limit" must be an integer');
    const nested = await failure(dispatch('settings:update', { retention: { maxRuns: 'many' } }));
    expect(nested.message).toContain('field "retention.maxRuns" must be an integer');
  });

  it('names the enum a value must come from', async () => {
    const error = await failure(dispatch('workflows:callbackUrl', { name: 'orders', keyType: 'tertiary' }));
    expect(error.message).toContain('field "keyType" must be one of "primary", "secondary"');
  });

  it('explains a tagged body against the branch its kind picks', async () => {
    const base = { requestId: 'r1', method: 'POST', url: 'https://127.0.0.1:7071/', headers: [] };
    const missingText = await failure(dispatch('console:send', { ...base, body: { kind: 'text' } }));
    expect(missingText.message).toContain('missing required field "body.text"');
    const badKind = await failure(dispatch('console:send', { ...base, body: { kind: 'xml' } }));
    expect(badKind.message).toContain('field "body.kind" must be one of "none", "text", "form", "file"');
    const badHeader = await failure(dispatch('console:send', { ...base, headers: [['a']], body: { kind: 'none' } }));
    expect(badHeader.message).toContain('"headers[0]"');
  });

  it('rejects a notAfter that is not a date', async () => {
    const error = await failure(dispatch('workflows:callbackUrl', { name: 'orders', keyType: 'primary', notAfter: 'tomorrow' }));
    expect(error.code).toBe('InvalidPayload');
    expect(error.message).toContain('notAfter');
  });
});

describe('dispatcher: routing to the core', () => {
  it('answers app:info for the host it serves, with no payload at all', async () => {
    const dispatch = createDispatcher(createFakeWorkbench(), fakeOutbound(), 'electron');
    expect(await dispatch('app:info', undefined)).toMatchObject({ host: 'electron', version: '0.0.0-test' });
  });

  it('passes a callback URL expiry to the core as a Date', async () => {
    const core = createFakeWorkbench();
    const dispatch = createDispatcher(core, fakeOutbound(), 'web');
    const result = (await dispatch('workflows:callbackUrl', { name: 'orders', keyType: 'secondary', notAfter: '2030-01-01T00:00:00Z' })) as { url: string };
    expect(result.url).toContain('se=2030-01-01T00%3A00%3A00.000Z');
    expect(result.url).toContain('sig=FRESH-SECONDARY');
  });

  it('sends console calls through the outbound client and cancels them', async () => {
    const outbound = fakeOutbound();
    const dispatch = createDispatcher(createFakeWorkbench(), outbound, 'web');
    const request = { requestId: 'r1', method: 'GET', url: 'https://127.0.0.1:7071/x', headers: [['A', '1']], body: { kind: 'none' } };
    expect(await dispatch('console:send', request)).toEqual(okResponse);
    expect(outbound.sent).toEqual([request]);
    expect(await dispatch('console:cancel', { requestId: 'live' })).toEqual({ cancelled: true });
    expect(await dispatch('console:cancel', { requestId: 'gone' })).toEqual({ cancelled: false });
  });

  it('keeps the code of an error the core throws, and never sends its stack', async () => {
    const dispatch = createDispatcher(createFakeWorkbench(), fakeOutbound(), 'web');
    const error = await failure(dispatch('workflows:read', { name: 'nope' }));
    expect(error).toEqual({ code: 'WorkflowNotFound', message: workflowNotFound('nope').message });
    expect(Object.keys(error)).toEqual(['code', 'message']);
  });

  it('turns an unexpected failure into InternalError with its message only', () => {
    const payload = toApiErrorPayload(new TypeError('x is undefined'));
    expect(payload).toEqual({ code: 'InternalError', message: 'x is undefined' });
    expect(JSON.stringify(payload)).not.toContain('at ');
    expect(toApiErrorPayload(new CodedError('HistoryLocked', 'locked'))).toEqual({ code: 'HistoryLocked', message: 'locked' });
  });

  it('answers runs:get with null for an unknown run', async () => {
    const dispatch = createDispatcher(createFakeWorkbench(), fakeOutbound(), 'web');
    expect(await dispatch('runs:get', { id: 'missing' })).toBeNull();
  });
});

describe('dispatcher: runs:resubmit', () => {
  it('replays a SAS run with a freshly signed URL, its headers and body', async () => {
    const outbound = fakeOutbound();
    const core = createFakeWorkbench({ runs: [recordedRun()] });
    const dispatch = createDispatcher(core, outbound, 'web');
    expect(await dispatch('runs:resubmit', { id: recordedRun().id })).toEqual(okResponse);
    const sent = outbound.sent[0]!;
    expect(sent.method).toBe('POST');
    // Same path (with the relative path) and other parameters, byte for byte; the SAS signed again with the key that admitted it.
    expect(sent.url).toBe('https://127.0.0.1:7071/api/orders/triggers/manual/invoke/items/7?api-version=2022-05-01&extra=a%20b&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=FRESH-SECONDARY');
    expect(sent.headers).toEqual([['Content-Type', 'application/json'], ['X-Custom', 'yes']]);
    expect(sent.body).toEqual({ kind: 'text', text: '{"n":12345}' });
  });

  it('mints a token for a Bearer run whose token was not recorded', async () => {
    const outbound = fakeOutbound();
    const run = recordedRun({
      auth: { scheme: 'Bearer', policy: 'p1', claims: { iss: 'https://sts.windows.net/t/', aud: 'api://orders', sub: 'tester', roles: 'writer', exp: 1 } },
      request: { ...recordedRun().request, url: '/api/orders/triggers/manual/invoke?api-version=2022-05-01', headers: { Authorization: 'Bearer ***' } },
    });
    const core = createFakeWorkbench({ runs: [run] });
    await createDispatcher(core, outbound, 'web')('runs:resubmit', { id: run.id });
    expect(core.calls.find((c) => c.method === 'mintToken')?.args[0]).toEqual({ aud: 'api://orders', sub: 'tester', claims: { roles: 'writer' } });
    expect(outbound.sent[0]!.headers).toEqual([['Authorization', 'Bearer minted.jwt.token']]);
    expect(outbound.sent[0]!.url).toBe('https://127.0.0.1:7071/api/orders/triggers/manual/invoke?api-version=2022-05-01');
  });

  it('refuses a run whose body was only partly recorded, or that does not exist', async () => {
    const truncated = recordedRun({ request: { ...recordedRun().request, body: { size: 5_000_000, text: 'x', truncated: true } } });
    const dispatch = createDispatcher(createFakeWorkbench({ runs: [truncated] }), fakeOutbound(), 'web');
    expect((await failure(dispatch('runs:resubmit', { id: truncated.id }))).code).toBe('RunBodyTruncated');
    expect((await failure(dispatch('runs:resubmit', { id: 'other' }))).code).toBe('RunNotFound');
  });

  it('refuses a run the listener rejected (a forged signature, a blocked address), and a body that was never read', async () => {
    const forged = recordedRun({ status: 'Rejected', error: { code: 'SasSignatureMismatch', message: 'The signature does not match.' }, request: { ...recordedRun().request, body: { size: 11 } } });
    const outbound = fakeOutbound();
    const dispatch = createDispatcher(createFakeWorkbench({ runs: [forged] }), outbound, 'web');
    const refusal = await failure(dispatch('runs:resubmit', { id: forged.id }));
    expect(refusal.code).toBe('RunNotAdmitted');
    expect(refusal.message).toContain('SasSignatureMismatch');
    const unread = recordedRun({ request: { ...recordedRun().request, body: { size: 11 } } });
    const second = createDispatcher(createFakeWorkbench({ runs: [unread] }), outbound, 'web');
    expect((await failure(second('runs:resubmit', { id: unread.id }))).code).toBe('RunBodyNotRecorded');
    expect(outbound.sent).toEqual([]);
  });

  it('leaves out masked cookies instead of sending ***', async () => {
    const outbound = fakeOutbound();
    const run = recordedRun({ request: { ...recordedRun().request, headers: { Cookie: 'session=***', 'X-Custom': 'yes' } } });
    await createDispatcher(createFakeWorkbench({ runs: [run] }), outbound, 'web')('runs:resubmit', { id: run.id });
    expect(outbound.sent[0]!.headers).toEqual([['X-Custom', 'yes']]);
  });

  it('refuses while the listener is stopped', async () => {
    const dispatch = createDispatcher(createFakeWorkbench({ runs: [recordedRun()], running: false }), fakeOutbound(), 'web');
    expect((await failure(dispatch('runs:resubmit', { id: recordedRun().id }))).code).toBe('ListenerNotRunning');
  });

  it('replays a binary body as bytes', async () => {
    const outbound = fakeOutbound();
    const run = recordedRun({ request: { ...recordedRun().request, body: { size: 3, base64: 'AAEC', contentType: 'application/octet-stream' } } });
    await createDispatcher(createFakeWorkbench({ runs: [run] }), outbound, 'web')('runs:resubmit', { id: run.id });
    expect(outbound.sent[0]!.body).toEqual({ kind: 'file', name: 'body', base64: 'AAEC', contentType: 'application/octet-stream' });
  });
});
