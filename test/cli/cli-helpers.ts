import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** The `triggerbench` entry point, run with this Node (24) exactly as users run it. */
export const BIN = resolve(import.meta.dirname, '../../bin/triggerbench.mjs');

/** Longest a test waits for a line or an exit before failing with a message (a guard, not a sleep). */
const GUARD_MS = 15_000;

/** What a finished command printed and returned. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment for a child: no inherited data folder, so the default never touches the real one. */
function childEnv(env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  delete base.TRIGGERBENCH_DATA_DIR;
  return { ...base, ...env };
}

/** Runs one command to completion. */
export function runCli(args: string[], env?: Record<string, string | undefined>): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`triggerbench ${args.join(' ')} did not exit; stderr: ${stderr}`));
    }, GUARD_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/** A long-running `serve`: its stdout lines as they come, and its exit. */
export interface ServeProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** The next stdout line (JSON-parsed) matching, already printed or still to come. */
  line<T = Record<string, unknown>>(match: (line: Record<string, unknown>) => boolean, what: string): Promise<T>;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal and resolves with the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `triggerbench serve ...` with `--json`. */
export function startServe(args: string[], env?: Record<string, string | undefined>): ServeProcess {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on('line', (text) => {
    lines.push(JSON.parse(text) as Record<string, unknown>);
    for (const wake of [...waiters]) wake();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
  let exitedYet = false;
  void exited.then(() => {
    exitedYet = true;
    for (const wake of [...waiters]) wake();
  });
  return {
    child,
    stderr: () => stderr,
    exited,
    line<T>(match: (line: Record<string, unknown>) => boolean, what: string): Promise<T> {
      return new Promise((resolvePromise, reject) => {
        const check = (): boolean => {
          const found = lines.find(match);
          if (found) resolvePromise(found as T);
          else if (exitedYet) reject(new Error(`serve exited before printing ${what}; stderr: ${stderr}`));
          else return false;
          return true;
        };
        if (check()) return;
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`serve did not print ${what}; stderr: ${stderr}`));
        }, GUARD_MS);
        const wake = (): void => {
          if (!check()) return;
          clearTimeout(timer);
          waiters.delete(wake);
        };
        waiters.add(wake);
      });
    },
    async stop(signal = 'SIGTERM') {
      if (!exitedYet) child.kill(signal);
      return exited;
    },
  };
}

/** The `ready` line of `serve --json` (docs/cli.md). */
export interface ReadyLine {
  event: 'ready';
  port: number;
  caCert: string;
  workflows: { name: string; trigger: string; method: string | null; callbackUrl: string }[];
  problems: unknown[];
}

/** A temp folder holding a workspace and a data folder; `cleanup` removes it. */
export async function tempSetup(files: Record<string, object | string>): Promise<{ dir: string; workspace: string; dataDir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tb-cli-'));
  const workspace = join(dir, 'workspace');
  for (const [relative, content] of Object.entries(files)) {
    const path = join(workspace, relative);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  await mkdir(workspace, { recursive: true });
  return { dir, workspace, dataDir: join(dir, 'data'), cleanup: () => rm(dir, { recursive: true, force: true }) };
}
