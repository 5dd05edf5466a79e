// Starts what the console suites talk to: the workbench core on a temp copy of the
// sample workspace with a temp data folder (listener on a free port), and the loopback
// web host on a free port. Exposes them to the tests through TRIGGERBENCH_E2E_*
// variables (read them with e2eEnv() from fixtures.ts); the returned function stops both.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkbench } from '../../src-main/core/workbench.ts';
import { findElectronBinary } from '../../src-main/electron/electron-binary.ts';
import { PROJECT_ROOT, SAMPLE_WORKSPACE } from '../../src-main/web-host/project-paths.ts';
import { buildRenderer } from '../../src-main/web-host/renderer-build.ts';
import { startWebHost } from '../../src-main/web-host/web-host.ts';
import { findChromium } from './chromium.ts';

export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  // The skip reasons live in each test's annotations; say them once here too, since the list reporter does not print them.
  const electron = findElectronBinary(PROJECT_ROOT);
  if (!electron.found) process.stdout.write(`e2e: Electron binary not installed (${electron.reason}): the electron suite reports itself skipped.\n`);
  const chromium = findChromium();
  if (!chromium.found) {
    process.stdout.write(`e2e: ${chromium.reason}: the console suites report themselves skipped.\n`);
    return undefined;
  }
  // Always test the current renderer source, never a stale out/renderer.
  if (process.env.TRIGGERBENCH_E2E_NO_BUILD !== '1') {
    process.stdout.write('e2e: building the console (vite)...\n');
    await buildRenderer();
  }
  const tmp = await mkdtemp(join(tmpdir(), 'triggerbench-e2e-'));
  const workspace = join(tmp, 'workspace');
  const dataDir = join(tmp, 'data');
  await cp(SAMPLE_WORKSPACE, workspace, { recursive: true });
  const workbench = await createWorkbench({ dataDir, workspaceRoot: workspace, port: 0, watch: true });
  const listener = await workbench.start();
  if (!listener.running) throw new Error(`e2e: the listener did not start: ${listener.error?.code}: ${listener.error?.message}`);
  const host = await startWebHost({ workbench, port: 0, log: (line) => process.stdout.write(`e2e: ${line}\n`) });
  const url = new URL(host.url);
  Object.assign(process.env, {
    TRIGGERBENCH_E2E_URL: host.url,
    TRIGGERBENCH_E2E_ORIGIN: url.origin,
    TRIGGERBENCH_E2E_TOKEN: url.searchParams.get('token') ?? '',
    TRIGGERBENCH_E2E_WORKSPACE: workspace,
    TRIGGERBENCH_E2E_DATA_DIR: dataDir,
    TRIGGERBENCH_E2E_LISTENER: listener.baseUrl,
  });
  process.stdout.write(`e2e: console at ${host.url} (listener ${listener.baseUrl}, workspace ${workspace})\n`);
  return async () => {
    await host.close();
    await workbench.stop();
    await rm(tmp, { recursive: true, force: true });
  };
}
