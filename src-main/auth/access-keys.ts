import { ensureOwnerOnlyDir, narrowToOwner, OWNER_ONLY_FILE_MODE } from '../files/owner-only.ts';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readJsonIfExists, writeFileAtomic } from '../files/files.ts';
import { AuthSetupError } from './auth-failure.ts';
import { createFileExclusive } from './secret-file.ts';

/** Which of a logic app's two access keys (Azure's `KeyType`: Primary / Secondary). */
export type KeyType = 'primary' | 'secondary';

/** The two access keys that sign callback URLs: random 32 bytes each, base64url. */
export interface AccessKeys {
  primary: string;
  secondary: string;
}

/** Both key types, in the order a signature is tried (primary first, as Azure documents). */
export const KEY_TYPES: readonly KeyType[] = ['primary', 'secondary'];

/** Where the access keys live: the data folder, never the workspace (secrets stay out of git). */
export function accessKeysPath(dataDir: string): string {
  return join(dataDir, 'keys.json');
}

/** A fresh key: 32 random bytes (256 bits, the HMAC-SHA256 block-safe size), base64url. */
function newKey(): string {
  return randomBytes(32).toString('base64url');
}

const KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function checkKeys(value: unknown, path: string): AccessKeys {
  const keys = value as Partial<AccessKeys> | null;
  for (const which of KEY_TYPES) {
    if (typeof keys !== 'object' || keys === null || typeof keys[which] !== 'string' || !KEY_PATTERN.test(keys[which])) {
      throw new AuthSetupError(
        'AccessKeysFileInvalid',
        `The access key file ${path} has no valid '${which}' key (43 base64url characters). ` +
          `Run 'triggerbench keys regenerate ${which}' to replace it, or delete the file to create both keys again (every callback URL changes).`,
      );
    }
  }
  return { primary: keys!.primary!, secondary: keys!.secondary! };
}

async function readKeys(path: string): Promise<AccessKeys | undefined> {
  let value: unknown;
  try {
    value = await readJsonIfExists<unknown>(path);
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw new AuthSetupError('AccessKeysFileInvalid', `The access key file ${path} is not valid JSON (${error.message}). Delete it to create new keys (every callback URL changes).`);
    }
    throw error;
  }
  return value === undefined ? undefined : checkKeys(value, path);
}

/**
 * Reads `<dataDir>/keys.json`, creating it (mode 0600) with two new keys on first use.
 * Creation is exclusive, so the app and the CLI starting together agree on one pair.
 */
export async function loadOrCreateAccessKeys(dataDir: string): Promise<AccessKeys> {
  const path = accessKeysPath(dataDir);
  ensureOwnerOnlyDir(dataDir);
  narrowToOwner(path, OWNER_ONLY_FILE_MODE);
  const existing = await readKeys(path);
  if (existing) return existing;
  const fresh: AccessKeys = { primary: newKey(), secondary: newKey() };
  const created = await createFileExclusive(path, `${JSON.stringify(fresh, null, 2)}\n`, 0o600);
  if (created) return fresh;
  const winner = await readKeys(path);
  if (!winner) throw new AuthSetupError('AccessKeysFileInvalid', `The access key file ${path} disappeared while it was being created; try again.`);
  return winner;
}

/**
 * Replaces one key with a new random one and returns both. Every URL signed with the old
 * key stops working (Azure's "regenerate access key"); URLs of the other key keep working.
 */
export async function regenerateAccessKey(dataDir: string, which: KeyType): Promise<AccessKeys> {
  if (!KEY_TYPES.includes(which)) {
    throw new AuthSetupError('InvalidKeyType', `Unknown key type '${String(which)}': use 'primary' or 'secondary'.`);
  }
  const current = await loadOrCreateAccessKeys(dataDir);
  const next: AccessKeys = { ...current, [which]: newKey() };
  await writeFileAtomic(accessKeysPath(dataDir), `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  return next;
}
