import { CodedError } from '../../src-shared/coded-error.ts';
import { chmodSync, mkdirSync, statSync } from 'node:fs';

/**
 * Owner-only permissions for the data folder and everything secret in it
 * (docs/hosts.md, "Data folder"): the folder 0700, keys, history files and private keys
 * 0600, narrowed on every start and every load, whatever mode a copy, a restore or an
 * older version left. chmod means little on Windows, where the ACLs of %APPDATA% protect
 * the folder, so these do nothing there.
 */

const POSIX = process.platform !== 'win32';

/** Mode of the data folder. */
export const OWNER_ONLY_DIR_MODE = 0o700;
/** Mode of secrets and of the run history's files. */
export const OWNER_ONLY_FILE_MODE = 0o600;

/** A file or folder that could not be made owner-only: says which and how to fix it. */
export class PermissionError extends CodedError<'PermissionsTooWide'> {
  readonly path: string;
  constructor(path: string, cause: unknown) {
    super('PermissionsTooWide', `${path} is readable by other users and could not be made owner-only (${(cause as Error).message}). Run "chmod go-rwx ${path}" as its owner (it may have been created by another user, e.g. with sudo).`, { cause });
    this.path = path;
  }
}

/** Narrows an existing file or folder to `mode` when group or others have any access; missing paths are left alone. */
export function narrowToOwner(path: string, mode: number): void {
  if (!POSIX) return;
  let current: number;
  try {
    current = statSync(path).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if ((current & 0o077) === 0) return;
  try {
    chmodSync(path, mode);
  } catch (error) {
    throw new PermissionError(path, error);
  }
}

/** Creates the data folder owner-only, or narrows it to 0700 when it already exists wider. */
export function ensureOwnerOnlyDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: OWNER_ONLY_DIR_MODE });
  narrowToOwner(dir, OWNER_ONLY_DIR_MODE);
}
