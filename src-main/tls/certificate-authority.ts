import { randomBytes, type KeyObject, type X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { TlsMaterialError } from './tls-errors.ts';
import {
  PRIVATE_FILE_MODE,
  PUBLIC_FILE_MODE,
  ensureTlsFolder,
  keepPrivate,
  parseCertificateFile,
  parsePrivateKeyFile,
  readTlsFile,
  tlsPaths,
  writeTlsFile,
  type TlsPaths,
} from './tls-files.ts';
import { sanEntriesFor, type SanEntry } from './tls-hostnames.ts';
import { withFileLock } from './tls-lock.ts';
import { isPermitted, permittedNameOf, type PermittedName } from './tls-names.ts';
import type { LeafKind, PemPair } from './tls-x509.ts';

/**
 * The certificate library (@peculiar/x509 and its ASN.1 stack, a third of the modules
 * `serve` loads) is needed only to make a CA or a server certificate, or to read a CA's
 * name constraints once: a start with existing material does not load it (docs/tls.md).
 */
const certificateLibrary = (): Promise<typeof import('./tls-x509.ts')> => import('./tls-x509.ts');

/** Beside the CA: its name constraints as read once, keyed by the CA's fingerprint. */
const CONSTRAINTS_FILE = 'ca-constraints.json';

/** What the listener needs to serve HTTPS, and what the UI/CLI show so users can trust the CA. */
export interface TlsMaterial {
  /** The CA certificate (PEM) that clients trust. */
  caCertPem: string;
  /** Path of the exportable CA PEM in the data folder. */
  caCertPath: string;
  /** SHA-256 fingerprint, colon-separated upper-case hex, as Node's X509Certificate.fingerprint256. */
  caFingerprint256: string;
  /** When the CA expires, ISO 8601. */
  caNotAfter: string;
  /** [RSA, ECDSA] leaf private keys (PEM, PKCS#8). */
  key: string[];
  /** [RSA, ECDSA] leaf certificates (PEM), each the leaf alone: the CA is what clients trust. */
  cert: string[];
  /** False for a CA made before name constraints: it could certify any host (`triggerbench ca regenerate`). */
  caNameConstrained: boolean;
  /** Configured hosts the CA's name constraints do not cover, left out of the server certificates. */
  hostsOutsideCa: string[];
}

/** Options of {@link loadOrCreateTlsMaterial}. */
export interface TlsMaterialOptions {
  /** Hostnames or IPs beyond localhost, 127.0.0.1 and ::1 (e.g. a configured host) to put in the leaf SANs. */
  hostnames?: string[];
}

/** Lifetime of the local CA. */
export const CA_VALIDITY_DAYS = 3652;
/** Lifetime of a server certificate: at most 397 days, the CA/Browser Forum and Apple limit browsers enforce. */
export const LEAF_VALIDITY_DAYS = 397;
/** A server certificate expiring sooner than this is re-issued at start. */
export const LEAF_RENEW_BEFORE_DAYS = 30;

const DAY_MS = 86_400_000;
// RFC 5280 ub-common-name: a CN is at most 64 characters.
const MAX_CN_LENGTH = 64;

/** "Triggerbench Local CA (<user>@<host>) <random>", so two installs' CAs are told apart in trust stores. */
function caCommonName(): string {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    // userInfo() throws when the uid has no passwd entry (some containers); the name is cosmetic.
    user = process.env.USER ?? process.env.USERNAME ?? 'user';
  }
  const suffix = randomBytes(3).toString('hex');
  const fixed = `Triggerbench Local CA () ${suffix}`.length;
  const who = `${user}@${hostname()}`.replace(/[^\x20-\x7e]/g, '?').slice(0, MAX_CN_LENGTH - fixed);
  return `Triggerbench Local CA (${who}) ${suffix}`;
}

interface LoadedCa {
  pair: PemPair;
  cert: X509Certificate;
}

/** Wildcard listen addresses are not names a client connects to: never certified. */
const WILDCARDS = new Set(['0.0.0.0', '::']);

/**
 * What a new CA may certify (docs/tls.md, "Name constraints"): localhost (and its
 * subdomains), 127.0.0.0/8, ::1, and the configured hosts.
 */
export function permittedNamesFor(sans: readonly SanEntry[]): PermittedName[] {
  const permitted: PermittedName[] = [
    { type: 'dns', value: 'localhost' },
    { type: 'ip', address: '127.0.0.0', prefix: 8 },
    { type: 'ip', address: '::1', prefix: 128 },
  ];
  for (const san of sans) if (!WILDCARDS.has(san.value) && !isPermitted(san, permitted)) permitted.push(permittedNameOf(san));
  return permitted;
}

async function createCa(paths: TlsPaths, now: Date, sans: readonly SanEntry[], recreate: string): Promise<LoadedCa> {
  const { createCertificateAuthority } = await certificateLibrary();
  const pair = await createCertificateAuthority({ commonName: caCommonName(), now, validityDays: CA_VALIDITY_DAYS, permitted: permittedNamesFor(sans) });
  // Key first: a crash in between leaves "key without cert", reported as incomplete (or a
  // mismatch), never a published CA certificate whose key is lost.
  await writeTlsFile(paths.caKey, pair.keyPem, PRIVATE_FILE_MODE);
  await writeTlsFile(paths.caCert, pair.certPem, PUBLIC_FILE_MODE);
  return { pair, cert: parseCertificateFile(paths.caCert, pair.certPem, recreate) };
}

async function loadOrCreateCa(paths: TlsPaths, now: Date, sans: readonly SanEntry[]): Promise<LoadedCa> {
  const recreate =
    `To start over, delete the folder ${paths.dir} and start Triggerbench again: a new local CA is created ` +
    '(clients that trusted the old CA certificate will need to trust the new one).';
  const certPem = await readTlsFile(paths.caCert, recreate);
  const keyPem = await readTlsFile(paths.caKey, recreate);
  if (certPem === undefined && keyPem === undefined) return createCa(paths, now, sans, recreate);
  if (certPem === undefined || keyPem === undefined) {
    const [found, missing] = certPem === undefined ? [paths.caKey, paths.caCert] : [paths.caCert, paths.caKey];
    throw new TlsMaterialError(
      'TLS_CA_INCOMPLETE',
      missing,
      `The local CA is incomplete: ${found} exists but ${missing} is missing. Restore the missing file from a backup. ${recreate}`,
    );
  }
  const cert = parseCertificateFile(paths.caCert, certPem, recreate);
  const key = parsePrivateKeyFile(paths.caKey, keyPem, recreate);
  await keepPrivate(paths.caKey);
  if (!cert.ca) {
    throw new TlsMaterialError('TLS_CA_INVALID', paths.caCert, `${paths.caCert} is not a CA certificate (basicConstraints CA:FALSE). ${recreate}`);
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new TlsMaterialError('TLS_CA_INVALID', paths.caKey, `${paths.caKey} holds a ${key.asymmetricKeyType} key; the local CA key must be RSA. ${recreate}`);
  }
  if (!cert.checkPrivateKey(key)) {
    throw new TlsMaterialError(
      'TLS_CA_KEY_MISMATCH',
      paths.caKey,
      `${paths.caKey} is not the private key of ${paths.caCert}. Restore the matching pair from a backup. ${recreate}`,
    );
  }
  if (cert.validToDate.getTime() <= now.getTime()) {
    throw new TlsMaterialError('TLS_CA_INVALID', paths.caCert, `The local CA ${paths.caCert} expired on ${cert.validToDate.toISOString()}. ${recreate}`);
  }
  return { pair: { certPem, keyPem }, cert };
}

/** Why an existing leaf must be re-issued, or undefined when it can be served as is. */
function reissueReason(leaf: X509Certificate, key: KeyObject, kind: LeafKind, ca: X509Certificate, sans: readonly SanEntry[], now: Date): string | undefined {
  if (key.asymmetricKeyType !== (kind === 'rsa' ? 'rsa' : 'ec')) return 'wrong key type';
  if (!leaf.checkPrivateKey(key)) return 'key does not match certificate';
  if (!leaf.checkIssued(ca) || !leaf.verify(ca.publicKey)) return 'not issued by the current CA';
  if (leaf.validToDate.getTime() - now.getTime() < LEAF_RENEW_BEFORE_DAYS * DAY_MS) return 'expires soon';
  if (leaf.validFromDate.getTime() > now.getTime()) return 'not yet valid';
  for (const san of sans) {
    const covered = san.type === 'ip' ? leaf.checkIP(san.value) : leaf.checkHost(san.value, { subject: 'never', wildcards: false });
    if (covered === undefined) return `missing ${san.value}`;
  }
  return undefined;
}

async function loadOrIssueLeaf(certPath: string, keyPath: string, kind: LeafKind, ca: LoadedCa, sans: readonly SanEntry[], now: Date): Promise<PemPair> {
  const reissue = `Delete ${certPath} and ${keyPath} and start Triggerbench again: a new server certificate is issued from the existing CA (no need to trust anything again).`;
  const certPem = await readTlsFile(certPath, reissue);
  const keyPem = await readTlsFile(keyPath, reissue);
  if (certPem !== undefined && keyPem !== undefined) {
    const leaf = parseCertificateFile(certPath, certPem, reissue);
    const key = parsePrivateKeyFile(keyPath, keyPem, reissue);
    await keepPrivate(keyPath);
    if (reissueReason(leaf, key, kind, ca.cert, sans, now) === undefined) return { certPem, keyPem };
  }
  const { issueLeafCertificate } = await certificateLibrary();
  const pair = await issueLeafCertificate(ca.pair, { kind, sans, now, validityDays: LEAF_VALIDITY_DAYS });
  // Key first: a crash in between leaves a key/cert mismatch, which the next start re-issues.
  await writeTlsFile(keyPath, pair.keyPem, PRIVATE_FILE_MODE);
  await writeTlsFile(certPath, pair.certPem, PUBLIC_FILE_MODE);
  return pair;
}

/**
 * Loads the local CA and the RSA + ECDSA server certificates from `<dataDir>/tls/`, creating
 * the CA on first start and (re-)issuing a server certificate when it is missing, expires
 * within 30 days, or lacks a requested hostname. Holds a lock file meanwhile so concurrent
 * first starts share one CA. Throws {@link TlsMaterialError} with the file and the fix.
 */
export async function loadOrCreateTlsMaterial(dataDir: string, options: TlsMaterialOptions = {}): Promise<TlsMaterial> {
  const sans = sanEntriesFor(options.hostnames ?? []);
  const paths = tlsPaths(dataDir);
  await ensureTlsFolder(paths.dir);
  return withFileLock(paths.lock, async () => {
    const now = new Date();
    return materialFrom(paths, await loadOrCreateCa(paths, now, sans), sans, now);
  });
}

/**
 * Replaces the local CA with a new one carrying name constraints for localhost,
 * 127.0.0.0/8, ::1 and `hostnames`, and issues new server certificates from it. Clients
 * that trusted the old CA must trust the new one (docs/tls.md, "Regenerating the CA").
 */
export async function regenerateCertificateAuthority(dataDir: string, options: TlsMaterialOptions = {}): Promise<TlsMaterial> {
  const sans = sanEntriesFor(options.hostnames ?? []);
  const paths = tlsPaths(dataDir);
  await ensureTlsFolder(paths.dir);
  return withFileLock(paths.lock, async () => {
    const now = new Date();
    const recreate = `Delete the folder ${paths.dir} and start Triggerbench again: a new local CA is created.`;
    return materialFrom(paths, await createCa(paths, now, sans, recreate), sans, now);
  });
}

function isPermittedName(value: unknown): value is PermittedName {
  if (typeof value !== 'object' || value === null) return false;
  const name = value as Record<string, unknown>;
  return (name.type === 'dns' && typeof name.value === 'string') || (name.type === 'ip' && typeof name.address === 'string' && typeof name.prefix === 'number');
}

/**
 * The CA's name constraints (undefined: it has none), from CONSTRAINTS_FILE when that was
 * written for this very CA, else read from the certificate with the library and noted
 * there. A missing, damaged or stale file is only read again from the certificate.
 */
async function caConstraints(paths: TlsPaths, ca: LoadedCa): Promise<PermittedName[] | undefined> {
  const file = join(paths.dir, CONSTRAINTS_FILE);
  try {
    const noted = JSON.parse(await readFile(file, 'utf8')) as { fingerprint256?: unknown; permitted?: unknown };
    if (noted.fingerprint256 === ca.cert.fingerprint256) {
      if (noted.permitted === null) return undefined;
      if (Array.isArray(noted.permitted) && noted.permitted.every(isPermittedName)) return noted.permitted;
    }
  } catch {
    // Not there yet (or unreadable): read the certificate below.
  }
  const { caPermittedNames } = await certificateLibrary();
  const permitted = caPermittedNames(ca.pair.certPem);
  await writeTlsFile(file, `${JSON.stringify({ fingerprint256: ca.cert.fingerprint256, permitted: permitted ?? null })}\n`, PUBLIC_FILE_MODE);
  return permitted;
}

async function materialFrom(paths: TlsPaths, ca: LoadedCa, sans: readonly SanEntry[], now: Date): Promise<TlsMaterial> {
  // A constrained CA cannot vouch for names outside its constraints: clients would refuse
  // such a certificate, so those names are left out (and reported) rather than served broken.
  const permitted = await caConstraints(paths, ca);
  const served = permitted ? sans.filter((san) => isPermitted(san, permitted)) : [...sans];
  const outside = sans.filter((san) => !served.includes(san) && !WILDCARDS.has(san.value)).map((san) => san.value);
  const rsa = await loadOrIssueLeaf(paths.rsaCert, paths.rsaKey, 'rsa', ca, served, now);
  const ecdsa = await loadOrIssueLeaf(paths.ecdsaCert, paths.ecdsaKey, 'ecdsa', ca, served, now);
  return {
    caCertPem: ca.pair.certPem,
    caCertPath: paths.caCert,
    caFingerprint256: ca.cert.fingerprint256,
    caNotAfter: ca.cert.validToDate.toISOString(),
    key: [rsa.keyPem, ecdsa.keyPem],
    cert: [rsa.certPem, ecdsa.certPem],
    caNameConstrained: permitted !== undefined,
    hostsOutsideCa: outside,
  };
}
