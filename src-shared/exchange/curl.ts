import type { RunRecord } from '../runs.ts';
import { NOT_REPLAYED_HEADERS } from './header-rules.ts';
import { MINTED_CLAIMS } from './recording.ts';

/** Quotes a word for a POSIX shell (single quotes; an embedded quote as `'\''`). */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A word for a POSIX shell: as it is when it holds no character the shell treats specially, else quoted. */
export function shellWord(text: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(text) ? text : shellQuote(text);
}

/** Options of runsToCurl. */
export interface CurlOptions {
  /** The running listener's base URL, e.g. `https://127.0.0.1:7071`. */
  baseUrl: string;
  /** A fresh signature for a SAS run (only when the user asks for secrets). */
  signature?: (run: RunRecord) => string | undefined;
  /** A freshly minted token for a Bearer run (only when the user asks for secrets). */
  token?: (run: RunRecord) => string | undefined;
}

function shellVariable(prefix: string, workflow: string, key?: string): string {
  return `${prefix}_${workflow.replace(/[^A-Za-z0-9_]/g, '_')}${key === 'secondary' ? '_secondary' : ''}`;
}

function tokenCommand(claims: Record<string, unknown>): string {
  const args = ['triggerbench', 'token'];
  if (typeof claims.aud === 'string') args.push('--aud', shellQuote(claims.aud));
  if (typeof claims.sub === 'string') args.push('--sub', shellQuote(claims.sub));
  for (const [name, value] of Object.entries(claims)) {
    if (MINTED_CLAIMS.has(name)) continue;
    args.push('--claim', shellQuote(`${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`));
  }
  return args.join(' ');
}

/**
 * A shell script of curl commands that repeat recorded calls against the running
 * listener, trusting the local CA. Signatures and tokens are shell variables set at the
 * top from `triggerbench url` and `triggerbench token`, unless the caller passes fresh
 * values (the user asked for secrets in clear).
 */
export function runsToCurl(runs: RunRecord[], options: CurlOptions): string {
  const base = options.baseUrl.replace(/\/$/, '');
  const setup = new Map<string, string>();
  const lines: string[] = [];
  for (const run of runs) {
    const [path, search = ''] = run.request.url.split(/\?(.*)/s) as [string, string?];
    let url = shellQuote(`${base}${path}${search ? `?${search}` : ''}`);
    const sigMatch = /([?&]sig=)\*\*\*/.exec(search);
    if (sigMatch) {
      const fresh = options.signature?.(run);
      const before = `${base}${path}?${search.slice(0, sigMatch.index + sigMatch[1]!.length)}`;
      const after = search.slice(sigMatch.index + sigMatch[0].length);
      if (fresh !== undefined) {
        url = shellQuote(`${before}${fresh}${after}`);
      } else {
        const variable = shellVariable('SIG', run.workflow, run.auth?.keyType);
        setup.set(variable, `${variable}="$(triggerbench url "\${WORKSPACE:-.}" ${shellQuote(run.workflow)}${run.auth?.keyType === 'secondary' ? ' --key secondary' : ''} | sed -e 's/.*[?&]sig=//' -e 's/&.*//')"`);
        url = `${shellQuote(before)}"\${${variable}}"${after ? shellQuote(after) : ''}`;
      }
    }
    const parts = ['curl', '--silent', '--show-error', '--include', '--write-out', shellQuote('\n'), '--cacert', '"${TRIGGERBENCH_CA}"', '-X', run.request.method, url];
    for (const [name, value] of Object.entries(run.request.headers)) {
      const lower = name.toLowerCase();
      if (NOT_REPLAYED_HEADERS.has(lower) || lower === 'accept-encoding') continue;
      if (lower === 'authorization') {
        if (run.auth?.scheme !== 'Bearer') continue;
        const fresh = options.token?.(run);
        if (fresh !== undefined) {
          parts.push('-H', shellQuote(`Authorization: Bearer ${fresh}`));
        } else {
          const variable = `TOKEN_${run.id}`;
          setup.set(variable, `${variable}="$(${tokenCommand(run.auth.claims ?? {})})"`);
          parts.push('-H', `${shellQuote('Authorization: Bearer ')}"\${${variable}}"`);
        }
        continue;
      }
      parts.push('-H', shellQuote(`${name}: ${value}`));
    }
    const body = run.request.body;
    if (body.truncated) lines.push(`# Run ${run.id}: only the first ${body.text?.length ?? 0} characters of its ${body.size}-byte body were recorded; this call sends that part.`);
    if (body.size > 0 && body.text !== undefined) parts.push('--data-binary', shellQuote(body.text));
    else if (body.size > 0 && body.base64 !== undefined) parts.push('--data-binary', `@<(printf %s ${shellQuote(body.base64)} | base64 -d)`);
    lines.push(`# run ${run.id} (${run.workflow}, ${run.status}${run.response ? `, ${run.response.status}` : ''})`, parts.join(' '), '');
  }
  const header = [
    '#!/usr/bin/env bash',
    `# ${runs.length} recorded call(s) to Triggerbench, exported as curl commands. Run against the listener started by`,
    '# triggerbench serve WORKSPACE (set WORKSPACE to that folder); signatures and tokens come from the local keys.',
    'set -euo pipefail',
    'TRIGGERBENCH_CA="${TRIGGERBENCH_CA:-$(triggerbench ca --path)}"',
    ...setup.values(),
    '',
  ];
  return [...header, ...lines].join('\n');
}
