import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ParentMessage, ServerCounters, SoakSample } from './protocol.ts';

/** A server under test running in its own process, driven over IPC. */
export interface ServerChild {
  port: number;
  /** Path (and query) to call: the callback URL's, for both servers. */
  path: string;
  snapshot(): Promise<ServerCounters>;
  /** A reading taken at once, under load (memory, traffic, the history's lag). */
  sample(): Promise<SoakSample>;
  /** Asks the child to stop and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Forks `bench/request-response/<file>` with a JSON config and waits for `ready`.
 * `execArgv` adds Node flags (e.g. `--cpu-prof`) to the child only.
 */
export async function startServerChild(file: 'runtime-server.ts' | 'bare-server.ts', config: unknown, execArgv: string[] = []): Promise<ServerChild> {
  const path = fileURLToPath(new URL(file, import.meta.url));
  const child: ChildProcess = fork(path, [JSON.stringify(config)], { execArgv: [...process.execArgv, ...execArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const next = (type: ChildMessage['type']): Promise<ChildMessage> =>
    new Promise((resolve, reject) => {
      const onMessage = (message: ChildMessage): void => {
        if (message.type !== type && message.type !== 'failed') return;
        cleanup();
        if (message.type === 'failed') reject(new Error(`${file}: ${message.message}`));
        else resolve(message);
      };
      const onExit = (code: number | null): void => {
        cleanup();
        reject(new Error(`${file} exited (code ${code}) before sending '${type}'.`));
      };
      const cleanup = (): void => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const send = (message: ParentMessage): void => {
    child.send(message);
  };
  const ready = await next('ready');
  if (ready.type !== 'ready') throw new Error('unreachable');
  return {
    port: ready.port,
    path: ready.path,
    async snapshot() {
      const reply = next('snapshot');
      send({ type: 'snapshot' });
      const message = await reply;
      if (message.type !== 'snapshot') throw new Error('unreachable');
      return message.counters;
    },
    async sample() {
      const reply = next('sample');
      send({ type: 'sample' });
      const message = await reply;
      if (message.type !== 'sample') throw new Error('unreachable');
      return message.sample;
    },
    async stop() {
      send({ type: 'stop' });
      const code = await exited;
      if (code !== 0) throw new Error(`${file} exited with code ${code} when stopped.`);
    },
  };
}
