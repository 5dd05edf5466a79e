import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflow } from '../integration/helpers/workflows.ts';
import { runCli, tempSetup } from './cli-helpers.ts';

// The short-lived commands: ca, token, --help, usage errors, TRIGGERBENCH_DATA_DIR.

type Setup = Awaited<ReturnType<typeof tempSetup>>;
let setup: Setup;

beforeAll(async () => {
  setup = await tempSetup({ 'hello/workflow.json': workflow() });
});

afterAll(() => setup?.cleanup());

describe('ca', () => {
  it('prints the CA certificate as PEM, the same file --path names', async () => {
    const pem = await runCli(['ca', '--data-dir', setup.dataDir]);
    expect(pem.code).toBe(0);
    expect(pem.stdout).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
    const certificate = new X509Certificate(pem.stdout);
    expect(certificate.ca).toBe(true);
    const path = await runCli(['ca', '--path', '--data-dir', setup.dataDir]);
    expect(path.code).toBe(0);
    expect(path.stdout.trim()).toBe(join(setup.dataDir, 'tls', 'ca-cert.pem'));
    expect(await readFile(path.stdout.trim(), 'utf8')).toBe(pem.stdout);
  });
});

describe('token', () => {
  it('--aud, --claim roles=["r"] and --ttl 10m end up in the JWT', async () => {
    const result = await runCli(['token', '--aud', 'api://A', '--claim', 'roles=["r"]', '--claim', 'oid=1234-x', '--ttl', '10m', '--data-dir', setup.dataDir]);
    expect(result.code).toBe(0);
    const token = result.stdout.trim();
    expect(token.split('.')).toHaveLength(3);
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, number | string | string[]>;
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(payload).toMatchObject({ aud: 'api://A', roles: ['r'], oid: '1234-x' });
    expect(String(payload.iss)).toMatch(/^https:\/\/sts\.windows\.net\/[0-9a-f-]{36}\/$/);
    expect(Number(payload.exp) - Number(payload.iat)).toBe(600);
  });

  it('a bad --ttl is a usage error (exit 2) that says how to write one', async () => {
    const result = await runCli(['token', '--ttl', 'soon', '--data-dir', setup.dataDir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'soon' is not a token lifetime");
  });
});

describe.concurrent('--help', () => {
  it.each(['serve', 'url', 'ca', 'keys', 'runs', 'token', 'ui'])('%s --help prints its usage and exits 0', async (command) => {
    const result = await runCli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: triggerbench ${command}`));
    expect(result.stdout).toContain('--data-dir');
  });

  it('triggerbench --help lists every command and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['serve', 'url', 'ca', 'keys', 'runs', 'token']) expect(result.stdout).toContain(`  ${command}`);
  });
});

describe.concurrent('usage errors exit 2 with a clear message', () => {
  it.each([
    [['serve', '--port', 'abc'], "--port must be a whole number from 0 to 65535 (got 'abc')"],
    [['serve', '--port', '70000'], "--port must be a whole number from 0 to 65535 (got '70000')"],
    [['serve', '--timeout', '0'], '--timeout must be a whole number from 1 to 3600'],
    [['runs', '--status', 'Nope'], "--status must be one of Running, Succeeded, Failed, Cancelled, TimedOut, Skipped, Rejected (got 'Nope')"],
    [['runs', '--limit', '-1'], '--limit'],
    [['runs', '--bogus'], "Unknown option '--bogus'"],
    [['url', '--key', 'tertiary', 'ws', 'wf'], '--key must be one of primary, secondary'],
    [['url', 'only-one-argument'], 'Give the workspace folder and the workflow name'],
    [['keys', 'rotate', 'primary'], "Expected 'regenerate primary' or 'regenerate secondary', not 'rotate'"],
    [['keys', 'regenerate', 'tertiary'], '--key must be one of primary, secondary'],
    [['ca', 'extra'], "Unexpected argument 'extra'"],
    [['frobnicate'], "unknown command 'frobnicate'"],
  ])('triggerbench %j', async (args, message) => {
    const result = await runCli([...args, '--data-dir', setup.dataDir]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
  });

  it('no command at all prints the help and exits 2', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('Usage: triggerbench <command>');
  });
});

describe('TRIGGERBENCH_DATA_DIR', () => {
  it('sets the data folder when --data-dir is not given', async () => {
    const dir = join(setup.dir, 'from-env');
    const result = await runCli(['ca', '--path'], { TRIGGERBENCH_DATA_DIR: dir });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(join(dir, 'tls', 'ca-cert.pem'));
    const url = await runCli(['url', setup.workspace, 'hello'], { TRIGGERBENCH_DATA_DIR: dir });
    expect(url.code).toBe(0);
    const keys = JSON.parse(await readFile(join(dir, 'keys.json'), 'utf8')) as { primary: string };
    expect(keys.primary).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('--data-dir wins over the variable', async () => {
    const result = await runCli(['ca', '--path', '--data-dir', setup.dataDir], { TRIGGERBENCH_DATA_DIR: join(setup.dir, 'ignored') });
    expect(result.stdout.trim()).toBe(join(setup.dataDir, 'tls', 'ca-cert.pem'));
  });
});
