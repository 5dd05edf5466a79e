import { narrowToOwner, OWNER_ONLY_FILE_MODE } from '../files/owner-only.ts';
import { createPublicKey } from 'node:crypto';
import { join } from 'node:path';
import type { JSONWebKeySet, JWK } from 'jose';
import { readJsonIfExists, writeFileAtomic } from '../files/files.ts';
import { AuthSetupError } from './auth-failure.ts';
import { ALLOWED_TOKEN_ALGORITHMS } from './token-algorithms.ts';

/** A key set the user trusts for tokens of a real tenant, added from a file or pasted. */
export interface TrustedJwks {
  name: string;
  jwks: JSONWebKeySet;
  addedAt: string;
}

/** Name of the local issuer's key source; reserved so a trusted set cannot pose as it. */
export const LOCAL_ISSUER_SOURCE = 'local';

/** Where trusted key sets are kept: the data folder (trust is per machine, not per workspace). */
export function trustedJwksPath(dataDir: string): string {
  return join(dataDir, 'trusted-jwks.json');
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
// Members that only private or symmetric keys have (RFC 7518 section 6).
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const EC_CURVES = ['P-256', 'P-384', 'P-521'];

/**
 * Validates a JWKS document (the JSON an Azure AD tenant serves at `discovery/keys`):
 * a non-empty `keys` array of public RSA or EC signing keys that Node can import.
 * Private and symmetric keys are refused: trusting one would put a secret in the data
 * folder, and an HMAC key would let anyone holding it mint tokens.
 */
export function parseJwksText(text: string): JSONWebKeySet {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new AuthSetupError('InvalidJwks', `The key set is not valid JSON (${(error as Error).message}).`);
  }
  const keys = (doc as { keys?: unknown } | null)?.keys;
  if (typeof doc !== 'object' || doc === null || !Array.isArray(keys) || keys.length === 0) {
    throw new AuthSetupError('InvalidJwks', 'A JWKS is an object with a non-empty "keys" array, like the document at https://login.microsoftonline.com/<tenant>/discovery/keys.');
  }
  keys.forEach((key: unknown, index: number) => checkKey(key, index));
  return { keys: keys as JWK[] };
}

function checkKey(key: unknown, index: number): void {
  const where = `Key ${index}`;
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw new AuthSetupError('InvalidJwks', `${where} is not a JSON object.`);
  const jwk = key as Record<string, unknown>;
  const privateMember = PRIVATE_MEMBERS.find((member) => member in jwk);
  if (jwk.kty === 'oct') throw new AuthSetupError('InvalidJwks', `${where} is a symmetric (oct) key; only public RSA or EC keys can be trusted.`);
  if (privateMember) throw new AuthSetupError('InvalidJwks', `${where} contains private key material ('${privateMember}'). Paste the public key set only, as the tenant's discovery/keys document serves it.`);
  if (jwk.kty !== 'RSA' && jwk.kty !== 'EC') throw new AuthSetupError('InvalidJwks', `${where} has key type ${JSON.stringify(jwk.kty)}; supported key types are RSA and EC.`);
  if (jwk.kty === 'EC' && !EC_CURVES.includes(jwk.crv as string)) throw new AuthSetupError('InvalidJwks', `${where} uses curve ${JSON.stringify(jwk.crv)}; supported curves are ${EC_CURVES.join(', ')}.`);
  if (jwk.use !== undefined && jwk.use !== 'sig') throw new AuthSetupError('InvalidJwks', `${where} is for "use": ${JSON.stringify(jwk.use)}; only signing keys ("sig") verify tokens.`);
  if (jwk.alg !== undefined && !ALLOWED_TOKEN_ALGORITHMS.includes(jwk.alg as string)) {
    throw new AuthSetupError('InvalidJwks', `${where} is for algorithm ${JSON.stringify(jwk.alg)}; allowed are ${ALLOWED_TOKEN_ALGORITHMS.join(', ')}.`);
  }
  let details;
  try {
    details = createPublicKey({ key: jwk as never, format: 'jwk' }).asymmetricKeyDetails;
  } catch (error) {
    throw new AuthSetupError('InvalidJwks', `${where} is not a usable ${String(jwk.kty)} public key (${(error as Error).message}).`);
  }
  // Node imports any n and e; RFC 7518 section 3.3 requires RSA keys of 2048 bits or more.
  if (jwk.kty === 'RSA' && ((details?.modulusLength ?? 0) < 2048 || (details?.publicExponent ?? 0n) < 3n)) {
    throw new AuthSetupError('InvalidJwks', `${where} is not a usable RSA public key: RSA signing keys need a modulus of at least 2048 bits and an exponent of at least 3.`);
  }
}

/** The trusted key sets, oldest first. */
export async function listTrustedJwks(dataDir: string): Promise<TrustedJwks[]> {
  const path = trustedJwksPath(dataDir);
  narrowToOwner(path, OWNER_ONLY_FILE_MODE);
  let value: unknown;
  try {
    value = await readJsonIfExists<unknown>(path);
  } catch (error) {
    if (error instanceof SyntaxError) throw invalidFile(path, error.message);
    throw error;
  }
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalidFile(path, 'it is not an array');
  return value.map((entry: unknown, index: number) => {
    const item = entry as Partial<TrustedJwks> | null;
    if (typeof item?.name !== 'string' || typeof item.addedAt !== 'string') throw invalidFile(path, `entry ${index} has no name or addedAt`);
    try {
      return { name: item.name, jwks: parseJwksText(JSON.stringify(item.jwks)), addedAt: item.addedAt };
    } catch (error) {
      throw invalidFile(path, `entry '${item.name}': ${(error as Error).message}`);
    }
  });
}

function invalidFile(path: string, why: string): AuthSetupError {
  return new AuthSetupError('TrustedJwksFileInvalid', `The trusted key file ${path} is damaged (${why}). Fix it, or delete it and add the key sets again.`);
}

/** Adds a key set under a name (letters, digits, `.`, `_`, `-`); the verifier picks it up on its next call. */
export async function addTrustedJwks(dataDir: string, name: string, jwksJsonText: string): Promise<TrustedJwks> {
  if (!NAME.test(name)) throw new AuthSetupError('InvalidTrustedJwksName', `'${name}' is not a usable name: use up to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.`);
  if (name.toLowerCase() === LOCAL_ISSUER_SOURCE) throw new AuthSetupError('InvalidTrustedJwksName', `'${LOCAL_ISSUER_SOURCE}' is the local issuer's name; choose another.`);
  const jwks = parseJwksText(jwksJsonText);
  const current = await listTrustedJwks(dataDir);
  if (current.some((entry) => entry.name.toLowerCase() === name.toLowerCase())) {
    throw new AuthSetupError('TrustedJwksNameTaken', `A trusted key set named '${name}' exists already. Remove it first to replace it.`);
  }
  const entry: TrustedJwks = { name, jwks, addedAt: new Date().toISOString() };
  await writeFileAtomic(trustedJwksPath(dataDir), `${JSON.stringify([...current, entry], null, 2)}\n`, { mode: 0o600 });
  return entry;
}

/** Removes a key set by name; tokens signed only by its keys stop being accepted. */
export async function removeTrustedJwks(dataDir: string, name: string): Promise<void> {
  const current = await listTrustedJwks(dataDir);
  const rest = current.filter((entry) => entry.name.toLowerCase() !== name.toLowerCase());
  if (rest.length === current.length) {
    const known = current.map((entry) => entry.name).join(', ') || 'none';
    throw new AuthSetupError('TrustedJwksNotFound', `There is no trusted key set named '${name}' (known: ${known}).`);
  }
  await writeFileAtomic(trustedJwksPath(dataDir), `${JSON.stringify(rest, null, 2)}\n`, { mode: 0o600 });
}
