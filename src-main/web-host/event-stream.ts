import type { ServerResponse } from 'node:http';
import { EVENT_CHANNELS, type EventChannel } from '../../src-shared/contract.ts';
import type { WorkbenchApi } from '../core/workbench-api.ts';

/** A comment line every so often keeps proxies and idle timers from closing a quiet stream. */
const HEARTBEAT_MS = 20_000;

/** Server-sent events for the console: every EventChannels event, to every open stream. */
export interface EventStreamHub {
  /** Turns a response into an event stream until the client goes away. */
  attach(res: ServerResponse, extraHeaders: Record<string, string>): void;
  /** Open streams (for tests and shutdown). */
  readonly size: number;
  /** Ends every stream and stops listening to the workbench. */
  close(): void;
}

/** Formats one SSE message: `event: <channel>` and the payload as one JSON `data:` line. */
export function formatServerSentEvent(channel: EventChannel, payload: unknown): string {
  // JSON.stringify never emits a raw line break, so one data line always suffices.
  return `event: ${channel}\ndata: ${JSON.stringify(payload)}\n\n`;
}

/** Subscribes to the workbench's events and fans them out to the attached streams. */
export function createEventStreamHub(events: WorkbenchApi['events']): EventStreamHub {
  const clients = new Set<ServerResponse>();
  const broadcast = (text: string): void => {
    for (const res of clients) res.write(text);
  };
  const listeners = EVENT_CHANNELS.map((channel) => {
    const listener = (payload: unknown): void => broadcast(formatServerSentEvent(channel, payload));
    (events as unknown as NodeJS.EventEmitter).on(channel, listener);
    return { channel, listener };
  });
  const heartbeat = setInterval(() => broadcast(': ping\n\n'), HEARTBEAT_MS);
  heartbeat.unref();

  return {
    attach(res, extraHeaders) {
      res.writeHead(200, {
        ...extraHeaders,
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      // `retry` sets EventSource's reconnect delay; the comment flushes the headers at once.
      res.write('retry: 2000\n: connected\n\n');
      clients.add(res);
      res.on('close', () => clients.delete(res));
    },
    get size() {
      return clients.size;
    },
    close() {
      clearInterval(heartbeat);
      for (const { channel, listener } of listeners) (events as unknown as NodeJS.EventEmitter).off(channel, listener);
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
