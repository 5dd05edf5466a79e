// @peculiar/x509 resolves its algorithm providers through tsyringe, which needs the Reflect
// metadata API at load time; this import must stay above the library's (ESM evaluates in order).
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { AsnConvert } from '@peculiar/asn1-schema';
import { GeneralName, GeneralSubtree, GeneralSubtrees, NameConstraints } from '@peculiar/asn1-x509';
import { KeyObject, createPrivateKey, randomBytes, type webcrypto } from 'node:crypto';
import type { SanEntry } from './tls-hostnames.ts';
import type { PermittedName } from './tls-names.ts';

export { isPermitted, permittedNameOf, type PermittedName } from './tls-names.ts';

/** The two kinds of server certificate: RSA for the ECDHE-RSA suites, ECDSA for the ECDHE-ECDSA ones (docs/logic-apps-behaviour.md §6). */
export type LeafKind = 'rsa' | 'ecdsa';

/** A certificate and its private key, both PEM (key in PKCS#8). */
export interface PemPair {
  certPem: string;
  keyPem: string;
}

const DAY_MS = 86_400_000;
// Backdate notBefore a little so a client whose clock is slightly behind still accepts a fresh certificate.
const CLOCK_SKEW_MS = 60 * 60 * 1000;

// The CA is RSA so that any client, including one without ECDSA support that negotiates an
// ECDHE-RSA suite, can verify the signature on the RSA leaf. 3072 bits because the CA lives
// 10 years (NIST SP 800-57 retires 2048-bit RSA after 2030).
const CA_KEY_ALGORITHM: webcrypto.RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  modulusLength: 3072,
  publicExponent: new Uint8Array([1, 0, 1]),
};
const RSA_LEAF_KEY_ALGORITHM: webcrypto.RsaHashedKeyGenParams = { ...CA_KEY_ALGORITHM, modulusLength: 2048 };
const ECDSA_LEAF_KEY_ALGORITHM: webcrypto.EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const CA_SIGNING_ALGORITHM: webcrypto.RsaHashedImportParams = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };

/** A positive 128-bit serial (RFC 5280 §4.1.2.2: positive, at most 20 octets, unique per CA). */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex');
}

// The key types @peculiar/x509 declares (the DOM's CryptoKey where the DOM lib is loaded, as in
// tsconfig.test.json). Node's webcrypto.CryptoKey is the same runtime object, but its KeyUsage
// union is newer (e.g. 'decapsulateBits'), so TypeScript needs the bridge below.
type LibKeyPair = Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]['keys'];
type LibPublicKey = Parameters<typeof x509.SubjectKeyIdentifierExtension.create>[0];
type LibSigningKey = Extract<Parameters<typeof x509.X509CertificateGenerator.create>[0], { signingKey: unknown }>['signingKey'];

function libKeyPair(keys: webcrypto.CryptoKeyPair): LibKeyPair {
  return keys as unknown as LibKeyPair;
}
function libPublicKey(key: webcrypto.CryptoKey): LibPublicKey {
  return key as unknown as LibPublicKey;
}
function libSigningKey(key: webcrypto.CryptoKey): LibSigningKey {
  return key as unknown as LibSigningKey;
}

function privateKeyPem(key: webcrypto.CryptoKey): string {
  return KeyObject.from(key).export({ type: 'pkcs8', format: 'pem' }) as string;
}

/** OID of the nameConstraints extension (RFC 5280 §4.2.1.10). */
const NAME_CONSTRAINTS_OID = '2.5.29.30';

/** The critical nameConstraints extension that limits a CA to these names. */
function nameConstraintsExtension(permitted: readonly PermittedName[]): x509.Extension {
  const subtrees = new GeneralSubtrees(
    permitted.map((name) => new GeneralSubtree({ base: new GeneralName(name.type === 'dns' ? { dNSName: name.value } : { iPAddress: `${name.address}/${name.prefix}` }) })),
  );
  return new x509.Extension(NAME_CONSTRAINTS_OID, true, AsnConvert.serialize(new NameConstraints({ permittedSubtrees: subtrees })));
}

/**
 * The names a CA certificate is limited to, or undefined when it has no name constraints
 * (a CA made before they were added: it could certify any host).
 */
export function caPermittedNames(certPem: string): PermittedName[] | undefined {
  const extension = new x509.X509Certificate(certPem).getExtension(NAME_CONSTRAINTS_OID);
  if (!extension) return undefined;
  const constraints = AsnConvert.parse(extension.value, NameConstraints);
  const names: PermittedName[] = [];
  for (const subtree of constraints.permittedSubtrees ?? []) {
    if (subtree.base.dNSName !== undefined) names.push({ type: 'dns', value: subtree.base.dNSName.toLowerCase() });
    else if (subtree.base.iPAddress !== undefined) {
      const [address, prefix] = subtree.base.iPAddress.split('/');
      names.push({ type: 'ip', address: address!, prefix: Number(prefix ?? (address!.includes(':') ? 128 : 32)) });
    }
  }
  return names;
}

/**
 * Creates a self-signed CA: 10-year RSA-3072, CA:true pathlen 0, keyCertSign + cRLSign, and
 * critical name constraints (docs/tls.md): it can only certify the permitted names, so a
 * leaked CA key cannot mint a certificate that users who trusted it would accept for
 * any other host.
 */
export async function createCertificateAuthority(options: { commonName: string; now: Date; validityDays: number; permitted: readonly PermittedName[] }): Promise<PemPair> {
  const provider = globalThis.crypto;
  const keys = (await provider.subtle.generateKey(CA_KEY_ALGORITHM, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const notBefore = new Date(options.now.getTime() - CLOCK_SKEW_MS);
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerial(),
      name: [{ CN: [options.commonName] }, { O: ['Triggerbench'] }],
      notBefore,
      notAfter: new Date(notBefore.getTime() + options.validityDays * DAY_MS),
      keys: libKeyPair(keys),
      signingAlgorithm: CA_SIGNING_ALGORITHM,
      extensions: [
        // pathlen 0: this CA may sign server certificates but no intermediate CA.
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(libPublicKey(keys.publicKey), false, provider),
        nameConstraintsExtension(options.permitted),
      ],
    },
    provider,
  );
  return { certPem: cert.toString('pem') + '\n', keyPem: privateKeyPem(keys.privateKey) };
}

/**
 * Issues a server certificate signed by the CA: serverAuth, the given SANs, digitalSignature
 * (plus keyEncipherment for RSA, which RSA key transport would need; harmless with ECDHE).
 */
export async function issueLeafCertificate(
  ca: PemPair,
  options: { kind: LeafKind; sans: readonly SanEntry[]; now: Date; validityDays: number },
): Promise<PemPair> {
  const provider = globalThis.crypto;
  const caCert = new x509.X509Certificate(ca.certPem);
  const caKey = await createPrivateKey(ca.keyPem).toCryptoKey(CA_SIGNING_ALGORITHM, false, ['sign']);
  const keyAlgorithm = options.kind === 'rsa' ? RSA_LEAF_KEY_ALGORITHM : ECDSA_LEAF_KEY_ALGORITHM;
  const keys = (await provider.subtle.generateKey(keyAlgorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const usage =
    options.kind === 'rsa'
      ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment
      : x509.KeyUsageFlags.digitalSignature;
  const notBefore = new Date(options.now.getTime() - CLOCK_SKEW_MS);
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: randomSerial(),
      subject: [{ CN: [options.sans.find((s) => s.type === 'dns')?.value ?? 'localhost'] }, { O: ['Triggerbench'] }],
      issuer: caCert.subjectName,
      notBefore,
      notAfter: new Date(notBefore.getTime() + options.validityDays * DAY_MS),
      publicKey: libPublicKey(keys.publicKey),
      signingKey: libSigningKey(caKey),
      signingAlgorithm: CA_SIGNING_ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(usage, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
        new x509.SubjectAlternativeNameExtension(options.sans.map((s) => ({ type: s.type, value: s.value })), false),
        await x509.SubjectKeyIdentifierExtension.create(libPublicKey(keys.publicKey), false, provider),
        await x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey, false, provider),
      ],
    },
    provider,
  );
  return { certPem: cert.toString('pem') + '\n', keyPem: privateKeyPem(keys.privateKey) };
}
