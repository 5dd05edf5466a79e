import { useEffect, useState } from 'react';
import type { Problem } from '../../../src-shared/problems.ts';
import { Button, IconButton } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { Segmented, Switch } from '../../components/form-controls.tsx';
import { Notice } from '../../components/notices.tsx';
import { toUiError } from '../../lib/api-error.ts';
import { useSlice, useStores } from '../../stores/context.tsx';

interface PolicyRow {
  name: string;
  claims: { name: string; value: string }[];
}

/** The audience Microsoft's Logic Apps OAuth examples use, and the local issuer's default. */
const DEFAULT_AUDIENCE = 'https://management.core.windows.net/';

type Triggers = { openAuthenticationPolicies?: { policies?: Record<string, { type?: string; claims?: { name: string; value: string }[] }> }; allowedCallerIpAddresses?: { addressRange: string }[]; sasAuthenticationPolicy?: { state?: string } };

/** The editable parts of an access-control.json; everything else in the file is kept as it is. */
function fromDocument(document: Record<string, unknown> | null) {
  const triggers = (document?.triggers ?? {}) as Triggers;
  return {
    sas: (triggers.sasAuthenticationPolicy?.state ?? 'Enabled').toLowerCase() !== 'disabled',
    policies: Object.entries(triggers.openAuthenticationPolicies?.policies ?? {}).map(([name, policy]) => ({ name, claims: (policy.claims ?? []).map((c) => ({ ...c })) })),
    ipMode: (triggers.allowedCallerIpAddresses ? 'ranges' : 'any') as 'any' | 'ranges',
    ranges: (triggers.allowedCallerIpAddresses ?? []).map((r) => r.addressRange),
  };
}

function toDocument(original: Record<string, unknown> | null, model: ReturnType<typeof fromDocument>): Record<string, unknown> {
  const triggers: Record<string, unknown> = { ...((original?.triggers as Record<string, unknown>) ?? {}) };
  delete triggers.openAuthenticationPolicies;
  delete triggers.allowedCallerIpAddresses;
  if (model.policies.length > 0) triggers.openAuthenticationPolicies = { policies: Object.fromEntries(model.policies.map((p) => [p.name.trim(), { type: 'AAD', claims: p.claims.filter((c) => c.name.trim() !== '').map((c) => ({ name: c.name.trim(), value: c.value })) }])) };
  if (model.ipMode === 'ranges') triggers.allowedCallerIpAddresses = model.ranges.filter((r) => r.trim() !== '').map((r) => ({ addressRange: r.trim() }));
  triggers.sasAuthenticationPolicy = { state: model.sas ? 'Enabled' : 'Disabled' };
  return { ...(original ?? {}), triggers };
}

/** Edits a workflow's access control: SAS on or off, OAuth policies (issuer, audience, claims), allowed caller IP ranges. */
export function AccessControlDialog({ workflow, onClose }: { workflow: string; onClose(): void }) {
  const { accessControl, app, ui } = useStores();
  const issuer = useSlice(app, (s) => s.info?.issuer.issuer);
  const [original, setOriginal] = useState<Record<string, unknown> | null>(null);
  const [model, setModel] = useState<ReturnType<typeof fromDocument> | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    accessControl.getState().read(workflow).then(
      (result) => {
        setOriginal(result.document);
        setModel(fromDocument(result.document));
        setProblems(result.problems);
      },
      (failure: unknown) => setError(toUiError(failure).message),
    );
  }, [accessControl, workflow]);
  const patchPolicy = (index: number, policy: PolicyRow) => model && setModel({ ...model, policies: model.policies.map((p, i) => (i === index ? policy : p)) });
  const problemAt = (pointer: string) => problems.find((p) => p.severity === 'error' && (p.pointer === pointer || p.pointer.startsWith(`${pointer}/`)))?.message;
  const save = async () => {
    if (!model) return;
    setSaving(true);
    try {
      const result = await accessControl.getState().save(workflow, toDocument(original, model));
      setProblems(result.problems);
      if (result.saved) {
        ui.getState().notify('success', `Saved ${workflow}/access-control.json.`);
        onClose();
      }
    } catch (failure) {
      setError(toUiError(failure).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog
      title={`Access control: ${workflow}`}
      onClose={onClose}
      width={720}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" icon="save" onClick={() => void save()} disabled={!model || saving}>
            Save access-control.json
          </Button>
        </>
      }
    >
      {error ? <Notice tone="danger">{error}</Notice> : null}
      {!model ? <p className="muted">Reading access-control.json…</p> : null}
      {model ? (
        <div className="stack access-editor">
          <section aria-label="Shared access signature" className="stack-sm">
            <Switch label="SAS (signed callback URLs)" checked={model.sas} onChange={(sas) => setModel({ ...model, sas })} />
            <p className="field-hint">Off: calls with sp, sv and sig are refused; callers need a Bearer token that matches a policy below.</p>
          </section>
          <section aria-label="OAuth policies" className="stack-sm">
            <div className="access-head">
              <h3>OAuth policies</h3>
              <Button size="sm" icon="plus" disabled={model.policies.length >= 5} onClick={() => setModel({ ...model, policies: [...model.policies, { name: `policy-${model.policies.length + 1}`, claims: [{ name: 'iss', value: issuer ?? '' }, { name: 'aud', value: DEFAULT_AUDIENCE }] }] })}>
                Add policy
              </Button>
            </div>
            {model.policies.length === 0 ? <p className="muted small">No policy: Bearer tokens are refused (401). A policy admits a token whose claims all match.</p> : null}
            {model.policies.map((policy, index) => (
              <fieldset key={index} className="access-policy" aria-label={`Policy ${policy.name || index + 1}`}>
                <div className="access-head">
                  <input className="input input-sm" aria-label={`Name of policy ${index + 1}`} value={policy.name} onChange={(e) => patchPolicy(index, { ...policy, name: e.target.value })} />
                  <Button
                    size="sm"
                    variant="ghost"
                    icon="key"
                    disabled={!issuer}
                    title="Set iss to the local issuer (tokens minted in the composer and by triggerbench token)"
                    onClick={() => {
                      const others = policy.claims.filter((c) => c.name !== 'iss');
                      const claims = [{ name: 'iss', value: issuer ?? '' }, ...others];
                      if (!claims.some((c) => c.name === 'aud')) claims.push({ name: 'aud', value: DEFAULT_AUDIENCE });
                      patchPolicy(index, { ...policy, claims });
                    }}
                  >
                    Use the local issuer
                  </Button>
                  <span className="spacer" />
                  <IconButton icon="trash" size="sm" label={`Remove policy ${policy.name || index + 1}`} onClick={() => setModel({ ...model, policies: model.policies.filter((_, i) => i !== index) })} />
                </div>
                {policy.claims.map((claim, c) => {
                  const message = problemAt(`/triggers/openAuthenticationPolicies/policies/${policy.name}/claims/${c}`);
                  return (
                    <div key={c} className="access-row">
                      <input className="input input-sm mono" aria-label={`Claim ${c + 1} of ${policy.name || `policy ${index + 1}`}`} value={claim.name} placeholder="claim" onChange={(e) => patchPolicy(index, { ...policy, claims: policy.claims.map((x, j) => (j === c ? { ...x, name: e.target.value } : x)) })} />
                      <input className="input input-sm mono" aria-label={`Value of ${claim.name || `claim ${c + 1}`} in ${policy.name || `policy ${index + 1}`}`} aria-invalid={message ? true : undefined} value={claim.value} placeholder="value" onChange={(e) => patchPolicy(index, { ...policy, claims: policy.claims.map((x, j) => (j === c ? { ...x, value: e.target.value } : x)) })} />
                      <IconButton icon="x" size="sm" label={`Remove claim ${claim.name || c + 1}`} onClick={() => patchPolicy(index, { ...policy, claims: policy.claims.filter((_, j) => j !== c) })} />
                      {message ? <div className="field-error access-error" role="alert">{message}</div> : null}
                    </div>
                  );
                })}
                <Button size="sm" variant="ghost" icon="plus" disabled={policy.claims.length >= 10} onClick={() => patchPolicy(index, { ...policy, claims: [...policy.claims, { name: '', value: '' }] })}>
                  Add claim
                </Button>
                {problemAt(`/triggers/openAuthenticationPolicies/policies/${policy.name}`) && !policy.claims.some((_, c) => problemAt(`/triggers/openAuthenticationPolicies/policies/${policy.name}/claims/${c}`)) ? (
                  <div className="field-error" role="alert">
                    {problemAt(`/triggers/openAuthenticationPolicies/policies/${policy.name}`)}
                  </div>
                ) : null}
              </fieldset>
            ))}
          </section>
          <section aria-label="Allowed caller IP addresses" className="stack-sm">
            <h3>Allowed caller IP addresses</h3>
            <Segmented<'any' | 'ranges'>
              size="sm"
              label="Which callers may call"
              value={model.ipMode}
              onChange={(ipMode) => setModel({ ...model, ipMode, ranges: ipMode === 'ranges' && model.ranges.length === 0 ? ['127.0.0.0/8'] : model.ranges })}
              options={[
                { id: 'any', label: 'Any caller' },
                { id: 'ranges', label: 'Only these ranges' },
              ]}
            />
            {model.ipMode === 'ranges'
              ? model.ranges.map((range, i) => {
                  const message = problemAt(`/triggers/allowedCallerIpAddresses/${i}`);
                  return (
                    <div key={i} className="access-row access-row-range">
                      <input className="input input-sm mono" aria-label={`Caller range ${i + 1}`} aria-invalid={message ? true : undefined} value={range} placeholder="10.0.0.0/8 or 192.168.1.10-192.168.1.20" onChange={(e) => setModel({ ...model, ranges: model.ranges.map((r, j) => (j === i ? e.target.value : r)) })} />
                      <IconButton icon="x" size="sm" label={`Remove range ${range || i + 1}`} onClick={() => setModel({ ...model, ranges: model.ranges.filter((_, j) => j !== i) })} />
                      {message ? <div className="field-error access-error" role="alert">{message}</div> : null}
                    </div>
                  );
                })
              : null}
            {model.ipMode === 'ranges' ? (
              <Button size="sm" variant="ghost" icon="plus" onClick={() => setModel({ ...model, ranges: [...model.ranges, ''] })}>
                Add range
              </Button>
            ) : null}
            {model.ipMode === 'ranges' && model.ranges.filter((r) => r.trim()).length === 0 ? <p className="field-hint">No range: no direct caller is admitted (Azure's "Only other Logic Apps").</p> : null}
          </section>
          {problems.filter((p) => p.severity === 'error').length > 0 ? <Notice tone="danger" title="Not saved">{problems.filter((p) => p.severity === 'error').map((p) => p.message).join(' ')}</Notice> : null}
        </div>
      ) : null}
    </Dialog>
  );
}
