import { watch, type FSWatcher } from 'node:fs';
import { basename } from 'node:path';
import { accessKeysPath, loadOrCreateAccessKeys, type AccessKeys } from '../auth/access-keys.ts';

/**
 * `triggerbench keys regenerate` in another process rewrites keys.json: re-read it so
 * URLs signed with the old key stop working here too, without a restart. `onKeys` gets
 * every new pair of keys.
 */
export function watchAccessKeys(dataDir: string, onKeys: (keys: AccessKeys) => void): FSWatcher {
  const file = accessKeysPath(dataDir);
  return watch(dataDir, (_event, name) => {
    if (name !== basename(file)) return;
    loadOrCreateAccessKeys(dataDir).then(
      onKeys,
      () => undefined, // a half-written file: the rename that completes it fires again
    );
  });
}
