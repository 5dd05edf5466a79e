import type { ServerResponse } from 'node:http';

/** A refusal the listener sends as `{ "error": { "code", "message" } }` (Azure's shape). */
export interface HttpRefusal {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
  /**
   * The fuller reason the run history records when the caller, not yet authenticated,
   * may only get `message` (docs/runtime.md, "Before authentication").
   */
  detail?: string;
}

/** The JSON bytes of Azure's error body. */
export function errorBody(code: string, message: string): Buffer {
  return Buffer.from(JSON.stringify({ error: { code, message } }), 'utf8');
}

/** Writes a message once; later writes are ignored (the caller may have gone). */
export function writeMessage(res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { ...headers, 'Content-Length': String(body.length) });
  res.end(body);
}
