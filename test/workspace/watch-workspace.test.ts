import { link, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveWorkflow, watchWorkspace, type WorkspaceSnapshot, type WorkspaceWatcher } from '../../src-main/workspace/workspace.ts';
import { createTempWorkspace, simpleWorkflow, TEST_OPTIONS, type TempWorkspace } from './helpers/temp-workspace.ts';

/** How long a test waits for the watcher before failing with what it saw (a guard, never a delay). */
const WATCH_GUARD_MS = 10_000;

/** Records every snapshot and lets a test wait for the first one that satisfies a condition. */
function recorder() {
  const seen: WorkspaceSnapshot[] = [];
  const waiters: { test: (s: WorkspaceSnapshot) => boolean; resolve: (s: WorkspaceSnapshot) => void }[] = [];
  return {
    seen,
    onChange(snapshot: WorkspaceSnapshot) {
      seen.push(snapshot);
      for (const waiter of [...waiters]) {
        if (waiter.test(snapshot)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(snapshot);
        }
      }
    },
    /** Resolves with the next snapshot (from now on) that passes `test`; rejects, saying what was awaited, if none comes. */
    next(test: (s: WorkspaceSnapshot) => boolean, what = 'a matching snapshot'): Promise<WorkspaceSnapshot> {
      return new Promise((resolve, reject) => {
        const waiter = {
          test,
          resolve: (snapshot: WorkspaceSnapshot) => {
            clearTimeout(guard);
            resolve(snapshot);
          },
        };
        const guard = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          const last = seen.at(-1);
          reject(new Error(`The watcher reported no snapshot with ${what} within ${WATCH_GUARD_MS} ms (${seen.length} seen; the last had ${last ? JSON.stringify(names(last)) : 'none'}).`));
        }, WATCH_GUARD_MS);
        waiters.push(waiter);
      });
    },
  };
}

const names = (s: WorkspaceSnapshot) => s.workflows.map((w) => w.name);
const status = (s: WorkspaceSnapshot, name: string) => (s.workflows.find((w) => w.name === name)?.definition?.actions?.Response?.inputs as { statusCode?: number } | undefined)?.statusCode;

let ws: TempWorkspace;
let watcher: WorkspaceWatcher | undefined;
beforeEach(async () => {
  ws = await createTempWorkspace();
});
afterEach(async () => {
  await watcher?.close();
  watcher = undefined;
  await ws.dispose();
});

describe('watchWorkspace', () => {
  it('reports the initial snapshot, then new, edited and deleted workflows without a restart', async () => {
    await ws.write('first/workflow.json', simpleWorkflow(200));
    const rec = recorder();
    const initial = rec.next(() => true);
    watcher = watchWorkspace(ws.root, TEST_OPTIONS, rec.onChange);
    expect(names(await initial)).toEqual(['first']);

    const added = rec.next((s) => names(s).includes('second'));
    await ws.write('second/workflow.json', simpleWorkflow(201));
    expect(status(await added, 'second')).toBe(201);

    const edited = rec.next((s) => status(s, 'first') === 202, "'first' answering 202");
    await ws.write('first/workflow.json', simpleWorkflow(202));
    expect(names(await edited)).toEqual(['first', 'second']);

    const deleted = rec.next((s) => !names(s).includes('second'));
    await rm(join(ws.root, 'second'), { recursive: true });
    expect(names(await deleted)).toEqual(['first']);
  });

  it('catches a change that no file event reports (written through a hard link outside the workspace)', async () => {
    // Folder watches report changes made through their own entries only; Linux's recursive
    // watch also misses files written into a folder before its watch is added. The rescan
    // finds such changes by their stats.
    await ws.write('flow/workflow.json', simpleWorkflow(200));
    const outside = await mkdtemp(join(tmpdir(), 'triggerbench-link-'));
    try {
      const alias = join(outside, 'alias.json');
      await link(join(ws.root, 'flow', 'workflow.json'), alias);
      const rec = recorder();
      const initial = rec.next(() => true);
      watcher = watchWorkspace(ws.root, TEST_OPTIONS, rec.onChange, { rescanMs: 200 });
      await initial;
      const edited = rec.next((s) => status(s, 'flow') === 418, "'flow' answering 418");
      await writeFile(alias, JSON.stringify(simpleWorkflow(418), null, 2));
      expect(names(await edited)).toEqual(['flow']);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('picks up an editor-style save (write a temp file, rename it over workflow.json)', async () => {
    await ws.write('flow/workflow.json', simpleWorkflow(200));
    const rec = recorder();
    const initial = rec.next(() => true);
    watcher = watchWorkspace(ws.root, TEST_OPTIONS, rec.onChange);
    await initial;
    const edited = rec.next((s) => status(s, 'flow') === 404, "'flow' answering 404");
    await writeFile(join(ws.root, 'flow', 'workflow.json.tmp~'), JSON.stringify(simpleWorkflow(404)));
    await rename(join(ws.root, 'flow', 'workflow.json.tmp~'), join(ws.root, 'flow', 'workflow.json'));
    const after = await edited;
    // The editor's temp file is never mistaken for a workflow or a problem.
    expect(names(after)).toEqual(['flow']);
    expect(after.workflows[0]).toMatchObject({ callable: true, problems: [] });
  });

  it('picks up its own atomic saves', async () => {
    await ws.write('flow/workflow.json', simpleWorkflow(200));
    const rec = recorder();
    const initial = rec.next(() => true);
    watcher = watchWorkspace(ws.root, TEST_OPTIONS, rec.onChange);
    await initial;
    const edited = rec.next((s) => status(s, 'flow') === 500, "'flow' answering 500");
    await saveWorkflow(ws.root, 'flow', simpleWorkflow(500));
    const after = await edited;
    // The save's hidden temp file leaves no trace in the snapshot.
    expect(names(after)).toEqual(['flow']);
    expect(after.workflows[0]).toMatchObject({ callable: true, problems: [] });
  });

  it('shows a workflow broken on disk as a problem while the others keep serving, and recovers when fixed', async () => {
    await ws.write('a/workflow.json', simpleWorkflow(200));
    await ws.write('b/workflow.json', simpleWorkflow(200));
    const rec = recorder();
    const initial = rec.next(() => true);
    watcher = watchWorkspace(ws.root, TEST_OPTIONS, rec.onChange);
    await initial;

    const broken = rec.next((s) => s.workflows.some((w) => w.name === 'a' && w.errorCount > 0));
    await ws.write('a/workflow.json', '{ "definition": ');
    const snapshot = await broken;
    expect(snapshot.workflows.find((w) => w.name === 'a')).toMatchObject({ callable: false, problems: [expect.objectContaining({ code: 'InvalidJson', line: 1 })] });
    expect(snapshot.workflows.find((w) => w.name === 'b')).toMatchObject({ callable: true });

    const fixed = rec.next((s) => s.workflows.find((w) => w.name === 'a')?.callable === true, "'a' callable again");
    await ws.write('a/workflow.json', simpleWorkflow(200));
    expect((await fixed).workflows.find((w) => w.name === 'a')).toMatchObject({ callable: true, problems: [] });
  });

  it('re-reads only the workflow that changed', async () => {
    await ws.write('a/workflow.json', simpleWorkflow(200));
    await ws.write('b/workflow.json', simpleWorkflow(200));
    const rec = recorder();
    const initial = rec.next(() => true);
    watcher = watchWorkspace(ws.root, TEST_OPTIONS, rec.onChange);
    const before = await initial;
    const edited = rec.next((s) => status(s, 'a') === 201);
    await ws.write('a/workflow.json', simpleWorkflow(201));
    const after = await edited;
    // The unchanged workflow is the very same object: it was not parsed again.
    expect(after.workflows.find((w) => w.name === 'b')).toBe(before.workflows.find((w) => w.name === 'b'));
    expect(after.workflows.find((w) => w.name === 'a')).not.toBe(before.workflows.find((w) => w.name === 'a'));
  });

  it('reloads parameters.json and local.settings.json', async () => {
    await ws.write('w/workflow.json', simpleWorkflow());
    const rec = recorder();
    const initial = rec.next(() => true);
    watcher = watchWorkspace(ws.root, TEST_OPTIONS, rec.onChange);
    await initial;
    const updated = rec.next((s) => s.parameters.url === 'https://x' && s.appSettings.URL === 'https://x', 'the new parameter and app setting');
    await ws.write('local.settings.json', { Values: { URL: 'https://x' } });
    await ws.write('parameters.json', { url: { type: 'String', value: "@appsetting('URL')" } });
    const after = await updated;
    // The parameter's @appsetting() is resolved from the new local.settings.json, and the workflow still serves.
    expect(after.parameters).toEqual({ url: 'https://x' });
    expect(after.workflows.map((w) => [w.name, w.callable])).toEqual([['w', true]]);
  });

  it('reports a workspace folder that disappears as a project problem', async () => {
    await ws.write('w/workflow.json', simpleWorkflow());
    const rec = recorder();
    const initial = rec.next(() => true);
    watcher = watchWorkspace(ws.root, TEST_OPTIONS, rec.onChange);
    await initial;
    const gone = rec.next((s) => s.workflows.length === 0);
    await rm(ws.root, { recursive: true, force: true });
    const snapshot = await gone;
    expect(snapshot.problems).toEqual([expect.objectContaining({ severity: 'error', code: 'WorkspaceNotFound' })]);
  });

  it('stops calling back after close', async () => {
    await ws.write('w/workflow.json', simpleWorkflow());
    const rec = recorder();
    const probe = recorder();
    const initial = rec.next(() => true);
    const probeInitial = probe.next(() => true);
    const closing = watchWorkspace(ws.root, TEST_OPTIONS, rec.onChange);
    watcher = watchWorkspace(ws.root, TEST_OPTIONS, probe.onChange);
    await Promise.all([initial, probeInitial]);
    await closing.close();
    const count = rec.seen.length;
    // Two changes, each seen by the still-open watcher: had the closed one kept running,
    // it would have reported the first by the time the second is seen.
    const sawW2 = probe.next((s) => names(s).includes('w2'));
    await ws.write('w2/workflow.json', simpleWorkflow());
    await sawW2;
    const sawW3 = probe.next((s) => names(s).includes('w3'));
    await ws.write('w3/workflow.json', simpleWorkflow());
    await sawW3;
    expect(rec.seen.length).toBe(count);
  });
});
