import { readFile, stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { addTrustedJwks, listTrustedJwks, parseJwksText, removeTrustedJwks, trustedJwksPath } from '../../src-main/auth/trusted-jwks.ts';
import { foreignKey } from './token-fixtures.ts';
import { POSIX_MODES, useTempDirs } from './temp-dir.ts';

const tempDir = useTempDirs();

describe('trusted JWKS', () => {
  it('adds, lists (persisted) and removes key sets', async () => {
    const dir = await tempDir();
    const rsa = await foreignKey('RS256', 'r1');
    const ec = await foreignKey('ES256', 'e1');
    expect(await listTrustedJwks(dir)).toEqual([]);
    await addTrustedJwks(dir, 'contoso', JSON.stringify({ keys: [rsa.publicJwk] }));
    await addTrustedJwks(dir, 'fabrikam', `\uFEFF${JSON.stringify({ keys: [ec.publicJwk] })}`);
    const listed = await listTrustedJwks(dir);
    expect(listed.map((entry) => entry.name)).toEqual(['contoso', 'fabrikam']);
    expect(listed[1]!.jwks.keys[0]).toMatchObject({ kty: 'EC', kid: 'e1' });
    expect(Date.parse(listed[0]!.addedAt)).not.toBeNaN();
    expect(JSON.parse(await readFile(trustedJwksPath(dir), 'utf8'))).toHaveLength(2);
    if (POSIX_MODES) expect((await stat(trustedJwksPath(dir))).mode & 0o777).toBe(0o600);
    await removeTrustedJwks(dir, 'contoso');
    expect((await listTrustedJwks(dir)).map((entry) => entry.name)).toEqual(['fabrikam']);
    await expect(removeTrustedJwks(dir, 'contoso')).rejects.toMatchObject({ code: 'TrustedJwksNotFound', message: expect.stringContaining('fabrikam') });
  });

  it('refuses duplicate, reserved and malformed names', async () => {
    const dir = await tempDir();
    const jwks = JSON.stringify({ keys: [(await foreignKey('RS256')).publicJwk] });
    await addTrustedJwks(dir, 'contoso', jwks);
    await expect(addTrustedJwks(dir, 'Contoso', jwks)).rejects.toMatchObject({ code: 'TrustedJwksNameTaken' });
    await expect(addTrustedJwks(dir, 'local', jwks)).rejects.toMatchObject({ code: 'InvalidTrustedJwksName' });
    await expect(addTrustedJwks(dir, 'a b', jwks)).rejects.toMatchObject({ code: 'InvalidTrustedJwksName' });
  });

  it('accepts only public RSA and EC signing keys', async () => {
    const rsa = await foreignKey('RS256');
    const bad = [
      ['not json', /not valid JSON/],
      ['{}', /non-empty "keys"/],
      ['{"keys":[]}', /non-empty "keys"/],
      [JSON.stringify({ keys: [rsa.privateJwk] }), /private key material \('d'\)/],
      [JSON.stringify({ keys: [{ kty: 'oct', k: 'c2VjcmV0' }] }), /symmetric/],
      [JSON.stringify({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }] }), /RSA and EC/],
      [JSON.stringify({ keys: [{ ...rsa.publicJwk, use: 'enc' }] }), /signing keys/],
      [JSON.stringify({ keys: [{ ...rsa.publicJwk, alg: 'HS256' }] }), /allowed are/],
      [JSON.stringify({ keys: [{ kty: 'RSA', n: 'AQAB', e: 'x' }] }), /not a usable RSA public key/],
      [JSON.stringify({ keys: [{ kty: 'EC', crv: 'secp256k1', x: 'a', y: 'b' }] }), /curve/],
    ] as const;
    for (const [text, message] of bad) {
      expect(() => parseJwksText(text)).toThrowError(expect.objectContaining({ code: 'InvalidJwks', message: expect.stringMatching(message) }));
    }
    expect(parseJwksText(JSON.stringify({ keys: [rsa.publicJwk] })).keys).toHaveLength(1);
  });
});
