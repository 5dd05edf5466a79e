import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { chmod, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ensurePrivateDir, writeFileAtomic } from '../files/files.ts';
import { TlsMaterialError } from './tls-errors.ts';

/** Absolute paths of everything kept in `<dataDir>/tls/`. */
export interface TlsPaths {
  dir: string;
  caCert: string;
  caKey: string;
  rsaCert: string;
  rsaKey: string;
  ecdsaCert: string;
  ecdsaKey: string;
  lock: string;
}

/** Mode of private keys: owner read/write only (issue: "private keys readable by the owner only"). */
export const PRIVATE_FILE_MODE = 0o600;
/** Mode of certificates: public by nature, and the CA one is meant to be exported. */
export const PUBLIC_FILE_MODE = 0o644;
const PRIVATE_DIR_MODE = 0o700;

/** The file layout of the tls folder; names are part of the docs (docs/tls.md), keep them stable. */
export function tlsPaths(dataDir: string): TlsPaths {
  const dir = join(dataDir, 'tls');
  return {
    dir,
    caCert: join(dir, 'ca-cert.pem'),
    caKey: join(dir, 'ca-key.pem'),
    rsaCert: join(dir, 'server-rsa-cert.pem'),
    rsaKey: join(dir, 'server-rsa-key.pem'),
    ecdsaCert: join(dir, 'server-ecdsa-cert.pem'),
    ecdsaKey: join(dir, 'server-ecdsa-key.pem'),
    lock: join(dir, '.lock'),
  };
}

// chmod is close to meaningless on Windows (ACLs of %APPDATA% protect the folder there).
const POSIX = process.platform !== 'win32';

/** Creates the tls folder owner-only, and narrows it to 0700 if it already existed wider. */
export async function ensureTlsFolder(dir: string): Promise<void> {
  try {
    await ensurePrivateDir(dir);
    if (POSIX && ((await stat(dir)).mode & 0o077) !== 0) await chmod(dir, PRIVATE_DIR_MODE);
  } catch (error) {
    throw new TlsMaterialError(
      'TLS_WRITE_FAILED',
      dir,
      `Cannot create or use the certificate folder ${dir}: ${(error as Error).message}. ` +
        'Check that the data folder is writable by you (or choose another with --data-dir / TRIGGERBENCH_DATA_DIR).',
      { cause: error },
    );
  }
}

/** Narrows a private key file to 0600 when a copy or restore left it readable by others. */
export async function keepPrivate(path: string): Promise<void> {
  if (!POSIX) return;
  try {
    if (((await stat(path)).mode & 0o077) !== 0) await chmod(path, PRIVATE_FILE_MODE);
  } catch (error) {
    throw new TlsMaterialError(
      'TLS_WRITE_FAILED',
      path,
      `The private key ${path} is readable by other users and could not be made owner-only: ${(error as Error).message}. ` +
        `Run "chmod 600 ${path}" as the file's owner (it may have been created by another user, e.g. with sudo).`,
      { cause: error },
    );
  }
}

/** Reads a PEM file of the tls folder; undefined when it does not exist, a coded error when it cannot be read. */
export async function readTlsFile(path: string, fix: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new TlsMaterialError(
      'TLS_FILE_UNREADABLE',
      path,
      `Cannot read ${path}: ${(error as Error).message}. ${fix}`,
      { cause: error },
    );
  }
}

/** Parses a PEM certificate, or throws TLS_FILE_CORRUPT naming the file and the fix. */
export function parseCertificateFile(path: string, pem: string, fix: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch (error) {
    throw new TlsMaterialError(
      'TLS_FILE_CORRUPT',
      path,
      `${path} is not a valid PEM certificate (${(error as Error).message}). ${fix}`,
      { cause: error },
    );
  }
}

/** Parses a PEM private key, or throws TLS_FILE_CORRUPT naming the file and the fix. */
export function parsePrivateKeyFile(path: string, pem: string, fix: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch (error) {
    throw new TlsMaterialError(
      'TLS_FILE_CORRUPT',
      path,
      `${path} is not a valid PEM private key (${(error as Error).message}). ${fix}`,
      { cause: error },
    );
  }
}

/** Writes one file of the tls folder atomically with the given mode, or throws TLS_WRITE_FAILED. */
export async function writeTlsFile(path: string, data: string, mode: number): Promise<void> {
  try {
    await writeFileAtomic(path, data, { mode });
  } catch (error) {
    throw new TlsMaterialError(
      'TLS_WRITE_FAILED',
      path,
      `Cannot write ${path}: ${(error as Error).message}. Check that the data folder is writable by you.`,
      { cause: error },
    );
  }
}
