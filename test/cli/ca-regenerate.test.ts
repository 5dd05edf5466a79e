import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caPermittedNames } from '../../src-main/tls/tls-x509.ts';
import { runCli } from './cli-helpers.ts';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tb-ca-regen-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('triggerbench ca regenerate', () => {
  it('replaces the CA with a new name-constrained one and reminds to trust it again', async () => {
    const before = await runCli(['ca', '--data-dir', dataDir]);
    expect(before.code).toBe(0);
    expect(caPermittedNames(before.stdout)).toBeDefined();
    const regenerated = await runCli(['ca', 'regenerate', '--data-dir', dataDir]);
    expect(regenerated.code).toBe(0);
    expect(regenerated.stdout).toContain('Trust it again');
    expect(regenerated.stdout).toMatch(/SHA-256 [0-9A-F:]{95}/);
    const after = await runCli(['ca', '--data-dir', dataDir]);
    expect(after.stdout).not.toBe(before.stdout);
    expect(caPermittedNames(after.stdout)).toContainEqual({ type: 'ip', address: '127.0.0.0', prefix: 8 });
    expect((await runCli(['ca', 'renew', '--data-dir', dataDir])).code).toBe(2);
  });
});
