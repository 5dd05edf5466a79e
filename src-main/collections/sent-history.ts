import { join } from 'node:path';
import { SENT_BODY_LIMIT, SENT_HISTORY_LIMIT, sentRequestMatches, type SentRequest } from '../../src-shared/sent-requests.ts';
import { readJsonIfExists, writeFileAtomic } from '../files/files.ts';
import { whyInvalid } from './store-files.ts';

/** File in the data folder that holds the console's sent-request history. */
export const SENT_HISTORY_FILE = 'sent-requests.json';

/**
 * The console's sent-request history in the data folder: newest first, capped at
 * SENT_HISTORY_LIMIT entries, bodies cut at SENT_BODY_LIMIT. Writes are serialised so
 * two quick sends never lose one another's entry.
 */
export function sentHistory(dataDir: string) {
  const path = join(dataDir, SENT_HISTORY_FILE);
  let queue: Promise<unknown> = Promise.resolve();

  const read = async (): Promise<SentRequest[]> => {
    // A damaged file is history only: start over rather than refuse every send.
    const file = await readJsonIfExists<{ entries?: SentRequest[] }>(path).catch(() => undefined);
    return Array.isArray(file?.entries) ? file.entries.filter((entry) => entry && typeof entry.id === 'string' && !whyInvalid('request', entry.request)) : [];
  };
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  /** Newest first, filtered by a search text (method, URL, headers, body). */
  async function list(options: { text?: string; limit?: number } = {}): Promise<SentRequest[]> {
    const entries = await read();
    const found = options.text ? entries.filter((entry) => sentRequestMatches(entry, options.text ?? '')) : entries;
    return found.slice(0, options.limit ?? SENT_HISTORY_LIMIT);
  }

  /** Adds one entry at the top. */
  function add(entry: SentRequest): Promise<void> {
    return serial(async () => {
      const body = entry.request.body;
      if ((body.mode === 'json' || body.mode === 'text') && body.text.length > SENT_BODY_LIMIT) {
        entry = { ...entry, bodyTruncated: true, request: { ...entry.request, body: { ...body, text: body.text.slice(0, SENT_BODY_LIMIT) } } };
      }
      const entries = [entry, ...(await read()).filter((e) => e.id !== entry.id)].slice(0, SENT_HISTORY_LIMIT);
      await writeFileAtomic(path, JSON.stringify({ version: 1, entries }), { mode: 0o600 });
    });
  }

  /** Forgets every entry; returns how many there were. */
  function clear(): Promise<number> {
    return serial(async () => {
      const count = (await read()).length;
      await writeFileAtomic(path, JSON.stringify({ version: 1, entries: [] }), { mode: 0o600 });
      return count;
    });
  }

  return { list, add, clear };
}

/** The sent-request history of one data folder. */
export type SentHistory = ReturnType<typeof sentHistory>;
