import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where a running `serve` says it listens, so `url` prints URLs with the real port. */
export function listenerFile(dataDir: string): string {
  return join(dataDir, 'listener.json');
}

/** The base URL of the `serve` running with this data folder, if one is running. */
export async function runningBaseUrl(dataDir: string): Promise<string | undefined> {
  try {
    const { pid, baseUrl } = JSON.parse(await readFile(listenerFile(dataDir), 'utf8')) as { pid: number; baseUrl: string };
    process.kill(pid, 0);
    return baseUrl;
  } catch {
    return undefined;
  }
}
