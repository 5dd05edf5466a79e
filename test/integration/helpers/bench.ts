import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { KeyType } from '../../../src-shared/contract.ts';
import type { RunRecord } from '../../../src-shared/runs.ts';
import { createWorkbench, type Workbench } from '../../../src-main/core/workbench.ts';
import { callUrl, type CallOptions, type Reply } from './https-client.ts';

/** A running workbench on a temp workspace and data folder, with a TLS client that trusts its CA. */
export interface Bench {
  wb: Workbench;
  root: string;
  dataDir: string;
  ca: string;
  /** A signed callback URL for a workflow. */
  url(name: string, key?: KeyType, notAfter?: Date): string;
  /** One HTTPS call (tagged so its run can be found). */
  call(url: string, options?: CallOptions): Promise<Reply>;
  /** One call, and the run (or rejection) it produced once it is final. */
  callAndRun(url: string, options?: CallOptions): Promise<{ reply: Reply; run: RunRecord }>;
  /** The first final run matching, already seen or still to come. */
  runWhere(match: (run: RunRecord) => boolean, what?: string): Promise<RunRecord>;
  /** A run as stored in the history database (after a flush). */
  stored(id: string): RunRecord;
  /** Writes a file under the workspace root (objects as JSON). */
  write(relative: string, content: string | object): Promise<void>;
  /** Stops the workbench and deletes the temp folders. */
  close(): Promise<void>;
}

/** Options of {@link startBench}. */
export interface BenchOptions {
  /** Files of the workspace by relative path (objects become JSON). */
  files: Record<string, string | object>;
  timeoutSeconds?: number;
  watch?: boolean;
  /** Reuse a data folder (restart tests); the caller then deletes it. */
  dataDir?: string;
}

/** The header every test call carries, so the run record can be matched to the call. */
export const CALL_TAG = 'x-test-call';

/** Longest a test waits for an event before failing with a message (a guard, not a sleep). */
const EVENT_GUARD_MS = 10_000;

/** Resolves when `check()` is truthy, re-checking on each emitted event; rejects after the guard time. */
export function until<T>(check: () => T | undefined | false, emitter: { on(e: string, f: () => void): unknown; off(e: string, f: () => void): unknown }, event: string, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const first = check();
    if (first) return resolve(first);
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`timed out waiting for ${what}`));
    }, EVENT_GUARD_MS);
    const listener = (): void => {
      const value = check();
      if (!value) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(value);
    };
    emitter.on(event, listener);
  });
}

/** Resolves on the next emission of `event`; rejects after the guard time. */
export function nextEvent(emitter: { on(e: string, f: () => void): unknown; off(e: string, f: () => void): unknown }, event: string, what: string): Promise<void> {
  let armed = false;
  return until(() => armed || ((armed = true), false), emitter, event, what).then(() => undefined);
}

/** Writes the workspace, creates and starts a workbench on 127.0.0.1 port 0. */
export async function startBench(options: BenchOptions): Promise<Bench> {
  const root = await mkdtemp(join(tmpdir(), 'tb-int-ws-'));
  const ownDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'tb-int-data-')));
  const write = async (relative: string, content: string | object): Promise<void> => {
    const path = join(root, relative);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  };
  for (const [relative, content] of Object.entries(options.files)) await write(relative, content);
  const wb = await createWorkbench({ dataDir, workspaceRoot: root, host: '127.0.0.1', port: 0, timeoutSeconds: options.timeoutSeconds, watch: options.watch ?? false });
  await wb.start();
  const runs: RunRecord[] = [];
  wb.events.on('run', (run) => runs.push(run));
  const ca = wb.tls.caCertPem;

  const runWhere = (match: (run: RunRecord) => boolean, what = 'a matching run'): Promise<RunRecord> =>
    until(() => runs.find(match), wb.events, 'run', what);

  const call = (url: string, callOptions: CallOptions = {}): Promise<Reply> => callUrl(url, ca, callOptions);

  return {
    wb,
    root,
    dataDir,
    ca,
    url: (name, key = 'primary', notAfter) => wb.callbackUrl(name, key, notAfter),
    call,
    async callAndRun(url, callOptions = {}) {
      const tag = randomUUID();
      const reply = await call(url, { ...callOptions, headers: { ...callOptions.headers, [CALL_TAG]: tag } });
      const run = await runWhere((r) => r.request.headers[CALL_TAG] === tag, `the run of call ${tag} (${reply.status})`);
      return { reply, run };
    },
    runWhere,
    stored(id) {
      wb.history.flush();
      const run = wb.history.get(id);
      if (!run) throw new Error(`run ${id} is not in the history`);
      return run;
    },
    write,
    async close() {
      await wb.stop();
      await rm(root, { recursive: true, force: true });
      if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
