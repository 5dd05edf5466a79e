import type { ConsoleFailure } from '../../src-shared/contract.ts';

/** Certificate verification codes OpenSSL and Node report when a server's chain is not trusted. */
const CERTIFICATE_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** A console failure: `{ error: { code, message } }`, shown in the response pane. */
export function consoleFailure(code: string, message: string): ConsoleFailure {
  return { error: { code, message } };
}

/**
 * Explains a network error in plain words, naming the address that failed and what to
 * check. `where` is `host:port`.
 */
export function describeNetworkError(error: Error & { code?: string }, where: string): ConsoleFailure {
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') {
    return consoleFailure('ConnectionRefused', `Nothing is listening at ${where} (connection refused). If this is the workbench listener, check in Settings that it runs and on which port.`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return consoleFailure('HostNotFound', `The host in ${where} could not be resolved (${code}). Check the URL's host name.`);
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return consoleFailure('ConnectionReset', `${where} closed the connection before the response was complete (${code}). If the URL is http:// but the server speaks TLS, use https://.`);
  }
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL') {
    return consoleFailure('NetworkUnreachable', `${where} cannot be reached (${code}). Check the host, port and network.`);
  }
  if (CERTIFICATE_CODES.has(code)) {
    return consoleFailure(
      'CertificateNotTrusted',
      `The server at ${where} presented a certificate that is not trusted (${code}: ${error.message}). The console trusts the workbench's local CA and the system's public roots.`,
    );
  }
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) {
    return consoleFailure('TlsHandshakeFailed', `The TLS handshake with ${where} failed (${error.message.trim()}). If the server speaks plain HTTP, use http://.`);
  }
  if (code === 'HPE_INVALID_CONSTANT' || code.startsWith('HPE_')) {
    return consoleFailure('InvalidResponse', `${where} answered with something that is not HTTP/1.1 (${code}). If the server speaks TLS, use https://.`);
  }
  return consoleFailure('RequestFailed', `The request to ${where} failed: ${error.message}${code ? ` (${code})` : ''}.`);
}
