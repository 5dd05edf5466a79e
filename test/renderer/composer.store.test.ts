import { describe, expect, it } from 'vitest';
import type { ConsoleRequest } from '../../src-shared/contract.ts';
import { createStores } from '../../src-renderer/stores/stores.ts';
import { callbackUrl, okResponse, workflowView, workspaceView } from './fixtures.ts';
import { FakeApi, FakeClipboard, deferred } from './fake-api.ts';

async function setup(api = new FakeApi()) {
  api.handle('workspace:get', () => workspaceView(workflowView('account'), workflowView('secured', { oauthPolicies: [{ name: 'sample', type: 'AAD', claims: [{ name: 'iss', value: 'https://sts.windows.net/t/' }, { name: 'aud', value: 'api://triggerbench-sample' }, { name: 'roles', value: 'Reader' }] }], trigger: { name: 'manual', method: 'POST' } })));
  const stores = createStores({ api, clipboard: new FakeClipboard() });
  await stores.workspace.getState().load();
  return { api, stores, composer: stores.composer };
}

describe('composer: picking a workflow', () => {
  it('fills the callback URL, the method, the query table and a starter body from the schema', async () => {
    const { composer } = await setup();
    composer.getState().useWorkflow('account');
    const s = composer.getState();
    expect(s.url).toBe(callbackUrl('account'));
    expect(s.method).toBe('POST');
    expect(s.params.map((p) => [p.key, p.value])).toEqual([
      ['api-version', '2022-05-01'],
      ['sp', '/triggers/manual/run'],
      ['sv', '1.0'],
      ['sig', 'SIGPRIMARY'],
    ]);
    expect(JSON.parse(s.bodyText)).toEqual({ account: { name: '', ID: '' } });
    expect(s.headers.map((h) => [h.key, h.value])).toEqual([['Content-Type', 'application/json']]);
  });

  it('never overwrites a body the user wrote', async () => {
    const { composer } = await setup();
    composer.getState().setBodyText('{"mine":true}');
    composer.getState().useWorkflow('account');
    expect(composer.getState().bodyText).toBe('{"mine":true}');
  });
});

describe('composer: auth toggle SAS | Bearer | None', () => {
  it('Bearer strips sp/sv/sig from the URL and adds Authorization: Bearer <token>; SAS puts them back', async () => {
    const { composer } = await setup();
    composer.getState().useWorkflow('account');
    composer.getState().setToken('aaa.bbb.ccc');
    composer.getState().setAuth('bearer');
    let s = composer.getState();
    expect(s.url).toBe('https://127.0.0.1:7071/api/account/triggers/manual/invoke?api-version=2022-05-01');
    expect(s.params.map((p) => p.key)).toEqual(['api-version']);
    expect(s.headers.find((h) => h.key === 'Authorization')).toMatchObject({ value: 'Bearer aaa.bbb.ccc', auto: 'auth' });

    composer.getState().setAuth('sas');
    s = composer.getState();
    expect(s.url).toBe(callbackUrl('account'));
    expect(s.headers.some((h) => h.key === 'Authorization')).toBe(false);
  });

  it('Bearer also strips the expiry (se) of a URL from `triggerbench url --expires`, which would otherwise get 400 DirectApiRequestHasMoreThanOneAuthorization', async () => {
    const { composer } = await setup();
    const expiring = 'https://127.0.0.1:7071/api/account/triggers/manual/invoke?api-version=2022-05-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&se=2030-01-01T00%3A00%3A00.0000000Z&sig=SIG';
    composer.getState().setUrl(expiring);
    composer.getState().setToken('aaa.bbb.ccc');
    composer.getState().setAuth('bearer');
    expect(composer.getState().buildRequest().url).toBe('https://127.0.0.1:7071/api/account/triggers/manual/invoke?api-version=2022-05-01');
    composer.getState().setAuth('sas');
    const restored = new URL(composer.getState().url).searchParams;
    expect([...restored.keys()]).toEqual(['api-version', 'sp', 'sv', 'se', 'sig']);
    expect(restored.get('se')).toBe('2030-01-01T00:00:00.0000000Z');
  });

  it('None strips the signature and sends no Authorization header', async () => {
    const { composer } = await setup();
    composer.getState().useWorkflow('account');
    composer.getState().setToken('aaa.bbb.ccc');
    composer.getState().setAuth('none');
    const request = composer.getState().buildRequest();
    expect(request.url).not.toMatch(/sig=|sp=|sv=/);
    expect(request.headers.some(([k]) => k.toLowerCase() === 'authorization')).toBe(false);
  });

  it('Bearer without a token sends no Authorization header (the listener answers 401)', async () => {
    const { composer } = await setup();
    composer.getState().useWorkflow('secured');
    composer.getState().setAuth('bearer');
    expect(composer.getState().buildRequest().headers).toEqual([['Content-Type', 'application/json']]);
  });

  it('a minted token goes into the Authorization header at once', async () => {
    const { api, composer } = await setup();
    api.handle('auth:mintToken', (req) => ({ token: 'h.p.s', claims: { aud: req.aud, sub: req.sub, roles: req.claims?.roles }, expiresAt: '2030-01-01T00:00:00.000Z' }));
    composer.getState().useWorkflow('secured');
    composer.getState().setAuth('bearer');
    composer.getState().setMintField('aud', 'api://triggerbench-sample');
    composer.getState().setMintField('claimsText', '{"roles":["Reader"]}');
    expect(await composer.getState().mintToken()).toBe(true);
    expect(api.callsTo('auth:mintToken')[0]).toEqual({ aud: 'api://triggerbench-sample', sub: 'triggerbench-console', claims: { roles: ['Reader'] }, ttlSeconds: 3600 });
    expect(composer.getState().buildRequest().headers).toContainEqual(['Authorization', 'Bearer h.p.s']);
    expect(composer.getState().tokenClaims).toMatchObject({ aud: 'api://triggerbench-sample' });
  });

  it('picking a workflow with an OAuth policy prefills the mint form with its claims (all but iss)', async () => {
    const { composer } = await setup();
    composer.getState().useWorkflow('secured');
    expect(composer.getState().mint).toMatchObject({ aud: 'api://triggerbench-sample', claimsText: '{"roles":"Reader"}' });
    composer.getState().setMintField('aud', 'other');
    composer.getState().fillMintFromPolicy('sample');
    expect(composer.getState().mint.aud).toBe('api://triggerbench-sample');
  });

  it('refuses extra claims that are not a JSON object, in plain words, without calling the core', async () => {
    const { api, composer } = await setup();
    composer.getState().setMintField('claimsText', '[1,2]');
    expect(await composer.getState().mintToken()).toBe(false);
    expect(composer.getState().mintError).toMatch(/JSON object/);
    expect(api.callsTo('auth:mintToken')).toHaveLength(0);
  });

  it('shows the core’s mint error where the button is', async () => {
    const { api, composer } = await setup();
    api.handle('auth:mintToken', () => {
      throw Object.assign(new Error('The audience is too long.'), { code: 'InvalidTokenOptions' });
    });
    expect(await composer.getState().mintToken()).toBe(false);
    expect(composer.getState().mintError).toBe('The audience is too long.');
  });
});

describe('composer: query table and URL stay in step', () => {
  it('editing the URL rewrites the table, keeping disabled rows', async () => {
    const { composer } = await setup();
    composer.getState().setUrl('https://h/x?a=1&b=two%20words');
    const rows = composer.getState().params;
    expect(rows.map((r) => [r.key, r.value])).toEqual([
      ['a', '1'],
      ['b', 'two words'],
    ]);
    composer.getState().setParams(rows.map((r) => (r.key === 'a' ? { ...r, enabled: false } : r)));
    expect(composer.getState().url).toBe('https://h/x?b=two%20words');
    composer.getState().setUrl('https://h/x?b=2&c=3');
    expect(composer.getState().params.map((r) => [r.key, r.value, r.enabled])).toEqual([
      ['b', '2', true],
      ['c', '3', true],
      ['a', '1', false],
    ]);
  });

  it('editing the table rewrites the URL (encoded) and removing every row drops the ?', async () => {
    const { composer } = await setup();
    composer.getState().setUrl('https://h/x');
    composer.getState().setParams([{ id: 'n1', enabled: true, key: 'country', value: 'the netherlands&co' }]);
    expect(composer.getState().url).toBe('https://h/x?country=the%20netherlands%26co');
    composer.getState().setParams([]);
    expect(composer.getState().url).toBe('https://h/x');
  });
});

describe('composer: body', () => {
  it('flags JSON syntax errors and schema mismatches against the target trigger', async () => {
    const { composer } = await setup();
    composer.getState().useWorkflow('account');
    composer.getState().setBodyText('{"account": {"name": 5}}');
    const schemaIssue = composer.getState().bodyDiagnostics.find((d) => d.message.includes('/account/name'));
    expect(schemaIssue?.message).toMatch(/should be string, but is integer/);
    const text = composer.getState().bodyText;
    expect(text.slice(schemaIssue!.from, schemaIssue!.to)).toBe('5');
    composer.getState().setBodyText('{"account": ');
    expect(composer.getState().bodyDiagnostics[0]?.message).toMatch(/Invalid JSON at line 1/);
    composer.getState().setBodyText('{"account": {"name": "Contoso"}}');
    expect(composer.getState().bodyDiagnostics).toEqual([]);
  });

  it('switching body kinds keeps the Content-Type header in step, unless the user set their own', async () => {
    const { composer } = await setup();
    composer.getState().setBodyKind('form');
    expect(composer.getState().headers.map((h) => [h.key, h.value])).toEqual([['Content-Type', 'application/x-www-form-urlencoded']]);
    composer.getState().setBodyKind('none');
    expect(composer.getState().headers).toEqual([]);
    composer.getState().setHeaders([{ id: 'u', enabled: true, key: 'content-type', value: 'application/vnd.custom+json' }]);
    composer.getState().setBodyKind('json');
    expect(composer.getState().headers.map((h) => h.value)).toEqual(['application/vnd.custom+json']);
  });

  it('builds form and file bodies as the contract describes them', async () => {
    const { composer } = await setup();
    composer.getState().setUrl('https://h/x');
    composer.getState().setBodyKind('form');
    composer.getState().setFormRows([
      { id: 'a', enabled: true, key: 'name', value: 'Contoso' },
      { id: 'b', enabled: false, key: 'skip', value: 'me' },
    ]);
    expect(composer.getState().buildRequest().body).toEqual({ kind: 'form', fields: [['name', 'Contoso']] });
    composer.getState().setBodyKind('file');
    composer.getState().setFile({ name: 'a.bin', base64: 'AAE=', contentType: 'application/pdf', size: 2 });
    expect(composer.getState().buildRequest().body).toEqual({ kind: 'file', name: 'a.bin', base64: 'AAE=', contentType: 'application/pdf' });
    expect(composer.getState().buildRequest().headers).toEqual([['Content-Type', 'application/pdf']]);
  });
});

describe('composer: send', () => {
  it('sends through console:send and the response store shows the result', async () => {
    const { api, stores, composer } = await setup();
    const seen: ConsoleRequest[] = [];
    api.handle('console:send', (req) => {
      seen.push(req);
      return okResponse();
    });
    composer.getState().useWorkflow('account');
    await composer.getState().send();
    expect(seen[0]).toMatchObject({ method: 'POST', url: callbackUrl('account'), headers: [['Content-Type', 'application/json']], body: { kind: 'text' } });
    expect(stores.response.getState()).toMatchObject({ phase: 'done', response: { status: 200 } });
  });

  it('says what is wrong instead of sending an empty or relative URL', async () => {
    const { api, composer } = await setup();
    await composer.getState().send();
    expect(composer.getState().sendError).toMatch(/Enter a URL/);
    composer.getState().setUrl('127.0.0.1:7071/api/x');
    await composer.getState().send();
    expect(composer.getState().sendError).toMatch(/https:\/\//);
    expect(api.callsTo('console:send')).toHaveLength(0);
  });

  it('does not start a second call while one is in flight (Ctrl+Enter twice)', async () => {
    const { api, composer, stores } = await setup();
    const held = deferred<ReturnType<typeof okResponse>>();
    api.handle('console:send', () => held.promise);
    composer.getState().setUrl('https://127.0.0.1:7071/x');
    const first = composer.getState().send();
    void composer.getState().send();
    expect(api.callsTo('console:send')).toHaveLength(1);
    expect(stores.response.getState().phase).toBe('sending');
    held.resolve(okResponse());
    await first;
    expect(stores.response.getState().phase).toBe('done');
  });

  it('re-checks the body when the target’s schema changes on disk', async () => {
    const { api, composer } = await setup();
    composer.getState().useWorkflow('account');
    composer.getState().setBodyText('{"account": {"name": "x"}}');
    expect(composer.getState().bodyDiagnostics).toEqual([]);
    api.emit('workspace:changed', workspaceView(workflowView('account', { trigger: { name: 'manual', method: 'POST', schema: { type: 'object', required: ['orderId'] } } })));
    expect(composer.getState().bodyDiagnostics[0]?.message).toMatch(/missing the required property 'orderId'/);
  });
});

describe('composer: the target moves (port change, regenerated key)', () => {
  it('carries the composed URL to the new port and signature, keeping what the user added', async () => {
    const { api, composer } = await setup();
    composer.getState().useWorkflow('account');
    composer.getState().setUrl(callbackUrl('account').replace('/invoke?', '/invoke/orders/{{id}}?') + '&extra={{x}}');
    const moved = (url: string) => url.replace(':7071', ':7545').replace('SIGPRIMARY', 'NEWSIG');
    const next = workflowView('account', { callbackUrl: { primary: moved(callbackUrl('account')), secondary: moved(callbackUrl('account', 'SIGSECONDARY')) } });
    api.emit('workspace:changed', workspaceView(next));
    const s = composer.getState();
    expect(s.url).toBe('https://127.0.0.1:7545/api/account/triggers/manual/invoke/orders/{{id}}?api-version=2022-05-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=NEWSIG&extra={{x}}');
    expect(s.params.find((p) => p.key === 'sig')?.value).toBe('NEWSIG');
  });

  it('leaves a URL the user typed for somewhere else alone', async () => {
    const { api, composer } = await setup();
    composer.getState().useWorkflow('account');
    composer.getState().setUrl('https://example.test/other');
    api.emit('workspace:changed', workspaceView(workflowView('account', { callbackUrl: { primary: callbackUrl('account', 'NEW'), secondary: callbackUrl('account', 'NEW2') } })));
    expect(composer.getState().url).toBe('https://example.test/other');
  });
});
