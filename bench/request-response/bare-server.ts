/**
 * Child process: the baseline. A bare `node:https` server with the runtime's TLS
 * options (same TLS 1.2 suites, same RSA and ECDSA certificates from the same data
 * folder) and the same server settings, that reads the request and answers with the
 * bytes the runtime sent for it: no routing, no auth, no parsing, no recording.
 */
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { loadOrCreateTlsMaterial } from '../../src-main/tls/certificate-authority.ts';
import { inboundTlsOptions } from '../../src-main/tls/tls-options.ts';
import { childConfig, countHttpTraffic, counters, serveParent, soakSample, tell } from './server-counters.ts';
import type { BareServerConfig } from './protocol.ts';

const config = childConfig<BareServerConfig>();
const traffic = countHttpTraffic();
const tls = await loadOrCreateTlsMaterial(config.dataDir, { hostnames: ['127.0.0.1'] });
const body = Buffer.from(config.bodyBase64, 'base64');
const headers = { ...config.headers, 'Content-Length': String(body.length) };

// maxHeaderSize and keepAliveTimeout as src-main/listener/server.ts sets them, so the
// two servers differ only in what happens between request and response.
const server = createServer({ ...inboundTlsOptions(tls), maxHeaderSize: 64 * 1024, keepAliveTimeout: 5_000 }, (req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(config.status, headers);
    res.end(body);
  });
});
// As in server.ts: a refused handshake is the client's to see; the load generator reports errors.
server.on('tlsClientError', () => {});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
serveParent(
  async () => counters(traffic),
  () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  () => soakSample(traffic),
);
tell({ type: 'ready', port: (server.address() as AddressInfo).port, path: config.path });
