/**
 * The console's API over the loopback web host: `TriggerbenchApi` on top of `fetch`
 * (calls) and `EventSource` (events), for when the console runs in a browser rather
 * than inside Electron (where the preload provides `window.triggerbench`).
 *
 * Pure: it touches only `fetch`, `EventSource`, `location` and `sessionStorage` from
 * `globalThis`, through the minimal types below (src-shared has no DOM types).
 */
import { CodedError } from '../../src-shared/coded-error.ts';
import { WEB_TOKEN_HEADER, WEB_TOKEN_QUERY, type ApiErrorPayload, type EventChannel, type EventChannels, type RequestChannel, type RequestOf, type ResponseOf, type TriggerbenchApi } from '../../src-shared/contract.ts';

/** Header that carries the per-start token on API calls (the web host checks it). */
export { WEB_TOKEN_HEADER };

/** Where the page keeps the token, so a reload of the same tab keeps working. */
export const WEB_TOKEN_STORAGE_KEY = 'triggerbench.token';

interface FetchResponseLike {
  ok: boolean;
  status: number;
  text(): Promise<string>;
}
type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string; cache?: 'no-store'; credentials?: 'same-origin' }) => Promise<FetchResponseLike>;
interface MessageEventLike {
  data: string;
}
interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEventLike) => void): void;
  removeEventListener(type: string, listener: (event: MessageEventLike) => void): void;
  close(): void;
}
type EventSourceCtor = new (url: string) => EventSourceLike;
interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
interface PageGlobals {
  fetch?: FetchLike;
  EventSource?: EventSourceCtor;
  location?: { search: string; pathname?: string; hash?: string };
  history?: { replaceState(data: unknown, unused: string, url?: string): void };
  sessionStorage?: StorageLike;
  triggerbench?: TriggerbenchApi;
}

/** A failed call: an Error carrying the `{ code, message }` the host sent. */
export class WebApiError extends CodedError implements ApiErrorPayload {
  constructor(payload: ApiErrorPayload) {
    super(payload.code, payload.message);
  }
}

/** Options of {@link createWebClient}. */
export interface WebClientOptions {
  token: string;
  /** Origin of the web host; '' (the default) means the page's own. */
  baseUrl?: string;
  /** Injected in tests; default `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Injected in tests; default `globalThis.EventSource`. */
  EventSource?: EventSourceCtor;
}

/** A web client: the API, plus `close()` to end the event stream. */
export interface WebClient extends TriggerbenchApi {
  close(): void;
}

function errorFrom(status: number, text: string): WebApiError {
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (parsed.error && typeof parsed.error.code === 'string' && typeof parsed.error.message === 'string') {
      return new WebApiError({ code: parsed.error.code, message: parsed.error.message });
    }
  } catch {
    // Not JSON: fall through to a status-based error.
  }
  return new WebApiError({ code: `Http${status}`, message: `The web host answered ${status} without an explanation.` });
}

/** Creates the client. The event stream opens at the first `on` and closes when the last listener goes. */
export function createWebClient(options: WebClientOptions): WebClient {
  const page = globalThis as unknown as PageGlobals;
  const doFetch = options.fetch ?? page.fetch?.bind(globalThis);
  const EventSourceImpl = options.EventSource ?? page.EventSource;
  const base = (options.baseUrl ?? '').replace(/\/$/, '');
  const listeners = new Map<EventChannel, Set<(payload: never) => void>>();
  const relays = new Map<EventChannel, (event: MessageEventLike) => void>();
  let source: EventSourceLike | undefined;

  const closeStream = (): void => {
    source?.close();
    source = undefined;
    relays.clear();
  };

  return {
    async invoke<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
      if (!doFetch) throw new WebApiError({ code: 'NoFetch', message: 'This browser has no fetch(); use a current Chromium, Firefox or Safari.' });
      let response: FetchResponseLike;
      try {
        response = await doFetch(`${base}/api/invoke/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [WEB_TOKEN_HEADER]: options.token },
          body: JSON.stringify(request ?? {}),
          cache: 'no-store',
          credentials: 'same-origin',
        });
      } catch {
        throw new WebApiError({ code: 'HostUnreachable', message: 'The web host does not answer. Is `triggerbench ui` still running? Start it again and open the new URL.' });
      }
      const text = await response.text();
      if (!response.ok) throw errorFrom(response.status, text);
      return JSON.parse(text) as ResponseOf<C>;
    },

    on<E extends EventChannel>(channel: E, listener: (payload: EventChannels[E]) => void): () => void {
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
      }
      set.add(listener as (payload: never) => void);
      if (!source && EventSourceImpl) source = new EventSourceImpl(`${base}/api/events?${WEB_TOKEN_QUERY}=${encodeURIComponent(options.token)}`);
      if (source && !relays.has(channel)) {
        const relay = (event: MessageEventLike): void => {
          const payload = JSON.parse(event.data) as EventChannels[E];
          for (const each of [...(listeners.get(channel) ?? [])]) (each as (payload: EventChannels[E]) => void)(payload);
        };
        relays.set(channel, relay);
        source.addEventListener(channel, relay);
      }
      return () => {
        set.delete(listener as (payload: never) => void);
        if (set.size > 0) return;
        listeners.delete(channel);
        const relay = relays.get(channel);
        if (relay) source?.removeEventListener(channel, relay);
        relays.delete(channel);
        if (listeners.size === 0) closeStream();
      };
    },

    close: closeStream,
  };
}

/** One query parameter's decoded value (URLSearchParams is a DOM/Node global, not ECMAScript). */
export function readQueryParam(search: string, name: string): string | undefined {
  for (const pair of search.replace(/^\?/, '').split('&')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (key !== name) continue;
    try {
      return decodeURIComponent((eq < 0 ? '' : pair.slice(eq + 1)).replace(/\+/g, ' ')) || undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** A query string without one parameter (`?a=1&token=x&b=2` → `?a=1&b=2`; `''` when nothing is left). */
export function withoutQueryParam(search: string, name: string): string {
  const kept = search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '' && (pair.indexOf('=') < 0 ? pair : pair.slice(0, pair.indexOf('='))) !== name);
  return kept.length > 0 ? `?${kept.join('&')}` : '';
}

/**
 * The token for this tab: from the page URL (`?token=...`, as `triggerbench ui` prints
 * it), remembered in sessionStorage so a reload keeps working; undefined when neither has it.
 */
export function tokenFromPage(): string | undefined {
  const page = globalThis as unknown as PageGlobals;
  const fromUrl = page.location ? readQueryParam(page.location.search, WEB_TOKEN_QUERY) : undefined;
  if (fromUrl) {
    page.sessionStorage?.setItem(WEB_TOKEN_STORAGE_KEY, fromUrl);
    // Out of the address bar (and so out of browser history, bookmarks and screenshots):
    // whoever holds the token drives the whole API (docs/hosts.md, Web host security).
    const rest = withoutQueryParam(page.location!.search, WEB_TOKEN_QUERY);
    page.history?.replaceState(null, '', `${page.location!.pathname ?? '/'}${rest}${page.location!.hash ?? ''}`);
    return fromUrl;
  }
  return page.sessionStorage?.getItem(WEB_TOKEN_STORAGE_KEY) ?? undefined;
}

/**
 * The API the console should use: the Electron preload's `window.triggerbench` when
 * present, else a web client with this page's token. Throws a `MissingToken` error when
 * the page was opened without one.
 */
export function resolveTriggerbenchApi(): TriggerbenchApi {
  const page = globalThis as unknown as PageGlobals;
  if (page.triggerbench) return page.triggerbench;
  const token = tokenFromPage();
  if (!token) throw new WebApiError({ code: 'MissingToken', message: 'This page was opened without its access token. Open the full URL `triggerbench ui` printed (it ends with ?token=...).' });
  return createWebClient({ token });
}
