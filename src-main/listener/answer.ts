import { JSON_CONTENT_TYPE } from '../../src-shared/media-types.ts';
import type { ServerResponse } from 'node:http';
import type { ResponseMessage } from '../runtime/run-types.ts';

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

/** An error answer in Azure's JSON shape; `headers` come after the Content-Type. */
export function errorMessage(status: number, code: string, message: string, headers: Record<string, string> = {}): ResponseMessage {
  return { status, headers: { 'Content-Type': JSON_CONTENT_TYPE, ...headers }, body: errorBody(code, message) };
}

/** A JSON document answer (the issuer's metadata). */
export function jsonMessage(status: number, value: unknown, headers: Record<string, string> = {}): ResponseMessage {
  return { status, headers: { 'Content-Type': JSON_CONTENT_TYPE, ...headers }, body: Buffer.from(JSON.stringify(value)) };
}

/** Why a caller waiting for a Response got none from the run (docs/runtime.md, "The Response"). */
export type GatewayFailure =
  | { code: 'NoResponse'; runId: string; outcome: string }
  | { code: 'ServiceStopping'; runId: string }
  | { code: 'GatewayTimeout'; runId: string; timeoutMs: number };

/** The 502, 503 or 504 a caller gets when the run cannot answer; `headers` are the workflow's x-ms-* headers. */
export function gatewayMessage(failure: GatewayFailure, headers: Record<string, string>): ResponseMessage {
  switch (failure.code) {
    case 'NoResponse':
      return errorMessage(502, 'NoResponse', `The workflow finished (${failure.outcome}) without running a Response action, so there is no response to send. See run '${failure.runId}' in the history.`, headers);
    case 'ServiceStopping':
      return errorMessage(503, 'ServiceStopping', `Triggerbench stopped while run '${failure.runId}' was waiting, so it was cancelled before sending a Response. Start Triggerbench again and resend the call.`, headers);
    case 'GatewayTimeout':
      return errorMessage(504, 'GatewayTimeout', `The workflow did not send a Response within ${Math.round(failure.timeoutMs / 1000)} seconds, so the request timed out. The run goes on; see run '${failure.runId}' in the history. Change the limit with --timeout or in Settings.`, headers);
  }
}

/** Writes a message once; later writes are ignored (the caller may have gone). */
export function writeMessage(res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { ...headers, 'Content-Length': String(body.length) });
  res.end(body);
}

/** Writes a whole message (see writeMessage). */
export function writeAnswer(res: ServerResponse, message: ResponseMessage): void {
  writeMessage(res, message.status, message.headers, message.body);
}
