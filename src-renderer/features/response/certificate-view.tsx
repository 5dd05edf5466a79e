import type { CertificateFacts } from '../../../src-shared/contract.ts';
import { formatTimestamp } from '../../lib/format.ts';

/** The server certificate of a console call: subject, SANs, validity, fingerprint and the chain to the root. */
export function CertificateView({ certificate, authorized }: { certificate: CertificateFacts; authorized: boolean }) {
  const now = Date.now();
  const expired = Date.parse(certificate.validTo) < now || Date.parse(certificate.validFrom) > now;
  return (
    <div className="stack" aria-label="Server certificate">
      <dl className="facts">
        <div>
          <dt>Verified</dt>
          <dd>{authorized ? 'Yes: the chain ends at a trusted root (the local CA or a public one).' : 'No: the chain is not trusted.'}</dd>
        </div>
        <div>
          <dt>Subject</dt>
          <dd className="mono">{certificate.subject || '–'}</dd>
        </div>
        <div>
          <dt>Issuer</dt>
          <dd className="mono">{certificate.issuer || '–'}</dd>
        </div>
        <div>
          <dt>Subject alternative names</dt>
          <dd className="mono">{certificate.subjectAltNames.join(', ') || '–'}</dd>
        </div>
        <div>
          <dt>Valid</dt>
          <dd className={expired ? 'tone-danger' : undefined}>
            {formatTimestamp(certificate.validFrom)} to {formatTimestamp(certificate.validTo)}
            {expired ? ' (not valid now)' : ''}
          </dd>
        </div>
        <div>
          <dt>SHA-256 fingerprint</dt>
          <dd className="mono break">{certificate.fingerprint256}</dd>
        </div>
        <div>
          <dt>Serial number</dt>
          <dd className="mono break">{certificate.serialNumber}</dd>
        </div>
      </dl>
      <div>
        <div className="io-title">Chain (leaf first)</div>
        <ol className="cert-chain">
          {certificate.chain.map((link) => (
            <li key={link.fingerprint256}>
              <span className="mono">{link.subject}</span>
              <span className="muted small mono break"> {link.fingerprint256}</span>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
