import { useEffect, useState } from 'react';
import { TIMEOUT_PRESETS, type KeyType } from '../../../src-shared/contract.ts';
import { isLoopbackHost } from '../../../src-shared/loopback.ts';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { CopyButton, Field } from '../../components/form-controls.tsx';
import { ErrorNotice, Notice } from '../../components/notices.tsx';
import { formatTimestamp } from '../../lib/format.ts';
import { useSlice, useStores } from '../../stores/context.tsx';
import { AppearanceCard } from './appearance-card.tsx';
import { LimitsCard } from './limits-card.tsx';
import { Card } from './settings-card.tsx';


function ListenerCard() {
  const { app, settings } = useStores();
  const info = useSlice(app, (s) => s.info);
  const listener = useSlice(app, (s) => s.listener);
  const error = useSlice(settings, (s) => s.errors.listener);
  const busy = useSlice(settings, (s) => s.busy.listener);
  const [host, setHost] = useState(info?.settings.host ?? '127.0.0.1');
  const [port, setPort] = useState(String(info?.settings.port ?? 0));
  // Listening beyond this machine is never silent: it asks first (docs/hosts.md).
  const [confirmRemote, setConfirmRemote] = useState(false);
  useEffect(() => {
    if (info) {
      setHost(info.settings.host);
      setPort(String(info.settings.port));
    }
  }, [info]);
  return (
    <Card title="Listener" description="Where the HTTPS listener (TLS 1.2 only) accepts calls. Applying restarts it.">
      <div className="listener-state">
        <span className={`state-dot ${listener?.running ? 'state-on' : 'state-off'}`} aria-hidden="true" />
        {listener?.running ? (
          <>
            Listening on <span className="mono">{listener.baseUrl}</span>
          </>
        ) : (
          'Stopped'
        )}
      </div>
      {listener?.remote ? (
        <Notice tone="warning" title="Listening beyond this machine">
          Other machines on your network can reach <span className="mono">{listener.host}:{listener.port}</span> and call every workflow with a callback URL or a token. Set the host to 127.0.0.1 to stay on this machine.
        </Notice>
      ) : null}
      <ErrorNotice error={listener?.error} title="The listener is not running" />
      <form
        className="grid-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (!isLoopbackHost(host) && !(info?.settings.allowRemote && host.trim() === info.settings.host)) setConfirmRemote(true);
          else void settings.getState().updateListener(host, Number(port));
        }}
      >
        <Field label="Host" hint="127.0.0.1 keeps it on this machine.">
          {(props) => <input {...props} className="input mono" value={host} onChange={(e) => setHost(e.target.value)} spellCheck={false} />}
        </Field>
        <Field label="Port" hint="0 picks a free port at each start.">
          {(props) => <input {...props} className="input mono" inputMode="numeric" value={port} onChange={(e) => setPort(e.target.value)} />}
        </Field>
        <div className="field field-end">
          <Button type="submit" variant="primary" disabled={busy}>
            {busy ? 'Restarting…' : 'Apply and restart'}
          </Button>
        </div>
      </form>
      <ErrorNotice error={error} title="Listener settings not applied" />
      {confirmRemote ? (
        <Dialog
          title="Listen beyond this machine?"
          onClose={() => setConfirmRemote(false)}
          footer={
            <>
              <Button data-autofocus onClick={() => setConfirmRemote(false)}>
                Cancel
              </Button>
              <Button
                variant="danger"
                onClick={() => {
                  setConfirmRemote(false);
                  void settings.getState().updateListener(host, Number(port), true);
                }}
              >
                Listen on {host.trim()}
              </Button>
            </>
          }
        >
          <p>
            <span className="mono">{host.trim()}</span> is not a loopback address: other machines that can reach it will be able to call every workflow, with any callback URL or token they hold. Keep <span className="mono">127.0.0.1</span> unless you mean to test from another device.
          </p>
        </Dialog>
      ) : null}
    </Card>
  );
}

function TimeoutCard() {
  const { app, settings } = useStores();
  const seconds = useSlice(app, (s) => s.info?.settings.timeoutSeconds);
  const error = useSlice(settings, (s) => s.errors.timeout);
  const [custom, setCustom] = useState('');
  const preset = TIMEOUT_PRESETS.find((p) => p.seconds === seconds);
  return (
    <Card title="Response timeout" description="How long a caller waits for a Response action before getting 504 Gateway Timeout.">
      <div className="preset-row" role="radiogroup" aria-label="Timeout preset">
        {TIMEOUT_PRESETS.map((p) => (
          <label key={p.id} className={`preset ${p.seconds === seconds ? 'preset-on' : ''}`}>
            <input type="radio" name="timeout" checked={p.seconds === seconds} onChange={() => void settings.getState().setTimeoutSeconds(p.seconds)} />
            <span className="preset-label">{p.label}</span>
          </label>
        ))}
        <label className={`preset ${seconds !== undefined && !preset ? 'preset-on' : ''}`}>
          <input type="radio" name="timeout" checked={seconds !== undefined && !preset} onChange={() => setCustom(String(seconds ?? 60))} />
          <span className="preset-label">Custom{seconds !== undefined && !preset ? ` (${seconds} s)` : ''}</span>
        </label>
      </div>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void settings.getState().setTimeoutSeconds(Number(custom));
        }}
      >
        <Field label="Custom timeout (seconds)">
          {(props) => <input {...props} className="input mono input-narrow" inputMode="numeric" value={custom} onChange={(e) => setCustom(e.target.value)} placeholder={String(seconds ?? 60)} />}
        </Field>
        <Button type="submit" disabled={custom.trim() === ''}>
          Set
        </Button>
      </form>
      <ErrorNotice error={error} title="Timeout not changed" />
    </Card>
  );
}

function RetentionCard() {
  const { app, settings } = useStores();
  const retention = useSlice(app, (s) => s.info?.settings.retention);
  const error = useSlice(settings, (s) => s.errors.retention);
  const [maxRuns, setMaxRuns] = useState('');
  const [maxAge, setMaxAge] = useState('');
  useEffect(() => {
    if (retention) {
      setMaxRuns(String(retention.maxRuns));
      setMaxAge(retention.maxAgeDays ? String(retention.maxAgeDays) : '');
    }
  }, [retention]);
  return (
    <Card title="Run history retention" description="Older runs are removed once either limit is reached.">
      <form
        className="grid-3"
        onSubmit={(e) => {
          e.preventDefault();
          void settings.getState().setRetention(Number(maxRuns), maxAge.trim() === '' ? undefined : Number(maxAge));
        }}
      >
        <Field label="Keep at most (runs)">{(props) => <input {...props} className="input mono" inputMode="numeric" value={maxRuns} onChange={(e) => setMaxRuns(e.target.value)} />}</Field>
        <Field label="Keep for (days)" hint="Empty: no age limit.">
          {(props) => <input {...props} className="input mono" inputMode="numeric" value={maxAge} onChange={(e) => setMaxAge(e.target.value)} />}
        </Field>
        <div className="field field-end">
          <Button type="submit">Save retention</Button>
        </div>
      </form>
      <ErrorNotice error={error} title="Retention not changed" />
    </Card>
  );
}

function CaCard() {
  const { app, settings, ui } = useStores();
  const ca = useSlice(app, (s) => s.info?.ca);
  const pem = useSlice(settings, (s) => s.caPem);
  const error = useSlice(settings, (s) => s.errors.ca);
  const busy = useSlice(settings, (s) => s.busy.ca);
  const regenerated = useSlice(settings, (s) => s.caRegenerated);
  const [confirmRegenerate, setConfirmRegenerate] = useState(false);
  const download = async () => {
    const text = pem ?? (await settings.getState().loadCaPem());
    if (!text) return;
    const url = URL.createObjectURL(new Blob([text], { type: 'application/x-pem-file' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'triggerbench-ca.pem';
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Card title="Certificate authority" description="The listener's certificate is signed by this per-install CA. Trust it in your client (curl --cacert, NODE_EXTRA_CA_CERTS, your OS store).">
      {ca ? (
        <dl className="facts">
          <div>
            <dt>File</dt>
            <dd className="mono">{ca.path}</dd>
          </div>
          <div>
            <dt>SHA-256 fingerprint</dt>
            <dd className="mono break">{ca.fingerprint256}</dd>
          </div>
          <div>
            <dt>Valid until</dt>
            <dd>{formatTimestamp(ca.notAfter)}</dd>
          </div>
        </dl>
      ) : null}
      {ca && !ca.nameConstrained ? (
        <Notice tone="warning" title="This CA can vouch for any host">
          It was made before Triggerbench limited its CA to local names, so if its key leaked it could sign a certificate for any site your clients would accept. Regenerate it to get one limited to localhost, 127.0.0.0/8 and ::1, then trust the new one.
        </Notice>
      ) : null}
      {ca && ca.hostsOutsideCa.length > 0 ? (
        <Notice tone="warning" title="Host not covered by the CA">
          The CA was made before <span className="mono">{ca.hostsOutsideCa.join(', ')}</span> was configured, so the server certificate leaves it out. Regenerate the CA to include it.
        </Notice>
      ) : null}
      {regenerated ? (
        <Notice tone="success" title="New CA created">
          Trust the new CA again wherever you trusted the old one (curl --cacert, Postman, your OS or browser store), and remove the old one there. Download or copy it below.
        </Notice>
      ) : null}
      <div className="button-row">
        <Button icon="download" onClick={() => void download()}>
          Download PEM
        </Button>
        <CopyButton
          label="Copy PEM"
          onCopy={async () => {
            const ok = await settings.getState().copyCaPem();
            if (ok) ui.getState().notify('success', 'CA certificate (PEM) copied.');
            return ok || undefined;
          }}
        >
          Copy PEM
        </CopyButton>
        <Button variant="ghost" onClick={() => setConfirmRegenerate(true)} disabled={busy}>
          {busy ? 'Regenerating…' : 'Regenerate CA…'}
        </Button>
      </div>
      <ErrorNotice error={error} title="Could not export the CA" />
      {confirmRegenerate ? (
        <Dialog
          title="Regenerate the certificate authority?"
          onClose={() => setConfirmRegenerate(false)}
          footer={
            <>
              <Button data-autofocus onClick={() => setConfirmRegenerate(false)}>
                Cancel
              </Button>
              <Button
                variant="danger"
                onClick={() => {
                  setConfirmRegenerate(false);
                  void settings.getState().regenerateCa();
                }}
              >
                Regenerate
              </Button>
            </>
          }
        >
          <p>A new CA, limited to local names, replaces this one and the listener restarts on new certificates.</p>
          <p>
            <strong>Every client that trusted the old CA must trust the new one</strong> (curl --cacert, Postman, NODE_EXTRA_CA_CERTS, your OS or browser store); until then they refuse the listener.
          </p>
        </Dialog>
      ) : null}
    </Card>
  );
}

function KeysCard() {
  const { settings, ui } = useStores();
  const error = useSlice(settings, (s) => s.errors.keys);
  const busy = useSlice(settings, (s) => s.busy.keys);
  const regenerated = useSlice(settings, (s) => s.regenerated);
  const [confirm, setConfirm] = useState<KeyType | null>(null);
  return (
    <Card title="Access keys" description="Callback URLs are signed with the primary or the secondary key. Regenerating a key breaks every URL signed with it.">
      <div className="button-row">
        <Button variant="danger" icon="refresh" onClick={() => setConfirm('primary')} disabled={busy}>
          Regenerate primary key
        </Button>
        <Button variant="danger" icon="refresh" onClick={() => setConfirm('secondary')} disabled={busy}>
          Regenerate secondary key
        </Button>
      </div>
      {regenerated ? <Notice tone="success">The {regenerated} key was regenerated. Copy the workflows' callback URLs again.</Notice> : null}
      <ErrorNotice error={error} title="Key not regenerated" />
      {confirm ? (
        <Dialog
          title={`Regenerate the ${confirm} key?`}
          onClose={() => setConfirm(null)}
          width={460}
          footer={
            <>
              <Button onClick={() => setConfirm(null)} data-autofocus>
                Keep the key
              </Button>
              <Button
                variant="danger"
                onClick={async () => {
                  const which = confirm;
                  setConfirm(null);
                  if (await settings.getState().regenerateKey(which)) ui.getState().notify('success', `The ${which} key was regenerated.`);
                }}
              >
                Regenerate
              </Button>
            </>
          }
        >
          <p>Every callback URL signed with the {confirm} key stops working at once: callers get 401 until they use a new URL. This cannot be undone.</p>
        </Dialog>
      ) : null}
    </Card>
  );
}

function JwksCard() {
  const { settings } = useStores();
  const jwks = useSlice(settings, (s) => s.jwks);
  const error = useSlice(settings, (s) => s.errors.jwks);
  const busy = useSlice(settings, (s) => s.busy.jwks);
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  return (
    <Card title="Trusted key sets (JWKS)" description="Bearer tokens from other issuers verify against these public keys, offline. Paste a JWKS document ({ &quot;keys&quot;: [...] }).">
      {jwks.length === 0 ? (
        <p className="muted small">None yet: only tokens from the local issuer verify.</p>
      ) : (
        <table className="data-table" aria-label="Trusted key sets">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key ids</th>
              <th scope="col">Added</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jwks.map((j) => (
              <tr key={j.name}>
                <td>{j.name}</td>
                <td className="mono small">{j.kids.join(', ') || '–'}</td>
                <td className="small">{formatTimestamp(j.addedAt)}</td>
                <td className="cell-actions">
                  <Button size="sm" variant="ghost" icon="trash" aria-label={`Remove ${j.name}`} title={`Remove ${j.name}`} onClick={() => void settings.getState().removeJwks(j.name)} disabled={busy} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="stack-sm"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await settings.getState().addJwks(name, text)) {
            setName('');
            setText('');
          }
        }}
      >
        <Field label="Name">{(props) => <input {...props} className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder="contoso-tenant" />}</Field>
        <Field label="JWKS (JSON)">{(props) => <textarea {...props} className="input mono" rows={4} value={text} onChange={(e) => setText(e.target.value)} placeholder='{ "keys": [ { "kty": "RSA", "kid": "…", "n": "…", "e": "AQAB" } ] }' spellCheck={false} />}</Field>
        <div>
          <Button type="submit" icon="plus" disabled={busy || text.trim() === ''}>
            Add key set
          </Button>
        </div>
      </form>
      <ErrorNotice error={error} title="Key set not changed" />
    </Card>
  );
}

function IssuerCard() {
  const { app } = useStores();
  const issuer = useSlice(app, (s) => s.info?.issuer);
  if (!issuer) return null;
  return (
    <Card title="Local token issuer" description="Mints Bearer tokens in the Composer (and with `triggerbench token`). Policies in access-control.json match its iss claim.">
      <dl className="facts">
        <div>
          <dt>Issuer (iss)</dt>
          <dd className="mono break">{issuer.issuer}</dd>
        </div>
        <div>
          <dt>Tenant id</dt>
          <dd className="mono">{issuer.tenantId}</dd>
        </div>
        <div>
          <dt>JWKS</dt>
          <dd className="mono break">{issuer.jwksUrl}</dd>
        </div>
        <div>
          <dt>OpenID configuration</dt>
          <dd className="mono break">{issuer.openIdConfigurationUrl}</dd>
        </div>
      </dl>
    </Card>
  );
}

/** The Settings view: appearance, listener, timeout, retention, limits, CA, keys, trusted JWKS, issuer. */
export function SettingsView() {
  const { app } = useStores();
  const error = useSlice(app, (s) => s.error);
  const info = useSlice(app, (s) => s.info);
  return (
    <div className="view-scroll">
      <div className="settings">
        <div className="view-head view-head-plain">
          <div className="view-title">
            <h1>Settings</h1>
          </div>
          {info ? <span className="muted small mono">Data folder: {info.dataDir}</span> : null}
        </div>
        <ErrorNotice error={error} title="Could not read the settings" action={<Button size="sm" onClick={() => void app.getState().load()}>Try again</Button>} />
        <AppearanceCard />
        <ListenerCard />
        <TimeoutCard />
        <RetentionCard />
        <LimitsCard />
        <CaCard />
        <KeysCard />
        <JwksCard />
        <IssuerCard />
      </div>
    </div>
  );
}
