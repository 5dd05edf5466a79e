import type { SecureContextOptions, TlsOptions } from 'node:tls';
import type { TlsMaterial } from './certificate-authority.ts';

/** One inbound cipher suite, by its IANA name and the OpenSSL name Node's `ciphers` option takes. */
export interface CipherSuite {
  iana: string;
  openssl: string;
}

/**
 * The eight TLS 1.2 suites Logic Apps accepts inbound, exactly and in the order of reference
 * §6 (ECDSA before RSA, AES-256 before AES-128, GCM before CBC); the server's preference.
 */
export const INBOUND_CIPHER_SUITES: readonly CipherSuite[] = Object.freeze([
  { iana: 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', openssl: 'ECDHE-ECDSA-AES256-GCM-SHA384' },
  { iana: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', openssl: 'ECDHE-ECDSA-AES128-GCM-SHA256' },
  { iana: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', openssl: 'ECDHE-RSA-AES256-GCM-SHA384' },
  { iana: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', openssl: 'ECDHE-RSA-AES128-GCM-SHA256' },
  { iana: 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384', openssl: 'ECDHE-ECDSA-AES256-SHA384' },
  { iana: 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256', openssl: 'ECDHE-ECDSA-AES128-SHA256' },
  { iana: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384', openssl: 'ECDHE-RSA-AES256-SHA384' },
  { iana: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256', openssl: 'ECDHE-RSA-AES128-SHA256' },
].map((suite) => Object.freeze(suite)));

/** The key-exchange groups offered for ECDHE: X25519 first (fast, constant-time), then the NIST curves older clients have. */
export const INBOUND_ECDH_CURVES = 'X25519:P-256:P-384';

/**
 * Options for `https.createServer` / `tls.createServer` that make the listener behave like
 * Logic Apps' front end (docs/logic-apps-behaviour.md §6): TLS 1.2 only, exactly the eight suites in order,
 * server order honoured, and both leaves so OpenSSL picks the ECDSA one for ECDSA suites.
 */
export function inboundTlsOptions(material: TlsMaterial): SecureContextOptions & TlsOptions {
  return {
    minVersion: 'TLSv1.2',
    maxVersion: 'TLSv1.2',
    // Only TLS 1.2 suites: TLS 1.3 suites (`ciphersuites`) are moot with maxVersion 1.2.
    ciphers: INBOUND_CIPHER_SUITES.map((suite) => suite.openssl).join(':'),
    honorCipherOrder: true,
    ecdhCurve: INBOUND_ECDH_CURVES,
    key: [...material.key],
    cert: [...material.cert],
  };
}
