import { runsToCurl } from '../../src-shared/exchange/curl.ts';
import { runsToHar } from '../../src-shared/exchange/har.ts';
import { recordingFromRun, RECORDING_FILE_SUFFIX } from '../../src-shared/exchange/recording.ts';
import type { Problem } from '../../src-shared/problems.ts';
import type { RunQuery, RunRecord, RunStatus } from '../../src-shared/runs.ts';
import { REDACTED } from '../../src-shared/runs.ts';
import { isSecretHeader } from '../listener/recorded-secrets.ts';
import type { RunHistory } from './history.ts';

/** Which runs to export: filters like `triggerbench runs`, or ids. */
export interface RunSelection {
  workflow?: string;
  status?: RunStatus;
  ids?: string[];
  /** At most this many runs (newest first); all that match when absent. */
  limit?: number;
}

const PAGE = 1000;

/**
 * The full records of the selected runs, newest first (ids keep the order given). An id
 * that is not in the history is an error naming it, so a script never exports less
 * than it asked for without knowing.
 */
export function selectRuns(history: RunHistory, selection: RunSelection): RunRecord[] {
  if (selection.ids && selection.ids.length > 0) {
    const runs: RunRecord[] = [];
    const missing: string[] = [];
    for (const id of selection.ids) {
      const run = history.get(id);
      if (run) runs.push(run);
      else missing.push(id);
    }
    if (missing.length > 0) throw Object.assign(new Error(`No recorded run with id ${missing.join(', ')}. List runs with 'triggerbench runs'.`), { code: 'RunNotFound' });
    return runs.filter((run) => (!selection.workflow || run.workflow.toLowerCase() === selection.workflow.toLowerCase()) && (!selection.status || run.status === selection.status)).slice(0, selection.limit);
  }
  const runs: RunRecord[] = [];
  const query: RunQuery = { workflow: selection.workflow, status: selection.status };
  for (let offset = 0; ; offset += PAGE) {
    const want = selection.limit === undefined ? PAGE : Math.min(PAGE, selection.limit - runs.length);
    if (want <= 0) break;
    const page = history.list({ ...query, limit: want, offset });
    for (const summary of page) {
      const run = history.get(summary.id);
      if (run) runs.push(run); // deleted by retention between list and get: skipped
    }
    if (page.length < want) break;
  }
  return runs;
}

/** Credentials a run record holds in clear (a trigger with IncludeAuthorizationHeadersInOutputs keeps them). */
function clearCredentials(run: RunRecord): string[] {
  const found = new Set<string>();
  const scan = (headers: unknown): void => {
    if (!headers || typeof headers !== 'object') return;
    for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
      if (typeof value !== 'string' || !isSecretHeader(name) || value.includes(REDACTED)) continue;
      // The credential after its scheme (`Bearer <token>`), or the whole value.
      const credential = /^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*\s+(\S.*)$/.exec(value)?.[1] ?? value;
      // Short values (a cookie flag) would mask unrelated text; the history masks cookies anyway.
      if (credential.length >= 8) found.add(credential);
    }
  };
  scan(run.request.headers);
  scan((run.triggerOutputs as { headers?: unknown } | undefined)?.headers);
  return [...found];
}

/**
 * The run as an export writes it by default: every credential the record holds in clear
 * (and every copy of it, e.g. in an action that echoed the trigger's headers) replaced by
 * `***`, as the history already does for triggers without IncludeAuthorizationHeadersInOutputs.
 */
export function withoutCredentials(run: RunRecord): RunRecord {
  const credentials = clearCredentials(run);
  if (credentials.length === 0) return run;
  let text = JSON.stringify(run);
  for (const credential of credentials) text = text.split(JSON.stringify(credential).slice(1, -1)).join(REDACTED);
  return JSON.parse(text) as RunRecord;
}

/** Runs as NDJSON: one whole run record per line. */
export function runsToNdjson(runs: RunRecord[]): string {
  return runs.map((run) => `${JSON.stringify(run)}\n`).join('');
}

/** The run export formats. */
export type RunExportFormat = 'har' | 'recording' | 'curl' | 'ndjson';

/** Fresh secrets for `--include-secrets` (the history keeps signatures and tokens masked). */
export interface ExportSigner {
  /** The `sig` of a workflow's callback URL signed with a key; undefined when it cannot be signed. */
  sig(workflow: string, trigger: string, keyType: 'primary' | 'secondary'): string | undefined;
  /** A token from the local issuer with these claims. */
  token(claims: Record<string, unknown>): Promise<string>;
}

/** Options of exportRuns. */
export interface RunExportOptions {
  format: RunExportFormat;
  creatorVersion: string;
  /** The running listener's base URL (curl). */
  baseUrl: string;
  /** Given only when the user asked for secrets in clear. */
  signer?: ExportSigner;
}

/**
 * Converts runs to the files of an export: one file for HAR, curl and NDJSON, one
 * `<name>.recording.json` per run for recordings (runs that cannot be replayed are
 * listed as problems).
 */
export async function exportRuns(selected: RunRecord[], options: RunExportOptions): Promise<{ files: { path: string; text: string }[]; problems: Problem[] }> {
  const { signer } = options;
  const runs = signer ? selected : selected.map(withoutCredentials);
  const sigOf = (run: RunRecord) => signer?.sig(run.workflow, run.trigger, run.auth?.keyType ?? 'primary');
  switch (options.format) {
    case 'ndjson':
      return { files: [{ path: 'runs.ndjson', text: runsToNdjson(runs) }], problems: [] };
    case 'har': {
      const har = runsToHar(runs, {
        creatorVersion: options.creatorVersion,
        signedQuery: signer
          ? (run) => {
              const sig = sigOf(run);
              const query = run.request.url.split('?')[1] ?? '';
              return sig && /(^|&)sig=\*\*\*/.test(query) ? query.replace(/(^|&)sig=\*\*\*/, `$1sig=${sig}`) : undefined;
            }
          : undefined,
      });
      return { files: [{ path: 'runs.har', text: `${JSON.stringify(har, null, 2)}\n` }], problems: [] };
    }
    case 'curl': {
      const tokens = new Map<string, string>();
      if (signer) for (const run of runs) if (run.auth?.scheme === 'Bearer') tokens.set(run.id, await signer.token(run.auth.claims ?? {}));
      const text = runsToCurl(runs, { baseUrl: options.baseUrl, ...(signer ? { signature: sigOf, token: (run: RunRecord) => tokens.get(run.id) } : {}) });
      return { files: [{ path: 'runs.sh', text }], problems: [] };
    }
    case 'recording': {
      const files: { path: string; text: string }[] = [];
      const problems: Problem[] = [];
      const taken = new Set<string>();
      for (const run of runs) {
        const made = recordingFromRun(run);
        if (!made.recording) {
          problems.push({ code: 'RunNotReplayable', severity: 'warning', message: made.reason!, file: run.id, pointer: '', workflow: run.workflow });
          continue;
        }
        let path = `${made.recording.name}${RECORDING_FILE_SUFFIX}`;
        for (let n = 2; taken.has(path.toLowerCase()); n++) path = `${made.recording.name}-${n}${RECORDING_FILE_SUFFIX}`;
        taken.add(path.toLowerCase());
        files.push({ path, text: `${JSON.stringify(made.recording, null, 2)}\n` });
      }
      return { files, problems };
    }
  }
}
