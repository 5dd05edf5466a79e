import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteWarning } from '../../src-main/cli/serve-output.ts';
import { createWorkbench } from '../../src-main/core/workbench.ts';
import { isLoopbackHost } from '../../src-shared/loopback.ts';
import { runCli } from './cli-helpers.ts';

// `serve --host 0.0.0.0` (or a host set in Settings) used to listen beyond this machine
// silently and print https://localhost:PORT. These tests never bind beyond loopback:
// they check that it is refused without an explicit choice, and what is said when chosen.

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tb-remote-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('listening beyond loopback', () => {
  it('tells loopback from everything else', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', 'LOCALHOST']) expect({ host, loopback: isLoopbackHost(host) }).toEqual({ host, loopback: true });
    for (const host of ['0.0.0.0', '::', '192.168.1.5', '10.0.0.1', 'example.com', '127.0.0.256', '128.0.0.1']) expect({ host, loopback: isLoopbackHost(host) }).toEqual({ host, loopback: false });
  });

  it('serve --host 0.0.0.0 without --allow-remote is refused before anything listens', async () => {
    const result = await runCli(['serve', '--host', '0.0.0.0', '--port', '0', '--data-dir', dataDir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--allow-remote');
    expect(result.stderr).toContain('other machines');
  });

  it('a host from settings that is not loopback does not start without the choice, and the choice is required to set it', async () => {
    const wb = await createWorkbench({ dataDir, host: '0.0.0.0', port: 0, watch: false });
    try {
      const status = await wb.start();
      expect(status.running).toBe(false);
      expect(status.error).toMatchObject({ code: 'RemoteBindingNotAllowed' });
      await expect(wb.updateSettings({ host: '192.168.1.5' })).rejects.toMatchObject({ code: 'RemoteBindingNeedsConfirmation' });
    } finally {
      await wb.stop();
    }
  });

  it('a choice made for one address is dropped when the host goes back to loopback', async () => {
    const wb = await createWorkbench({ dataDir, port: 0, watch: false });
    try {
      // No listener was started, so nothing binds: only the settings are checked and kept.
      const info = await wb.updateSettings({ host: '192.0.2.10', allowRemote: true });
      expect(info.settings).toMatchObject({ host: '192.0.2.10', allowRemote: true });
      const back = await wb.updateSettings({ host: '127.0.0.1' });
      expect(back.settings.allowRemote).toBeUndefined();
      await expect(wb.updateSettings({ host: '192.0.2.10' })).rejects.toMatchObject({ code: 'RemoteBindingNeedsConfirmation' });
    } finally {
      await wb.stop();
    }
  });

  it('the warning names the bound address and the addresses other machines can use', () => {
    const warning = remoteWarning({ running: true, host: '192.0.2.10', port: 7443, baseUrl: 'https://192.0.2.10:7443', remote: true });
    expect(warning).toMatch(/^WARNING: listening beyond this machine \(192\.0\.2\.10\)/);
    expect(warning).toContain('https://192.0.2.10:7443');
    expect(remoteWarning({ running: true, host: '0.0.0.0', port: 7443, baseUrl: 'https://localhost:7443', remote: true })).toContain('(0.0.0.0)');
  });
});
