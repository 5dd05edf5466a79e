import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { HistoryChange } from '../../src-main/history/history.ts';
import { runAt, runId } from './fixtures/run-record.ts';
import { openTracked, tempDataDir } from './fixtures/temp-dir.ts';

const childScript = fileURLToPath(new URL('./fixtures/record-child.ts', import.meta.url));

describe('run history: runs another process commits', () => {
  it('reports them as a change, so the console shows runs a `triggerbench serve` recorded', async () => {
    const dataDir = tempDataDir();
    const app = openTracked(dataDir, { otherWritersPollMs: 20 });
    const changes: HistoryChange[] = [];
    let external: () => void = () => {};
    const sawExternal = new Promise<void>((resolve) => (external = resolve));
    app.onChange((change) => {
      changes.push(change);
      if (change.external) external();
    });
    // Our own commit is not reported as another process's.
    const own = runAt(1, { id: runId(1), workflow: 'app' });
    app.record(own);
    app.flush();
    expect(changes).toEqual([{ ids: [own.id], removed: 0 }]);
    const child = spawn(process.execPath, [childScript, dataDir, 'exit'], { stdio: 'ignore' });
    await once(child, 'exit');
    await sawExternal;
    expect(app.count({ workflow: 'child' })).toBe(10);
  });
});
