import { resolve } from 'node:path';
import { toApiErrorPayload } from '../console-requests/api-error.ts';
import type { WorkbenchApi } from '../core/workbench-api.ts';
import { createWorkbench } from '../core/workbench.ts';
import { SAMPLE_WORKSPACE } from './project-paths.ts';
import { startWebHost } from './web-host.ts';

/** Arguments of `triggerbench ui [WORKSPACE] [--port N] [--data-dir DIR]`. */
export interface UiArgs {
  workspace?: string;
  /** Web host port on 127.0.0.1 (0 or absent: a free one). */
  port?: number;
  dataDir: string;
  /** The TLS listener's port for this start (default: the saved setting; 0 = a free one). */
  listenerPort?: number;
}

/** Where runUi writes and what stops it; the defaults are the process's. */
export interface UiIo {
  out?: (line: string) => void;
  err?: (line: string) => void;
  /** Stops the command when aborted; default: the first SIGINT or SIGTERM. */
  stop?: AbortSignal;
  /** Receives the URL once serving (tests and scripts/start.mjs read it here). */
  onReady?: (info: { url: string; port: number; listener: string }) => void;
  /** The built console to serve (default out/renderer, built on demand). */
  rendererDir?: string;
}

function signalStop(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/**
 * `triggerbench ui`: starts the workbench (listener, history) on the given workspace (or
 * the sample one) and the loopback web host,
 * prints the console URL (with this start's token), and serves until SIGINT/SIGTERM,
 * then stops both cleanly. Returns the exit code: 0 after a clean stop, 1 when start-up
 * failed (the reason printed as `code: message`).
 */
export async function runUi(args: UiArgs, io: UiIo = {}): Promise<number> {
  const out = io.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = io.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  const stopper = io.stop ? { signal: io.stop, dispose() {} } : signalStop();
  let workbench: WorkbenchApi | undefined;
  try {
    const workspaceRoot = args.workspace ? resolve(args.workspace) : SAMPLE_WORKSPACE;
    workbench = await createWorkbench({ dataDir: args.dataDir, workspaceRoot, port: args.listenerPort });
    const listener = await workbench.start();
    if (listener.error) err(`triggerbench ui: the listener did not start (${listener.error.code}: ${listener.error.message}); the console opens anyway, fix it in Settings.`);
    const host = await startWebHost({ workbench, port: args.port ?? 0, log: out, rendererDir: io.rendererDir });
    out(`Workspace: ${workspaceRoot}`);
    out(`Triggerbench console: ${host.url}`);
    if (listener.running) out(`Listener: ${listener.baseUrl}`);
    out('Open the console URL in a browser (it holds this start\'s access token). Ctrl+C stops.');
    io.onReady?.({ url: host.url, port: host.port, listener: listener.baseUrl });
    if (!stopper.signal.aborted) await new Promise<void>((done) => stopper.signal.addEventListener('abort', () => done(), { once: true }));
    out('Stopping...');
    await host.close();
    await workbench.stop();
    return 0;
  } catch (error) {
    const { code, message } = toApiErrorPayload(error);
    err(`triggerbench ui: ${code}: ${message}`);
    await workbench?.stop().catch((stopError: unknown) => err(`triggerbench ui: stopping the workbench failed too: ${(stopError as Error).message}`));
    return 1;
  } finally {
    stopper.dispose();
  }
}
