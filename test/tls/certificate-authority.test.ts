import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { chmod, copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkServerIdentity } from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CA_VALIDITY_DAYS,
  LEAF_VALIDITY_DAYS,
  loadOrCreateTlsMaterial,
  regenerateCertificateAuthority,
  type TlsMaterial,
} from '../../src-main/tls/certificate-authority.ts';
import { TlsMaterialError } from '../../src-main/tls/tls-errors.ts';
import { tlsPaths } from '../../src-main/tls/tls-files.ts';
import { sanEntriesFor, toSanEntry } from '../../src-main/tls/tls-hostnames.ts';
import { issueLeafCertificate } from '../../src-main/tls/tls-x509.ts';
import { tempDataDirs } from './tls-test-helpers.ts';

const DAY_MS = 86_400_000;
const POSIX = process.platform !== 'win32';
const dirs = tempDataDirs();
afterAll(dirs.cleanup);

/** Rejects with a TlsMaterialError; returns it for assertions. */
async function tlsError(promise: Promise<unknown>): Promise<TlsMaterialError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a TlsMaterialError');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TlsMaterialError);
  return error as TlsMaterialError;
}

async function modeOf(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777;
}

describe('first start', () => {
  let dataDir: string;
  let first: TlsMaterial;

  it('creates the CA and both leaves in <dataDir>/tls, keys owner-only', async () => {
    dataDir = await dirs.make();
    first = await loadOrCreateTlsMaterial(dataDir);
    const paths = tlsPaths(dataDir);
    expect(first.caCertPath).toBe(paths.caCert);
    expect(await readFile(paths.caCert, 'utf8')).toBe(first.caCertPem);
    expect(first.caFingerprint256).toBe(new X509Certificate(first.caCertPem).fingerprint256);
    expect(first.caFingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(first.key).toHaveLength(2);
    expect(first.cert).toHaveLength(2);
    if (POSIX) {
      expect(await modeOf(paths.dir)).toBe(0o700);
      for (const key of [paths.caKey, paths.rsaKey, paths.ecdsaKey]) expect(await modeOf(key)).toBe(0o600);
      // The CA certificate is public and meant to be copied elsewhere.
      expect(await modeOf(paths.caCert)).toBe(0o644);
    }
  });

  it('reuses the same CA and leaves on the next start', async () => {
    const second = await loadOrCreateTlsMaterial(dataDir);
    expect(second.caFingerprint256).toBe(first.caFingerprint256);
    expect(second.caCertPem).toBe(first.caCertPem);
    expect(second.cert).toEqual(first.cert);
    expect(second.key).toEqual(first.key);
  });

  it('makes a CA for 10 years, CA:true pathlen 0, keyCertSign + cRLSign, named after the install', () => {
    const ca = new X509Certificate(first.caCertPem);
    expect(ca.ca).toBe(true);
    expect(ca.subject).toBe(ca.issuer);
    const lifetimeDays = (ca.validToDate.getTime() - ca.validFromDate.getTime()) / DAY_MS;
    expect(lifetimeDays).toBe(CA_VALIDITY_DAYS);
    expect(lifetimeDays).toBeGreaterThanOrEqual(3650);
    expect(first.caNotAfter).toBe(ca.validToDate.toISOString());
    const cn = /CN=(.*)/.exec(ca.subject)?.[1] ?? '';
    expect(cn).toMatch(/^Triggerbench Local CA \(.+@.+\) [0-9a-f]{6}$/);
    expect(cn.length).toBeLessThanOrEqual(64);

    const parsed = new x509.X509Certificate(first.caCertPem);
    const basic = parsed.getExtension(x509.BasicConstraintsExtension);
    expect(basic).toMatchObject({ ca: true, pathLength: 0, critical: true });
    const usage = parsed.getExtension(x509.KeyUsagesExtension);
    expect(usage?.usages).toBe(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign);
  });

  it('issues an RSA and an ECDSA leaf that verify against the CA, for localhost, 127.0.0.1 and ::1', () => {
    const ca = new X509Certificate(first.caCertPem);
    const [rsa, ecdsa] = first.cert.map((pem) => new X509Certificate(pem));
    expect(rsa!.publicKey.asymmetricKeyType).toBe('rsa');
    expect(ecdsa!.publicKey.asymmetricKeyType).toBe('ec');
    for (const [index, leaf] of [rsa!, ecdsa!].entries()) {
      expect(leaf.checkIssued(ca)).toBe(true);
      expect(leaf.verify(ca.publicKey)).toBe(true);
      expect(leaf.ca).toBe(false);
      expect(leaf.checkPrivateKey(createPrivateKey(first.key[index]!))).toBe(true);
      expect((leaf.validToDate.getTime() - leaf.validFromDate.getTime()) / DAY_MS).toBeLessThanOrEqual(LEAF_VALIDITY_DAYS);
      expect(leaf.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']); // EKU serverAuth
      expect(leaf.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
      // What a TLS client actually checks for each name it may connect with.
      for (const host of ['localhost', '127.0.0.1', '::1']) expect(checkServerIdentity(host, leaf.toLegacyObject())).toBeUndefined();
      expect(checkServerIdentity('example.com', leaf.toLegacyObject())).toBeInstanceOf(Error);
    }
    const rsaUsage = new x509.X509Certificate(first.cert[0]!).getExtension(x509.KeyUsagesExtension)?.usages;
    const ecdsaUsage = new x509.X509Certificate(first.cert[1]!).getExtension(x509.KeyUsagesExtension)?.usages;
    expect(rsaUsage).toBe(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment);
    expect(ecdsaUsage).toBe(x509.KeyUsageFlags.digitalSignature);
  });

  it('narrows a private key that a copy left readable by others back to 0600', async () => {
    if (!POSIX) return;
    const paths = tlsPaths(dataDir);
    await chmod(paths.caKey, 0o644);
    await chmod(paths.rsaKey, 0o644);
    const again = await loadOrCreateTlsMaterial(dataDir);
    expect(again.caFingerprint256).toBe(first.caFingerprint256);
    expect(await modeOf(paths.caKey)).toBe(0o600);
    expect(await modeOf(paths.rsaKey)).toBe(0o600);
  });
});

describe('re-issuing leaves (the CA stays)', () => {
  it('re-issues a leaf that expires within 30 days', async () => {
    const dataDir = await dirs.make();
    const before = await loadOrCreateTlsMaterial(dataDir);
    const paths = tlsPaths(dataDir);
    const ca = { certPem: await readFile(paths.caCert, 'utf8'), keyPem: await readFile(paths.caKey, 'utf8') };
    const shortLived = await issueLeafCertificate(ca, { kind: 'rsa', sans: sanEntriesFor(), now: new Date(), validityDays: 10 });
    await writeFile(paths.rsaKey, shortLived.keyPem, { mode: 0o600 });
    await writeFile(paths.rsaCert, shortLived.certPem);

    const after = await loadOrCreateTlsMaterial(dataDir);
    expect(after.caFingerprint256).toBe(before.caFingerprint256);
    expect(after.cert[0]).not.toBe(shortLived.certPem);
    const renewed = new X509Certificate(after.cert[0]!);
    expect(renewed.validToDate.getTime() - Date.now()).toBeGreaterThan(300 * DAY_MS);
    expect(renewed.checkIssued(new X509Certificate(after.caCertPem))).toBe(true);
    expect(await readFile(paths.rsaCert, 'utf8')).toBe(after.cert[0]);
    expect(after.cert[1]).toBe(before.cert[1]); // the healthy ECDSA leaf is kept
  });

  it('re-issues both leaves when a requested hostname is missing, and keeps them when the names are covered', async () => {
    const dataDir = await dirs.make();
    // The hosts the CA was made for (its name constraints permit them, docs/tls.md).
    const hosts = ['Box.Test.', '127.0.0.2', '[::ffff:127.0.0.1]'];
    const before = await loadOrCreateTlsMaterial(dataDir, { hostnames: hosts.slice(0, 1).concat(hosts.slice(2)) });
    const withHosts = await loadOrCreateTlsMaterial(dataDir, { hostnames: hosts });
    expect(withHosts.caFingerprint256).toBe(before.caFingerprint256);
    expect(withHosts.hostsOutsideCa).toEqual([]);
    for (const index of [0, 1]) {
      expect(withHosts.cert[index]).not.toBe(before.cert[index]);
      const leaf = new X509Certificate(withHosts.cert[index]!).toLegacyObject();
      for (const host of ['localhost', '127.0.0.1', '::1', 'box.test', '127.0.0.2', '::ffff:7f00:1']) {
        expect(checkServerIdentity(host, leaf)).toBeUndefined();
      }
    }
    // A later start with fewer names (or the same ones spelled differently) needs no new leaf.
    const fewer = await loadOrCreateTlsMaterial(dataDir);
    expect(fewer.cert).toEqual(withHosts.cert);
    const respelled = await loadOrCreateTlsMaterial(dataDir, { hostnames: ['box.test', '::FFFF:127.0.0.1'] });
    expect(respelled.cert).toEqual(withHosts.cert);
  });

  it('a host configured after the CA was made is left out of the leaves and reported, until the CA is regenerated', async () => {
    const dataDir = await dirs.make();
    await loadOrCreateTlsMaterial(dataDir);
    const later = await loadOrCreateTlsMaterial(dataDir, { hostnames: ['box.test', '127.0.0.9'] });
    expect(later.hostsOutsideCa).toEqual(['box.test']);
    const leaf = new X509Certificate(later.cert[0]!).toLegacyObject();
    expect(checkServerIdentity('127.0.0.9', leaf)).toBeUndefined();
    expect(checkServerIdentity('box.test', leaf)).toBeInstanceOf(Error);
    const regenerated = await regenerateCertificateAuthority(dataDir, { hostnames: ['box.test'] });
    expect(regenerated.hostsOutsideCa).toEqual([]);
    expect(checkServerIdentity('box.test', new X509Certificate(regenerated.cert[0]!).toLegacyObject())).toBeUndefined();
  });

  it('re-issues a leaf signed by another CA (e.g. a file copied from another install)', async () => {
    const mine = await dirs.make();
    const other = await dirs.make();
    const before = await loadOrCreateTlsMaterial(mine);
    await loadOrCreateTlsMaterial(other);
    await copyFile(tlsPaths(other).ecdsaCert, tlsPaths(mine).ecdsaCert);
    await copyFile(tlsPaths(other).ecdsaKey, tlsPaths(mine).ecdsaKey);
    const after = await loadOrCreateTlsMaterial(mine);
    expect(after.caFingerprint256).toBe(before.caFingerprint256);
    expect(new X509Certificate(after.cert[1]!).checkIssued(new X509Certificate(after.caCertPem))).toBe(true);
  });

  it('gives every install its own CA', async () => {
    const a = await loadOrCreateTlsMaterial(await dirs.make());
    const b = await loadOrCreateTlsMaterial(await dirs.make());
    expect(a.caFingerprint256).not.toBe(b.caFingerprint256);
    expect(new X509Certificate(a.caCertPem).subject).not.toBe(new X509Certificate(b.caCertPem).subject);
  });
});

describe('hostnames', () => {
  it('canonicalises IPs and DNS names', () => {
    expect(toSanEntry('[::1]')).toEqual({ type: 'ip', value: '::1' });
    expect(toSanEntry('::FFFF:127.0.0.1')).toEqual({ type: 'ip', value: '::ffff:7f00:1' });
    expect(toSanEntry('fe80::1%eth0')).toEqual({ type: 'ip', value: 'fe80::1' });
    expect(toSanEntry('My-Box.Local.')).toEqual({ type: 'dns', value: 'my-box.local' });
    expect(toSanEntry('bücher.test')).toEqual({ type: 'dns', value: 'xn--bcher-kva.test' });
    expect(sanEntriesFor(['localhost', '127.0.0.1'])).toHaveLength(3);
  });

  it.each(['https://box.test', 'box.test:8443', 'a b', '*.box.test', '', '999.1.1.1'])('refuses %j before touching the data folder', async (bad) => {
    const dataDir = await dirs.make();
    const error = await tlsError(loadOrCreateTlsMaterial(dataDir, { hostnames: [bad] }));
    expect(error.code).toBe('TLS_INVALID_HOSTNAME');
    expect(error.message).toContain(`"${bad}"`);
    await expect(stat(tlsPaths(dataDir).dir)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('damaged tls folder: a clear error naming the file and the fix, files left as they are', () => {
  async function freshInstall(): Promise<{ dataDir: string; paths: ReturnType<typeof tlsPaths> }> {
    const dataDir = await dirs.make();
    await loadOrCreateTlsMaterial(dataDir);
    return { dataDir, paths: tlsPaths(dataDir) };
  }

  it('a corrupt CA certificate', async () => {
    const { dataDir, paths } = await freshInstall();
    await writeFile(paths.caCert, 'not a certificate\n');
    const error = await tlsError(loadOrCreateTlsMaterial(dataDir));
    expect(error.code).toBe('TLS_FILE_CORRUPT');
    expect(error.file).toBe(paths.caCert);
    expect(error.message).toContain(paths.caCert);
    expect(error.message).toContain(`delete the folder ${paths.dir}`);
    expect(await readFile(paths.caCert, 'utf8')).toBe('not a certificate\n');
  });

  it('a corrupt leaf key says deleting the leaf is enough', async () => {
    const { dataDir, paths } = await freshInstall();
    await writeFile(paths.ecdsaKey, '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
    const error = await tlsError(loadOrCreateTlsMaterial(dataDir));
    expect(error.code).toBe('TLS_FILE_CORRUPT');
    expect(error.file).toBe(paths.ecdsaKey);
    expect(error.message).toContain(`Delete ${paths.ecdsaCert} and ${paths.ecdsaKey}`);
    expect(error.message).toContain('no need to trust anything again');
  });

  it('an unreadable CA key', async () => {
    const { dataDir, paths } = await freshInstall();
    // A folder where the key should be: unreadable even for root, unlike chmod 000.
    await rm(paths.caKey);
    await mkdir(paths.caKey);
    const error = await tlsError(loadOrCreateTlsMaterial(dataDir));
    expect(error.code).toBe('TLS_FILE_UNREADABLE');
    expect(error.file).toBe(paths.caKey);
    expect(error.message).toContain(`Cannot read ${paths.caKey}`);
  });

  it('a CA certificate without its key', async () => {
    const { dataDir, paths } = await freshInstall();
    const caPem = await readFile(paths.caCert, 'utf8');
    await rm(paths.caKey);
    const error = await tlsError(loadOrCreateTlsMaterial(dataDir));
    expect(error.code).toBe('TLS_CA_INCOMPLETE');
    expect(error.file).toBe(paths.caKey);
    expect(error.message).toContain(`${paths.caKey} is missing`);
    // Never silently replaced: clients may already trust this CA.
    expect(await readFile(paths.caCert, 'utf8')).toBe(caPem);
  });

  it('a CA key that belongs to another CA', async () => {
    const { dataDir, paths } = await freshInstall();
    const other = await freshInstall();
    await copyFile(other.paths.caKey, paths.caKey);
    const error = await tlsError(loadOrCreateTlsMaterial(dataDir));
    expect(error.code).toBe('TLS_CA_KEY_MISMATCH');
    expect(error.file).toBe(paths.caKey);
    expect(error.message).toContain(`is not the private key of ${paths.caCert}`);
  });

  it('a leaf certificate in place of the CA', async () => {
    const { dataDir, paths } = await freshInstall();
    await copyFile(paths.rsaCert, paths.caCert);
    const error = await tlsError(loadOrCreateTlsMaterial(dataDir));
    expect(error.code).toBe('TLS_CA_INVALID');
    expect(error.message).toContain('not a CA certificate');
  });
});
