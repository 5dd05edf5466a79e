import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { OutboundError, sendHttp } from '../../src-main/runtime/http/send-http.ts';

describe('outbound requests', () => {
  it('a server that never answers ends in RequestTimeout after the limit, not a hang', async () => {
    const server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      const error = await sendHttp({ method: 'GET', url, headers: {}, signal: new AbortController().signal, timeoutMs: 100 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OutboundError);
      expect((error as OutboundError).code).toBe('RequestTimeout');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a refused connection says nothing is listening', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await new Promise((resolve) => server.close(resolve));
    const error = await sendHttp({ method: 'GET', url, headers: {}, signal: new AbortController().signal }).catch((e: unknown) => e);
    expect((error as OutboundError).code).toBe('ConnectionRefused');
  });
});
