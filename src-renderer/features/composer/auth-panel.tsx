import { Button } from '../../components/button.tsx';
import { Field } from '../../components/form-controls.tsx';
import { JsonTree } from '../../components/json-tree.tsx';
import { Notice } from '../../components/notices.tsx';
import { formatTimestamp } from '../../lib/format.ts';
import { useSlice, useStores } from '../../stores/context.tsx';

function SasDetails() {
  const { composer } = useStores();
  const params = useSlice(composer, (s) => s.params);
  const sas = params.filter((p) => p.enabled && ['sp', 'sv', 'sig'].includes(p.key.toLowerCase()));
  return (
    <div className="stack">
      <p className="muted">
        The shared access signature travels in the URL: <code>sp</code> (permission), <code>sv</code> (version) and <code>sig</code> (HMAC signature with the workflow's access key). Pick a workflow to get a signed URL.
      </p>
      {sas.length > 0 ? (
        <dl className="facts">
          {sas.map((p) => (
            <div key={p.id}>
              <dt>{p.key}</dt>
              <dd className="mono">{p.value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <Notice tone="warning">The URL has no SAS parameters: without a token, the listener answers 401 DirectApiAuthorizationRequired.</Notice>
      )}
    </div>
  );
}

function BearerDetails() {
  const { composer, app, workspace } = useStores();
  const token = useSlice(composer, (s) => s.token);
  const claims = useSlice(composer, (s) => s.tokenClaims);
  const expiresAt = useSlice(composer, (s) => s.tokenExpiresAt);
  const mint = useSlice(composer, (s) => s.mint);
  const minting = useSlice(composer, (s) => s.minting);
  const mintError = useSlice(composer, (s) => s.mintError);
  const issuer = useSlice(app, (s) => s.info?.issuer);
  const workflowName = useSlice(composer, (s) => s.workflowName);
  const target = useSlice(workspace, (s) => (workflowName ? s.workflow(workflowName) : undefined));
  const policies = target?.oauthPolicies ?? [];
  const foreignIssuer = policies.length > 0 && issuer ? policies.every((p) => p.claims.some((c) => c.name === 'iss' && c.value !== issuer.issuer)) : false;
  const { setToken, setMintField, mintToken, fillMintFromPolicy } = composer.getState();
  return (
    <div className="auth-bearer">
      <section className="subcard" aria-labelledby="mint-title">
        <h4 id="mint-title">Mint a token with the local issuer</h4>
        <p className="muted small">
          Signed by this install's issuer{issuer ? <> (<span className="mono">{issuer.issuer}</span>)</> : null}. Its claims must match every claim of one of the workflow's policies in <code>access-control.json</code>.
        </p>
        {target && policies.length === 0 ? <Notice tone="warning">{target.name} has no OAuth policy (access-control.json): every Bearer call to it is refused with 401.</Notice> : null}
        {policies.length > 0 ? (
          <div className="policy-row">
            <span className="muted small">Policies of {target?.name}:</span>
            {policies.map((p) => (
              <Button key={p.name} size="sm" icon="shield" onClick={() => fillMintFromPolicy(p.name)} title={p.claims.map((c) => `${c.name} = ${c.value}`).join('\n')}>
                Use {p.name}
              </Button>
            ))}
          </div>
        ) : null}
        {foreignIssuer ? <Notice tone="info">The policies expect another issuer than the local one: a minted token will not match. Paste a token from that issuer below, and trust its keys in Settings.</Notice> : null}
        <div className="grid-2">
          <Field label="Audience (aud)" hint="As the policy's aud claim, e.g. api://your-app">
            {(props) => <input {...props} className="input mono" value={mint.aud} onChange={(e) => setMintField('aud', e.target.value)} placeholder="api://triggerbench-sample" spellCheck={false} />}
          </Field>
          <Field label="Subject (sub)">
            {(props) => <input {...props} className="input mono" value={mint.sub} onChange={(e) => setMintField('sub', e.target.value)} spellCheck={false} />}
          </Field>
        </div>
        <div className="grid-2">
          <Field label="Extra claims (JSON object)" error={mintError}>
            {(props) => <textarea {...props} className="input mono" rows={3} value={mint.claimsText} onChange={(e) => setMintField('claimsText', e.target.value)} spellCheck={false} />}
          </Field>
          <Field label="Lifetime (seconds)">
            {(props) => <input {...props} className="input mono" type="number" min={1} value={mint.ttlSeconds} onChange={(e) => setMintField('ttlSeconds', Number(e.target.value) || 1)} />}
          </Field>
        </div>
        <div>
          <Button variant="primary" icon="key" onClick={() => void mintToken()} disabled={minting}>
            {minting ? 'Minting…' : 'Mint token'}
          </Button>
        </div>
      </section>
      <section className="subcard" aria-labelledby="token-title">
        <h4 id="token-title">Token</h4>
        <Field label="Bearer token" hint="Paste a token from elsewhere, or mint one above. It is sent as Authorization: Bearer <token>.">
          {(props) => <textarea {...props} className="input mono token-input" rows={4} value={token} onChange={(e) => setToken(e.target.value)} placeholder="eyJhbGciOi…" spellCheck={false} />}
        </Field>
        {token.trim() === '' ? <Notice tone="info">No token yet: the call goes out without credentials, and the listener answers 401.</Notice> : null}
        {token.trim() !== '' && !claims ? <Notice tone="warning">This does not look like a JWT (three base64url parts separated by dots).</Notice> : null}
        {claims ? (
          <div className="claims">
            <div className="claims-head">
              Claims{expiresAt ? <span className="muted"> · expires {formatTimestamp(expiresAt)}</span> : null}
            </div>
            <JsonTree value={claims} label="Token claims" expandDepth={1} />
          </div>
        ) : null}
      </section>
    </div>
  );
}

/** The Auth tab: details of the SAS signature, or the Bearer panel (mint or paste), or nothing. */
export function AuthPanel() {
  const { composer } = useStores();
  const auth = useSlice(composer, (s) => s.auth);
  if (auth === 'sas') return <SasDetails />;
  if (auth === 'bearer') return <BearerDetails />;
  return <p className="muted">No credentials: the SAS parameters are removed from the URL and no Authorization header is sent. Useful to see how the trigger refuses anonymous calls.</p>;
}
