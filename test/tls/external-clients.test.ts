import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateTlsMaterial, type TlsMaterial } from '../../src-main/tls/certificate-authority.ts';
import { INBOUND_CIPHER_SUITES } from '../../src-main/tls/tls-options.ts';
import { startListener, tempDataDirs } from './tls-test-helpers.ts';

// The tools docs/tls.md tells users to reach the listener with. Checked once, synchronously,
// before any server runs (spawnSync would otherwise block the server under test).
function hasCommand(command: string, args: string[]): boolean {
  const probe = spawnSync(command, args, { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}
const hasOpenssl = hasCommand('openssl', ['version']);
const hasCurl = hasCommand('curl', ['--version']);

const dirs = tempDataDirs();
let material: TlsMaterial;
let listener: Awaited<ReturnType<typeof startListener>>;

beforeAll(async () => {
  if (!hasOpenssl && !hasCurl) return;
  material = await loadOrCreateTlsMaterial(await dirs.make());
  listener = await startListener(material);
});
afterAll(async () => {
  await listener?.close();
  await dirs.cleanup();
});

/** Runs a command with stdin closed (s_client then says goodbye and exits) and collects its output. */
async function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end();
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

function sClient(...extra: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return run('openssl', ['s_client', '-connect', `127.0.0.1:${listener.port}`, ...extra]);
}

describe.skipIf(!hasOpenssl)('openssl s_client (needs the openssl command; skipped when it is not on PATH)', () => {
  it.each(INBOUND_CIPHER_SUITES.map((s) => [s.openssl, s] as const))('negotiates %s over TLS 1.2 and verifies against the exported CA file', async (_name, suite) => {
    const result = await sClient(
      '-CAfile', material.caCertPath,
      '-verify_return_error', '-verify_hostname', 'localhost', '-servername', 'localhost',
      '-tls1_2', '-cipher', suite.openssl, '-showcerts',
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Protocol\s*: TLSv1\.2/);
    expect(result.stdout).toContain(`Cipher    : ${suite.openssl}`);
    expect(result.stdout).toContain('Verify return code: 0 (ok)');
    expect(result.stdout).toContain('Verified peername: localhost');
    // Only the leaf is sent: clients trust the CA itself.
    expect(result.stdout.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(1);
    expect(result.stdout).toContain(suite.openssl.startsWith('ECDHE-ECDSA') ? 'Server public key is 256 bit' : 'Server public key is 2048 bit');
  });

  it('is refused with -tls1_3', async () => {
    const serverError = once(listener.server, 'tlsClientError');
    const result = await sClient('-CAfile', material.caCertPath, '-tls1_3');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('alert protocol version');
    expect(((await serverError)[0] as NodeJS.ErrnoException).code).toBe('ERR_SSL_UNSUPPORTED_PROTOCOL');
  });

  it('is refused with -tls1_1, by the server', async () => {
    const serverError = once(listener.server, 'tlsClientError');
    const result = await sClient('-CAfile', material.caCertPath, '-tls1_1', '-cipher', 'DEFAULT@SECLEVEL=0');
    expect(result.code).not.toBe(0);
    expect(((await serverError)[0] as NodeJS.ErrnoException).code).toBe('ERR_SSL_UNSUPPORTED_PROTOCOL');
  });

  it('fails verification without the CA file', async () => {
    const result = await sClient('-verify_return_error', '-tls1_2');
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/unable to (verify the first certificate|get local issuer certificate)/);
  });
});

describe.skipIf(!hasCurl)('curl (needs the curl command; skipped when it is not on PATH)', () => {
  it('fetches over HTTPS with --cacert pointing at the exported CA', async () => {
    const result = await run('curl', ['-sS', '--cacert', material.caCertPath, `https://127.0.0.1:${listener.port}/`]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('ok');
  });

  it('refuses without --cacert (exit 60: certificate problem)', async () => {
    const result = await run('curl', ['-sS', `https://127.0.0.1:${listener.port}/`]);
    expect(result.code).toBe(60);
  });
});
