import { randomUUID } from 'node:crypto';
import type { ConsoleRequest } from '../../src-shared/contract.ts';
import { bodyText } from '../../src-shared/exchange/message-body.ts';
import type { Recording } from '../../src-shared/exchange/recording.ts';
import { compareWithRecording, updateRecording, type Difference } from '../../src-shared/exchange/recording-compare.ts';
import { createConsoleClient, type ConsoleClient } from '../outbound/console-client.ts';
import { readRecording, writeRecording } from './recording-files.ts';
import type { ReplayTarget } from './replay-target.ts';

/** How one case ended: matched, differed, rewritten by --update, or could not run. */
export type ReplayOutcome = 'passed' | 'failed' | 'updated' | 'error';

/** The result of replaying one recording (one `--json` line). */
export interface ReplayCaseResult {
  file: string;
  name?: string;
  workflow?: string;
  result: ReplayOutcome;
  /** The status the replay got. */
  status?: number;
  /** Milliseconds from sending the call to having the whole response. */
  ms: number;
  differences?: Difference[];
  error?: { code: string; message: string };
}

/** Builds the call a recording replays: a freshly signed URL, the recorded headers and body, a fresh token for Bearer. */
export async function replayRequest(recording: Recording, target: ReplayTarget): Promise<ConsoleRequest> {
  const { request } = recording;
  const keyType = request.auth.scheme === 'SAS' ? (request.auth.keyType ?? 'primary') : 'primary';
  const callback = new URL(target.callbackUrl(recording.workflow, recording.trigger, keyType));
  const query = new URLSearchParams(request.auth.scheme === 'SAS' ? callback.search : `api-version=${callback.searchParams.get('api-version') ?? ''}`);
  for (const [name, value] of request.query ?? []) query.append(name, value);
  const url = `${target.baseUrl}${callback.pathname}${request.relativePath ? `/${request.relativePath}` : ''}?${query.toString()}`;
  const headers: [string, string][] = Object.entries(request.headers);
  if (request.auth.scheme === 'Bearer') headers.push(['Authorization', `Bearer ${await target.mintToken(request.auth.claims)}`]);
  const body = bodyText(request.body);
  const contentType = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  return {
    requestId: `replay-${randomUUID()}`,
    method: request.method,
    url,
    headers,
    body: body.text !== undefined ? { kind: 'text', text: body.text } : body.base64 !== undefined ? { kind: 'file', name: 'body', base64: body.base64, ...(contentType ? { contentType } : {}) } : { kind: 'none' },
  };
}

/** Options of replayFiles. */
export interface ReplayOptions {
  update?: boolean;
  /** Called as each case finishes, for streaming output. */
  onCase?: (result: ReplayCaseResult) => void;
}

/** Creates the HTTP client a replay uses: the console's client, trusting the target's CA. */
export function replayClient(target: ReplayTarget): ConsoleClient {
  return createConsoleClient({ trustedCaPem: () => target.caPem, defaultTimeoutMs: () => 300_000 });
}

/** Replays one recording and compares (and with `update`, rewrites) it. Never throws. */
export async function replayOne(file: string, recording: Recording, target: ReplayTarget, client: ConsoleClient, update: boolean): Promise<ReplayCaseResult> {
  const base = { file, name: recording.name, workflow: recording.workflow };
  const started = performance.now();
  try {
    const request = await replayRequest(recording, target);
    const response = await client.send(request);
    const ms = Math.round((performance.now() - started) * 100) / 100;
    if ('error' in response) return { ...base, result: 'error', ms, error: response.error };
    const replayed = { status: response.status, headers: response.headers, body: response.body };
    const differences = compareWithRecording(recording, replayed);
    if (differences.length === 0) return { ...base, result: 'passed', status: response.status, ms };
    if (update) {
      if (response.body.truncated) return { ...base, result: 'error', status: response.status, ms, error: { code: 'ResponseTooLarge', message: `The response body (${response.body.size} bytes) is larger than a replay keeps, so the expectation was not rewritten.` } };
      await writeRecording(file, updateRecording(recording, replayed));
      return { ...base, result: 'updated', status: response.status, ms, differences };
    }
    return { ...base, result: 'failed', status: response.status, ms, differences };
  } catch (error) {
    return { ...base, result: 'error', ms: Math.round((performance.now() - started) * 100) / 100, error: { code: (error as { code?: string }).code ?? 'ReplayFailed', message: (error as Error).message } };
  }
}

/** Replays recording files one after another against a target. */
export async function replayFiles(files: string[], target: ReplayTarget, options: ReplayOptions = {}): Promise<ReplayCaseResult[]> {
  const client = replayClient(target);
  const results: ReplayCaseResult[] = [];
  try {
    for (const file of files) {
      let result: ReplayCaseResult;
      try {
        result = await replayOne(file, await readRecording(file), target, client, options.update ?? false);
      } catch (error) {
        result = { file, result: 'error', ms: 0, error: { code: (error as { code?: string }).code ?? 'InvalidRecording', message: (error as Error).message } };
      }
      results.push(result);
      options.onCase?.(result);
    }
  } finally {
    client.cancelAll();
  }
  return results;
}
