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
