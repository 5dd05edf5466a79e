import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryChange } from '../../src-main/history/history.ts';
import { HistoryError } from '../../src-main/history/history-error.ts';
import { DatabaseSync } from '../../src-main/history/sqlite.ts';
import { runAt, runId } from './fixtures/run-record.ts';
import { openTracked, tempDataDir } from './fixtures/temp-dir.ts';

const childScript = fileURLToPath(new URL('./fixtures/record-child.ts', import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Starts the child and yields the ids of each line it prints. */
function startChild(dataDir: string, mode: 'forever' | 'exit') {
  const child = spawn(process.execPath, [childScript, dataDir, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const lines = createInterface({ input: child.stdout! });
  return { child, lines, stderr: () => stderr };
}

/** The next change this handle committed (another connection's commits are reported too, as `external`). */
function nextChange(history: { onChange(listener: (change: HistoryChange) => void): () => void }): Promise<HistoryChange> {
  return new Promise((resolve) => {
    const off = history.onChange((change) => {
      if (change.external) return;
      off();
      resolve(change);
    });
  });
}

describe('run history: batching and durability', () => {
  it('returns from record() before writing, then commits the batch and reports its ids once', async () => {
    const dataDir = tempDataDir();
    const history = openTracked(dataDir);
    const reader = openTracked(dataDir);
    const changes: HistoryChange[] = [];
    history.onChange((change) => changes.push(change));
    const runs = [1, 2, 3].map((i) => runAt(i, { id: runId() }));
    const committed = nextChange(history);
    for (const run of runs) history.record(run);
    expect(reader.count()).toBe(0); // nothing on disk yet: the caller did not wait for a write
    expect(await committed).toEqual({ ids: runs.map((run) => run.id), removed: 0 });
    expect(reader.count()).toBe(3);
    expect(changes).toHaveLength(1);

    const second = nextChange(history);
    history.record(runAt(4, { id: runId() }));
    history.record(runAt(5, { id: runId() }));
    expect((await second).ids).toHaveLength(2);
    expect(changes).toHaveLength(2);
  });

  it('writes the queue at once on flush(), and stops notifying unsubscribed listeners', () => {
    const dataDir = tempDataDir();
    const history = openTracked(dataDir);
    const seen: string[][] = [];
    const off = history.onChange(({ ids }) => seen.push(ids));
    const run = fullRunAt(1);
    history.record(run);
    history.flush();
    expect(seen).toEqual([[run.id]]);
    expect(openTracked(dataDir).get(run.id)).toEqual(run);
    off();
    history.record(fullRunAt(2));
    history.flush();
    expect(seen).toHaveLength(1);
  });

  it('keeps runs across close and reopen, including ones still queued at close', () => {
    const dataDir = tempDataDir();
    const history = openTracked(dataDir);
    const first = fullRunAt(1);
    history.record(first);
    history.flush();
    const queued = fullRunAt(2);
    history.record(queued);
    history.close();
    expect(() => history.record(fullRunAt(3))).toThrow(expect.objectContaining({ code: 'HistoryClosed' }));
    const reopened = openTracked(dataDir);
    expect(reopened.list().map((run) => run.id)).toEqual([queued.id, first.id]);
    expect(reopened.get(queued.id)).toEqual(queued);
  });

  it('keeps every run whose commit was reported when the process is killed', async () => {
    const dataDir = tempDataDir();
    const { child, lines, stderr } = startChild(dataDir, 'forever');
    const reported: string[] = [];
    let batches = 0;
    for await (const line of lines) {
      expect(line).toMatch(/^committed /);
      reported.push(...line.slice('committed '.length).split(','));
      if ((batches += 1) === 20) break;
    }
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(child.signalCode, stderr()).toBe('SIGKILL');
    const history = openTracked(dataDir);
    const missing = reported.filter((id) => history.get(id) === undefined);
    expect(missing).toEqual([]);
    expect(history.count()).toBeGreaterThanOrEqual(reported.length);
    // The child never paused, so its runs were committed but not yet in the search index
    // (it indexes when idle): a text search still finds every one.
    expect(history.count({ text: 'child' })).toBe(history.count());
    expect(history.list({ text: reported[0]! }).map((run) => run.id)).toEqual([reported[0]]);
  });

  it('writes what is queued when the process calls process.exit()', async () => {
    const dataDir = tempDataDir();
    const { child, lines, stderr } = startChild(dataDir, 'exit');
    const [line] = await once(lines, 'line');
    const [code] = await once(child, 'exit');
    expect(code, stderr()).toBe(0);
    const ids = (line as string).slice('queued '.length).split(',');
    expect(ids).toHaveLength(10);
    const history = openTracked(dataDir);
    expect(ids.filter((id) => history.get(id) === undefined)).toEqual([]);
  });

  it('shares one file between two handles (the app and the CLI)', () => {
    const dataDir = tempDataDir();
    const app = openTracked(dataDir);
    const cli = openTracked(dataDir);
    const fromApp = fullRunAt(1);
    const fromCli = fullRunAt(2, { workflow: 'cli' });
    app.record(fromApp);
    cli.record(fromCli);
    app.flush();
    cli.flush();
    expect(app.list().map((run) => run.id)).toEqual([fromCli.id, fromApp.id]);
    expect(cli.get(fromApp.id)).toEqual(fromApp);
    expect(cli.clear('cli')).toBe(1);
    expect(app.count()).toBe(1);
  });

  it('shares the file with another process writing at the same time', async () => {
    const dataDir = tempDataDir();
    const app = openTracked(dataDir);
    const { child, lines } = startChild(dataDir, 'forever');
    const childIds: string[] = [];
    const ownIds: string[] = [];
    for await (const line of lines) {
      childIds.push(...line.slice('committed '.length).split(','));
      // Interleave our own batches with the child's.
      const run = fullRunAt(100_000 + childIds.length, { workflow: 'app' });
      ownIds.push(run.id);
      app.record(run);
      app.flush();
      if (ownIds.length === 30) break;
    }
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(app.count({ workflow: 'app' })).toBe(30);
    expect(childIds.filter((id) => app.get(id) === undefined)).toEqual([]);
  });

  it('reports a failed write with a code, keeps the runs queued and writes them on retry', async () => {
    const dataDir = tempDataDir();
    const errors: HistoryError[] = [];
    let reportedError: () => void = () => {};
    const failed = new Promise<void>((resolve) => (reportedError = resolve));
    const history = openTracked(dataDir, {
      onError: (error) => {
        errors.push(error);
        reportedError();
      },
    });
    // Another connection makes every insert fail, as a full disk would.
    const saboteur = new DatabaseSync(history.file);
    saboteur.exec("CREATE TRIGGER no_space BEFORE INSERT ON runs BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    const run = fullRunAt(1);
    history.record(run);
    await failed;
    expect(errors[0]).toBeInstanceOf(HistoryError);
    expect(errors[0]!.code).toBe('HistoryWriteFailed');
    expect(errors[0]!.message).toMatch(/1 run\(s\).*disk is full.*retried/);
    expect(saboteur.prepare('SELECT count(*) AS n FROM runs').get()).toEqual({ n: 0 });
    const written = nextChange(history);
    saboteur.exec('DROP TRIGGER no_space');
    saboteur.close();
    expect((await written).ids).toEqual([run.id]);
    expect(history.get(run.id)).toEqual(run);
  });
});

function fullRunAt(seconds: number, overrides: Parameters<typeof runAt>[1] = {}) {
  return runAt(seconds, { id: runId(), ...overrides });
}
