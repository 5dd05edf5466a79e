import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateTlsMaterial } from '../../src-main/tls/certificate-authority.ts';
import { tlsPaths } from '../../src-main/tls/tls-files.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tb-ca-constraints-'));
  dirs.push(dir);
  return dir;
}

const constraintsFile = (dir: string): string => join(tlsPaths(dir).dir, 'ca-constraints.json');

describe("the CA's name constraints noted beside it", () => {
  it('are noted for this CA at the first start and used at the next, with the same certificates', async () => {
    const dir = await dataDir();
    const first = await loadOrCreateTlsMaterial(dir, { hostnames: ['127.0.0.1'] });
    const noted = JSON.parse(await readFile(constraintsFile(dir), 'utf8'));
    expect(noted.fingerprint256).toBe(new X509Certificate(first.caCertPem).fingerprint256);
    expect(noted.permitted).toContainEqual({ type: 'dns', value: 'localhost' });
    const again = await loadOrCreateTlsMaterial(dir, { hostnames: ['127.0.0.1'] });
    expect(again.cert).toEqual(first.cert);
    expect(again.caNameConstrained).toBe(true);
    expect(again.hostsOutsideCa).toEqual([]);
  });

  it('are read from the certificate again when the note is damaged or belongs to another CA', async () => {
    const dir = await dataDir();
    const first = await loadOrCreateTlsMaterial(dir, { hostnames: ['127.0.0.1'] });
    await writeFile(constraintsFile(dir), '{ not json');
    expect((await loadOrCreateTlsMaterial(dir, { hostnames: ['127.0.0.1'] })).cert).toEqual(first.cert);
    expect(JSON.parse(await readFile(constraintsFile(dir), 'utf8')).fingerprint256).toBe(new X509Certificate(first.caCertPem).fingerprint256);
    // A note for another CA that permits nothing would leave every name out: it must be ignored.
    await writeFile(constraintsFile(dir), JSON.stringify({ fingerprint256: 'AA:BB', permitted: [] }));
    const reread = await loadOrCreateTlsMaterial(dir, { hostnames: ['127.0.0.1'] });
    expect(reread.hostsOutsideCa).toEqual([]);
    expect(reread.cert).toEqual(first.cert);
  });
});
