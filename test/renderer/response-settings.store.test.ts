import { describe, expect, it } from 'vitest';
import type { AppInfo, ConsoleFailure, ConsoleRequest, ConsoleResponse } from '../../src-shared/contract.ts';
import { createStores } from '../../src-renderer/stores/stores.ts';
import { FakeApi, FakeClipboard, deferred } from './fake-api.ts';
import { okResponse } from './fixtures.ts';

function request(id: string): ConsoleRequest {
  return { requestId: id, method: 'POST', url: 'https://127.0.0.1:7071/api/a?sig=x', headers: [['Content-Type', 'application/json']], body: { kind: 'text', text: '{"a":1}' } };
}

function info(patch: Partial<AppInfo['settings']> = {}): AppInfo {
  return {
    version: '0.1.0',
    dataDir: '/data',
    listener: { running: true, host: '127.0.0.1', port: 7071, baseUrl: 'https://127.0.0.1:7071' },
    settings: { host: '127.0.0.1', port: 7071, timeoutSeconds: 60, retention: { maxRuns: 10000 }, ...patch },
    ca: { path: '/data/tls/ca-cert.pem', fingerprint256: 'AA:BB', notAfter: '2036-01-01T00:00:00Z', nameConstrained: true, hostsOutsideCa: [] },
    issuer: { issuer: 'https://sts.windows.net/t/', tenantId: 't', jwksUrl: 'https://x/jwks', openIdConfigurationUrl: 'https://x/.well-known' },
    host: 'web',
  };
}

function setup() {
  const api = new FakeApi();
  const clipboard = new FakeClipboard();
  const stores = createStores({ api, clipboard });
  return { api, clipboard, stores };
}

describe('response: a call in flight', () => {
  it('is "sending" until the answer, then shows it', async () => {
    const { api, stores } = setup();
    const held = deferred<ConsoleResponse>();
    api.handle('console:send', () => held.promise);
    const run = stores.response.getState().run(request('r1'));
    expect(stores.response.getState()).toMatchObject({ phase: 'sending', request: { requestId: 'r1' } });
    expect(stores.response.getState().startedAt).toBeTypeOf('number');
    held.resolve(okResponse('{"b":2}'));
    await run;
    expect(stores.response.getState()).toMatchObject({ phase: 'done', response: { status: 200, body: { text: '{"b":2}' } } });
  });

  it('Cancel asks console:cancel for this request id; the failure the core returns is shown', async () => {
    const { api, stores } = setup();
    const held = deferred<ConsoleResponse | ConsoleFailure>();
    api.handle('console:send', () => held.promise);
    api.handle('console:cancel', () => {
      held.resolve({ error: { code: 'Cancelled', message: 'You cancelled the request.' } });
      return { cancelled: true };
    });
    const run = stores.response.getState().run(request('r2'));
    await stores.response.getState().cancel();
    await run;
    expect(api.callsTo('console:cancel')).toEqual([{ requestId: 'r2' }]);
    expect(stores.response.getState()).toMatchObject({ phase: 'failed', failure: { code: 'Cancelled' } });
  });

  it('a late answer to an older call does not overwrite the newer one', async () => {
    const { api, stores } = setup();
    const first = deferred<ConsoleResponse>();
    api.handle('console:send', (req) => (req.requestId === 'old' ? first.promise : okResponse('{"new":true}')));
    const old = stores.response.getState().run(request('old'));
    await stores.response.getState().run(request('new'));
    first.resolve(okResponse('{"old":true}'));
    await old;
    expect(stores.response.getState().response?.body.text).toBe('{"new":true}');
  });

  it('a network error arrives as a failure with a code and plain words', async () => {
    const { api, stores } = setup();
    api.handle('console:send', () => ({ error: { code: 'ECONNREFUSED', message: 'Nothing listens on 127.0.0.1:7071. Is the listener running?' } }));
    await stores.response.getState().run(request('r3'));
    expect(stores.response.getState().failure).toEqual({ code: 'ECONNREFUSED', message: 'Nothing listens on 127.0.0.1:7071. Is the listener running?' });
  });

  it('copies the request as curl with --cacert', async () => {
    const { api, clipboard, stores } = setup();
    api.handle('console:send', () => okResponse());
    await stores.response.getState().run(request('r4'));
    expect(await stores.response.getState().copyCurl('/data/tls/ca-cert.pem')).toBe(true);
    expect(clipboard.text).toBe("curl 'https://127.0.0.1:7071/api/a?sig=x' \\\n  --cacert /data/tls/ca-cert.pem \\\n  -H 'Content-Type: application/json' \\\n  --data-raw '{\"a\":1}'");
  });
});

describe('settings', () => {
  it('timeout presets and custom values go through settings:update; the new info reaches the status bar', async () => {
    const { api, stores } = setup();
    api.handle('settings:update', (patch) => info({ timeoutSeconds: patch.timeoutSeconds }));
    expect(await stores.settings.getState().setTimeoutSeconds(235)).toBe(true);
    expect(api.callsTo('settings:update')).toEqual([{ timeoutSeconds: 235 }]);
    expect(stores.app.getState().info?.settings.timeoutSeconds).toBe(235);
  });

  it('refuses impossible values in plain words without calling the core', async () => {
    const { api, stores } = setup();
    expect(await stores.settings.getState().updateListener('127.0.0.1', 70000)).toBe(false);
    expect(stores.settings.getState().errors.listener?.message).toMatch(/0 to 65535/);
    expect(await stores.settings.getState().setTimeoutSeconds(0)).toBe(false);
    expect(await stores.settings.getState().setRetention(100, 0)).toBe(false);
    expect(api.callsTo('settings:update')).toHaveLength(0);
  });

  it('an error from the core stays in its own section', async () => {
    const { api, stores } = setup();
    api.handle('settings:update', () => {
      throw Object.assign(new Error('Port 7071 on 127.0.0.1 is already in use.'), { code: 'PortInUse' });
    });
    await stores.settings.getState().updateListener('127.0.0.1', 7071);
    expect(stores.settings.getState().errors).toEqual({ listener: { code: 'PortInUse', message: 'Port 7071 on 127.0.0.1 is already in use.' } });
  });

  it('regenerates a key, adds and removes trusted JWKS, copies the CA PEM', async () => {
    const { api, clipboard, stores } = setup();
    let list = [{ name: 'contoso', kids: ['k1'], addedAt: '2024-01-01T00:00:00Z' }];
    api.handle('keys:regenerate', ({ which }) => ({ regenerated: which }));
    api.handle('jwks:add', ({ name }) => (list = [...list, { name, kids: ['k2'], addedAt: '2024-01-02T00:00:00Z' }]));
    api.handle('jwks:remove', ({ name }) => (list = list.filter((j) => j.name !== name)));
    api.handle('tls:caPem', () => ({ pem: '-----BEGIN CERTIFICATE-----\nAA\n-----END CERTIFICATE-----\n' }));
    expect(await stores.settings.getState().regenerateKey('secondary')).toBe(true);
    expect(stores.settings.getState().regenerated).toBe('secondary');
    await stores.settings.getState().addJwks('fabrikam', '{"keys":[]}');
    expect(stores.settings.getState().jwks.map((j) => j.name)).toEqual(['contoso', 'fabrikam']);
    await stores.settings.getState().removeJwks('contoso');
    expect(stores.settings.getState().jwks.map((j) => j.name)).toEqual(['fabrikam']);
    expect(await stores.settings.getState().copyCaPem()).toBe(true);
    expect(clipboard.text).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it('sends allowRemote only with the user\'s confirmation of a host beyond loopback', async () => {
    const { api, stores } = setup();
    api.handle('settings:update', (patch) => info({ host: patch.host, port: patch.port }));
    await stores.settings.getState().updateListener('127.0.0.1', 7071);
    await stores.settings.getState().updateListener('192.0.2.10', 7071, true);
    expect(api.callsTo('settings:update')).toEqual([{ host: '127.0.0.1', port: 7071 }, { host: '192.0.2.10', port: 7071, allowRemote: true }]);
  });

  it('regenerates the CA: the new info is shown, the old PEM is dropped, and the page reminds to trust it again', async () => {
    const { api, stores } = setup();
    api.handle('tls:caPem', () => ({ pem: 'OLD' }));
    await stores.settings.getState().loadCaPem();
    api.handle('tls:regenerateCa', () => ({ ...info(), ca: { ...info().ca, fingerprint256: 'CC:DD' } }));
    expect(await stores.settings.getState().regenerateCa()).toBe(true);
    expect(stores.app.getState().info?.ca.fingerprint256).toBe('CC:DD');
    expect(stores.settings.getState()).toMatchObject({ caPem: null, caRegenerated: true });
  });

  it('follows listener:status events for the status bar', async () => {
    const { api, stores } = setup();
    api.handle('app:info', () => info());
    await stores.app.getState().load();
    api.emit('listener:status', { running: false, host: '127.0.0.1', port: 7071, baseUrl: '', error: { code: 'PortInUse', message: 'Port 7071 is in use.' } });
    expect(stores.app.getState().listener).toMatchObject({ running: false, error: { code: 'PortInUse' } });
  });
});
