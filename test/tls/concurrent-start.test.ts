import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateTlsMaterial } from '../../src-main/tls/certificate-authority.ts';
import { TlsMaterialError } from '../../src-main/tls/tls-errors.ts';
import { ensureTlsFolder, tlsPaths } from '../../src-main/tls/tls-files.ts';
import { withFileLock } from '../../src-main/tls/tls-lock.ts';
import { tempDataDirs } from './tls-test-helpers.ts';

const dirs = tempDataDirs();
afterAll(dirs.cleanup);

const moduleUrl = new URL('../../src-main/tls/certificate-authority.ts', import.meta.url).href;

// A second process (the CLI beside the app): loads the module, says "ready", waits for "go"
// on stdin, then prints the CA fingerprint it got. The handshake lines up the starts without sleeps.
const CHILD_SCRIPT = `
const { loadOrCreateTlsMaterial } = await import(process.env.TB_MODULE);
process.stdout.write('ready\\n');
process.stdin.once('data', async () => {
  const material = await loadOrCreateTlsMaterial(process.env.TB_DATA_DIR);
  process.stdout.write(JSON.stringify({ fingerprint: material.caFingerprint256 }) + '\\n');
  process.exit(0);
});
`;

function startChild(dataDir: string): { child: ChildProcess; ready: Promise<void>; result: Promise<string> } {
  const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD_SCRIPT], {
    env: { ...process.env, TB_MODULE: moduleUrl, TB_DATA_DIR: dataDir },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.startsWith('ready\n')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before ready: ${err}`)));
  });
  const result = once(child, 'exit').then(([code]) => {
    if (code !== 0) throw new Error(`child failed (${code}): ${err}`);
    return (JSON.parse(out.slice('ready\n'.length)) as { fingerprint: string }).fingerprint;
  });
  return { child, ready, result };
}

describe('concurrent first starts share one CA', () => {
  it('two calls in one process', async () => {
    const dataDir = await dirs.make();
    const [a, b] = await Promise.all([loadOrCreateTlsMaterial(dataDir), loadOrCreateTlsMaterial(dataDir)]);
    expect(a.caFingerprint256).toBe(b.caFingerprint256);
    expect(a.cert).toEqual(b.cert);
  });

  it('three other processes and this one, released at the same moment', async () => {
    const dataDir = await dirs.make();
    const children = [startChild(dataDir), startChild(dataDir), startChild(dataDir)];
    await Promise.all(children.map((c) => c.ready));
    for (const c of children) c.child.stdin!.write('go\n');
    const mine = await loadOrCreateTlsMaterial(dataDir);
    const theirs = await Promise.all(children.map((c) => c.result));
    expect(theirs).toEqual([mine.caFingerprint256, mine.caFingerprint256, mine.caFingerprint256]);
    const onDisk = await readFile(tlsPaths(dataDir).caCert, 'utf8');
    expect(onDisk).toBe(mine.caCertPem);
    // The lock is released and no temporary file is left behind.
    expect((await readdir(tlsPaths(dataDir).dir)).sort()).toEqual([
      'ca-cert.pem',
      'ca-constraints.json',
      'ca-key.pem',
      'server-ecdsa-cert.pem',
      'server-ecdsa-key.pem',
      'server-rsa-cert.pem',
      'server-rsa-key.pem',
    ]);
  });
});

describe('the lock file', () => {
  it('is taken over when the process that left it is gone', async () => {
    const dataDir = await dirs.make();
    const paths = tlsPaths(dataDir);
    const gone = spawn(process.execPath, ['-e', '']);
    await once(gone, 'exit');
    await ensureTlsFolder(paths.dir);
    await writeFile(paths.lock, JSON.stringify({ pid: gone.pid, host: hostname(), at: new Date().toISOString() }));
    const material = await loadOrCreateTlsMaterial(dataDir);
    expect(material.caFingerprint256).toMatch(/^[0-9A-F:]+$/);
    await expect(readFile(paths.lock)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('is taken over when it is empty and old (a crash between create and write)', async () => {
    const dataDir = await dirs.make();
    const paths = tlsPaths(dataDir);
    await ensureTlsFolder(paths.dir);
    await writeFile(paths.lock, '');
    const old = new Date(Date.now() - 5 * 60_000);
    await utimes(paths.lock, old, old);
    await expect(loadOrCreateTlsMaterial(dataDir)).resolves.toMatchObject({ caCertPath: paths.caCert });
  });

  it('held by a live process makes the waiter give up with an error naming the lock file', async () => {
    const dataDir = await dirs.make();
    const paths = tlsPaths(dataDir);
    await ensureTlsFolder(paths.dir);
    await writeFile(paths.lock, JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() }));
    const error = await withFileLock(paths.lock, async () => 'ran', { timeoutMs: 150 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TlsMaterialError);
    expect(error).toMatchObject({ code: 'TLS_LOCK_TIMEOUT', file: paths.lock });
    expect((error as Error).message).toContain(`delete that file`);
  });
});

