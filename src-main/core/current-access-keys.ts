import type { FSWatcher } from 'node:fs';
import type { KeyType } from '../../src-shared/contract.ts';
import { regenerateAccessKey, type AccessKeys } from '../auth/access-keys.ts';
import { watchAccessKeys } from './key-watch.ts';

/**
 * The SAS access keys in force: the ones in keys.json, followed when another process
 * (`triggerbench keys regenerate`) rewrites it. `onChange` hears every new pair, since
 * every callback URL changes with them.
 */
export class CurrentAccessKeys {
  private watcher?: FSWatcher;
  private readonly dataDir: string;
  private current: AccessKeys;
  private readonly onChange: () => void;

  constructor(dataDir: string, keys: AccessKeys, onChange: () => void) {
    this.dataDir = dataDir;
    this.current = keys;
    this.onChange = onChange;
  }

  /** The keys now. */
  get keys(): AccessKeys {
    return this.current;
  }

  /** Starts following keys.json (once). */
  watch(): void {
    if (this.watcher) return;
    this.watcher = watchAccessKeys(this.dataDir, (keys) => {
      if (keys.primary === this.current.primary && keys.secondary === this.current.secondary) return;
      this.current = keys;
      this.onChange();
    });
  }

  /** Replaces one key with a new random one, saved in keys.json. */
  async regenerate(which: KeyType): Promise<void> {
    this.current = await regenerateAccessKey(this.dataDir, which);
    this.onChange();
  }

  /** Stops following keys.json. */
  close(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }
}
