import type { EventChannel, EventChannels, RequestChannel, RequestOf, ResponseOf, TriggerbenchApi } from '../../src-shared/contract.ts';

type Handler<C extends RequestChannel> = (request: RequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;

/** A recorded call. */
export interface FakeCall {
  channel: RequestChannel;
  request: unknown;
}

/**
 * A `TriggerbenchApi` for store tests: handlers per channel, every call recorded, and
 * `emit` to play an event from the core. A channel without a handler rejects with the
 * `{ code, message }` shape the real hosts use, so a store that calls something
 * unexpected fails loudly.
 */
export class FakeApi implements TriggerbenchApi {
  readonly calls: FakeCall[] = [];
  private readonly handlers = new Map<RequestChannel, Handler<RequestChannel>>();
  private readonly listeners = new Map<EventChannel, Set<(payload: never) => void>>();

  handle<C extends RequestChannel>(channel: C, handler: Handler<C>): this {
    this.handlers.set(channel, handler as unknown as Handler<RequestChannel>);
    return this;
  }

  async invoke<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    this.calls.push({ channel, request });
    const handler = this.handlers.get(channel) as Handler<C> | undefined;
    if (!handler) throw Object.assign(new Error(`No fake handler for ${channel}`), { code: 'NoHandler' });
    return handler(request);
  }

  on<E extends EventChannel>(channel: E, listener: (payload: EventChannels[E]) => void): () => void {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  emit<E extends EventChannel>(channel: E, payload: EventChannels[E]): void {
    for (const listener of this.listeners.get(channel) ?? []) (listener as (p: EventChannels[E]) => void)(payload);
  }

  listenerCount(channel: EventChannel): number {
    return this.listeners.get(channel)?.size ?? 0;
  }

  callsTo(channel: RequestChannel): unknown[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.request);
  }
}

/** A clipboard that remembers what was written. */
export class FakeClipboard {
  text: string | null = null;
  async writeText(text: string): Promise<void> {
    this.text = text;
  }
}

/** A promise with its resolve exposed (to hold a fake call open, e.g. a slow console:send). */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
