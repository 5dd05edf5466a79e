import { afterEach, describe, expect, it } from 'vitest';
import { createWebClient, readQueryParam, resolveTriggerbenchApi, tokenFromPage, WEB_TOKEN_STORAGE_KEY } from '../../src-renderer/lib/web-client.ts';
import type { TriggerbenchApi } from '../../src-shared/contract.ts';

type Listener = (event: { data: string }) => void;

/** An EventSource double: records the URL and lets the test deliver events. */
class FakeEventSource {
  static instances: FakeEventSource[] = [];
  readonly listeners = new Map<string, Set<Listener>>();
  closed = false;
  readonly url: string;
  constructor(url: string) {
    this.url = url;
    FakeEventSource.instances.push(this);
  }
  addEventListener(type: string, listener: Listener): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }
  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }
  close(): void {
    this.closed = true;
  }
  emit(type: string, payload: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) listener({ data: JSON.stringify(payload) });
  }
}

const page = globalThis as unknown as Record<string, unknown>;

afterEach(() => {
  FakeEventSource.instances = [];
  delete page.location;
  delete page.sessionStorage;
  delete page.triggerbench;
});

describe('web client events', () => {
  it('opens one stream with the token, relays payloads per channel, and closes after the last unsubscribe', () => {
    const client = createWebClient({ token: 'a b', EventSource: FakeEventSource, fetch: async () => ({ ok: true, status: 200, text: async () => 'null' }) });
    const runs: unknown[] = [];
    const statuses: unknown[] = [];
    const offRuns = client.on('runs:changed', (p) => runs.push(p));
    const offStatus = client.on('listener:status', (p) => statuses.push(p));
    expect(FakeEventSource.instances).toHaveLength(1);
    const source = FakeEventSource.instances[0]!;
    expect(source.url).toBe('/api/events?token=a%20b');
    source.emit('runs:changed', { ids: ['1'] });
    expect(runs).toEqual([{ ids: ['1'] }]);
    expect(statuses).toEqual([]);
    offRuns();
    source.emit('runs:changed', { ids: ['2'] });
    expect(runs).toHaveLength(1);
    expect(source.closed).toBe(false);
    offStatus();
    expect(source.closed).toBe(true);
  });

  it('sends the token header and JSON body on invoke', async () => {
    const seen: { url: string; init: { headers: Record<string, string>; body: string } }[] = [];
    const client = createWebClient({
      token: 'tok',
      baseUrl: 'http://127.0.0.1:9/',
      fetch: async (url, init) => {
        seen.push({ url, init });
        return { ok: true, status: 200, text: async () => '{"deleted":3}' };
      },
    });
    expect(await client.invoke('runs:clear', { workflow: 'orders' })).toEqual({ deleted: 3 });
    expect(seen[0]!.url).toBe('http://127.0.0.1:9/api/invoke/runs%3Aclear');
    expect(seen[0]!.init.headers['X-Triggerbench-Token']).toBe('tok');
    expect(JSON.parse(seen[0]!.init.body)).toEqual({ workflow: 'orders' });
  });

  it('says the host is gone when fetch itself fails', async () => {
    const client = createWebClient({ token: 't', fetch: async () => Promise.reject(new TypeError('fetch failed')) });
    await expect(client.invoke('app:info', {})).rejects.toMatchObject({ code: 'HostUnreachable' });
  });
});

describe('picking the API in the page', () => {
  it('reads the token from the URL and remembers it for reloads', () => {
    const store = new Map<string, string>();
    page.sessionStorage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    page.location = { search: '?x=1&token=abc%2Bdef' };
    expect(tokenFromPage()).toBe('abc+def');
    expect(store.get(WEB_TOKEN_STORAGE_KEY)).toBe('abc+def');
    page.location = { search: '' };
    expect(tokenFromPage()).toBe('abc+def');
  });

  it('takes the token out of the address bar once read, keeping the rest of the URL', () => {
    const store = new Map<string, string>();
    page.sessionStorage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const replaced: string[] = [];
    page.location = { search: '?x=1&token=secret&y=2', pathname: '/index.html', hash: '#runs' };
    page.history = { replaceState: (_data: unknown, _unused: string, url?: string) => void replaced.push(url ?? '') };
    expect(tokenFromPage()).toBe('secret');
    expect(replaced).toEqual(['/index.html?x=1&y=2#runs']);
    page.location = { search: '?token=secret', pathname: '/' };
    tokenFromPage();
    expect(replaced[1]).toBe('/');
    delete page.history;
  });

  it('prefers the Electron preload, and refuses to start without a token', () => {
    page.location = { search: '' };
    expect(() => resolveTriggerbenchApi()).toThrow(expect.objectContaining({ code: 'MissingToken' }));
    const preload = { invoke: async () => null, on: () => () => {} } as unknown as TriggerbenchApi;
    page.triggerbench = preload;
    expect(resolveTriggerbenchApi()).toBe(preload);
  });

  it('decodes query parameters like a browser', () => {
    expect(readQueryParam('?a=1&token=x+y%21', 'token')).toBe('x y!');
    expect(readQueryParam('?token', 'token')).toBeUndefined();
    expect(readQueryParam('?token=%E0%A4%A', 'token')).toBeUndefined();
  });
});
