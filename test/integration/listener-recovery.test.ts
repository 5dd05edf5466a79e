import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createWorkbench } from '../../src-main/core/workbench.ts';

// The desktop app and the web host keep running when the listener cannot start (a port in
// use): the status carries the reason, and a new port in Settings starts it.
it('reports a port in use in the status, then starts on the port chosen in settings', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'tb-recovery-'));
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const busyPort = (blocker.address() as { port: number }).port;
  const workbench = await createWorkbench({ dataDir, host: '127.0.0.1', port: busyPort, watch: false });
  try {
    const failed = await workbench.start();
    expect(failed.running).toBe(false);
    expect(failed.error?.code).toBe('PortInUse');
    expect(failed.error?.message).toContain(String(busyPort));
    const info = await workbench.updateSettings({ port: 0 });
    expect(info.listener.running).toBe(true);
    expect(info.listener.error).toBeUndefined();
    expect(info.listener.port).not.toBe(busyPort);
  } finally {
    await workbench.stop();
    blocker.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

// Callback URLs carry the listener's port: after a restart on another port the console
// must get workflows whose URLs name the new port, or Copy URL copies a dead one.
it('sends the workspace again, with callback URLs on the new port, when the listener moves', async () => {
  const { cp } = await import('node:fs/promises');
  const { SAMPLE_WORKSPACE } = await import('../../src-main/web-host/project-paths.ts');
  const tmp = await mkdtemp(join(tmpdir(), 'tb-moved-'));
  await cp(SAMPLE_WORKSPACE, join(tmp, 'ws'), { recursive: true });
  const workbench = await createWorkbench({ dataDir: join(tmp, 'data'), workspaceRoot: join(tmp, 'ws'), host: '127.0.0.1', port: 0, watch: false });
  try {
    const first = await workbench.start();
    const urls: string[] = [];
    workbench.events.on('workspace:changed', (view) => urls.push(view.workflows.find((w) => w.name === 'account')?.callbackUrl?.primary ?? ''));
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const next = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const info = await workbench.updateSettings({ port: next });
    expect(info.listener.port).toBe(next);
    expect(first.port).not.toBe(next);
    expect(urls.at(-1)).toMatch(new RegExp(`^https://127\\.0\\.0\\.1:${next}/api/account/`));
  } finally {
    await workbench.stop();
    await rm(tmp, { recursive: true, force: true });
  }
});
