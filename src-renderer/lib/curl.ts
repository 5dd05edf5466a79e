import type { ConsoleRequest } from '../../src-shared/contract.ts';
import { shellWord } from '../../src-shared/exchange/curl.ts';

/**
 * The curl command that repeats a console request. `--cacert` names the local CA so
 * the TLS 1.2 handshake verifies without `-k` (the listener's certificate is signed by
 * the per-install CA, never by a public one).
 */
export function buildCurl(request: Pick<ConsoleRequest, 'method' | 'url' | 'headers' | 'body'>, caPath?: string): string {
  // One option per line, joined with ` \` continuations, the way API tools print it.
  const lines: string[] = [];
  const first: string[] = ['curl'];
  const body = request.body;
  const hasBody = body.kind !== 'none';
  // curl picks GET, or POST once it has data: name the method only when it differs.
  const implied = hasBody ? 'POST' : 'GET';
  if (request.method.toUpperCase() !== implied) first.push('-X', request.method.toUpperCase());
  first.push(shellWord(request.url));
  lines.push(first.join(' '));
  if (caPath) lines.push(`--cacert ${shellWord(caPath)}`);
  for (const [name, value] of request.headers) lines.push(`-H ${shellWord(`${name}: ${value}`)}`);
  if (body.kind === 'text') lines.push(`--data-raw ${shellWord(body.text)}`);
  if (body.kind === 'form') for (const [k, v] of body.fields) lines.push(`--data-urlencode ${shellWord(`${k}=${v}`)}`);
  if (body.kind === 'file') lines.push(`--data-binary ${shellWord(`@${body.name}`)}`);
  return lines.join(' \\\n  ');
}
