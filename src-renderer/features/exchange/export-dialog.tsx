import { useEffect, useMemo, useState } from 'react';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { Field, Segmented, Switch } from '../../components/form-controls.tsx';
import { ErrorNotice, Notice } from '../../components/notices.tsx';
import { useSlice, useStores } from '../../stores/context.tsx';
import { EXPORT_FORMATS, type ExportSubject } from '../../stores/exchange.store.ts';
import { ProblemList } from './problem-list.tsx';
import { saveFile } from './save-file.ts';

const FORMAT_LABELS: Record<string, { label: string; hint: string }> = {
  standard: { label: 'Standard', hint: 'workflow.json as a Logic Apps Standard project holds it (and access-control.json).' },
  arm: { label: 'ARM template', hint: 'A Consumption deployment template: definition, parameters, state, access control and the callback URL as an output.' },
  har: { label: 'HAR', hint: 'HAR 1.2 with bodies, timings and TLS details, for browsers and HTTP tools.' },
  recording: { label: 'Recordings', hint: 'One .recording.json per run, replayable with triggerbench replay in CI.' },
  curl: { label: 'curl', hint: 'A shell script of curl commands that repeat the calls against the listener.' },
  ndjson: { label: 'NDJSON', hint: 'One whole run record per line.' },
  postman: { label: 'Postman v2.1', hint: 'A Postman collection newman can run against the listener.' },
};

/** Which runs a runs export covers: the ones checked in the list, the one open, or the ones listed. */
type RunScope = 'checked' | 'selected' | 'listed';

const TITLES: Record<ExportSubject['kind'], string> = { workflows: 'Export workflows', runs: 'Export runs', collection: 'Export a collection' };

/** The export dialog for workflows, runs or a collection: pick a format, save the files. */
export function ExportDialog({ subject }: { subject: ExportSubject }) {
  const { exchange, workspace, ui } = useStores();
  const busy = useSlice(exchange, (s) => s.busy);
  const error = useSlice(exchange, (s) => s.error);
  const exported = useSlice(exchange, (s) => s.exported);
  const workflows = useSlice(workspace, (s) => s.workspace?.workflows ?? []);
  const formats = EXPORT_FORMATS[subject.kind] as readonly string[];
  const [format, setFormat] = useState<string>(formats[0]!);
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [chosen, setChosen] = useState<string[]>(subject.kind === 'workflows' ? subject.names : []);
  const checkedIds = subject.kind === 'runs' ? (subject.checkedIds ?? []) : [];
  const [scope, setScope] = useState<RunScope>(checkedIds.length > 0 ? 'checked' : subject.kind === 'runs' && subject.selectedId ? 'selected' : 'listed');
  const collections = useSlice(exchange, (s) => s.collections);
  const environments = useSlice(exchange, (s) => s.environments);
  const [collection, setCollection] = useState(subject.kind === 'collection' ? (subject.name ?? '') : '');
  const [environment, setEnvironment] = useState('');

  useEffect(() => {
    if (subject.kind === 'collection') void exchange.getState().loadCollections();
  }, [subject.kind, exchange]);
  useEffect(() => {
    if (!collection && collections?.[0]) setCollection(collections[0].name);
  }, [collections, collection]);

  const ids = useMemo(() => (subject.kind !== 'runs' ? [] : scope === 'checked' ? checkedIds : scope === 'selected' && subject.selectedId ? [subject.selectedId] : subject.listedIds), [subject, scope, checkedIds]);
  const canExport = subject.kind === 'runs' ? ids.length > 0 : subject.kind === 'collection' ? !!collection : workflows.length > 0;

  const run = async () => {
    const result = await exchange.getState().runExport({ format, names: chosen, ids, collection, environment, includeSecrets });
    if (!result) return;
    for (const file of result.files) saveFile(file);
    const saved = `${result.files.length} file${result.files.length === 1 ? '' : 's'}`;
    if (result.problems.length === 0) {
      exchange.getState().closeExport();
      ui.getState().notify('success', `Exported ${saved}.`);
    }
  };

  return (
    <Dialog
      title={TITLES[subject.kind]}
      onClose={() => exchange.getState().closeExport()}
      width={600}
      footer={
        <>
          <Button onClick={() => exchange.getState().closeExport()}>{exported ? 'Close' : 'Cancel'}</Button>
          <Button variant="primary" icon="download" onClick={() => void run()} disabled={busy || !canExport} data-autofocus>
            {busy ? 'Exporting…' : 'Export'}
          </Button>
        </>
      }
    >
      <div className="xchg-form">
        <Segmented label="Format" options={formats.map((id) => ({ id, label: FORMAT_LABELS[id]!.label }))} value={format} onChange={setFormat} />
        <p className="field-hint">{FORMAT_LABELS[format]!.hint}</p>
        {subject.kind === 'workflows' ? (
          <fieldset className="xchg-choices">
            <legend>Workflows {chosen.length === 0 ? '(all)' : `(${chosen.length})`}</legend>
            {workflows.map((w) => (
              <label key={w.name} className="xchg-choice">
                <input type="checkbox" checked={chosen.includes(w.name)} onChange={(e) => setChosen(e.target.checked ? [...chosen, w.name] : chosen.filter((n) => n !== w.name))} />
                <span className="mono">{w.name}</span>
              </label>
            ))}
          </fieldset>
        ) : null}
        {subject.kind === 'runs' ? (
          <Segmented<RunScope>
            label="Which runs"
            options={[
              ...(checkedIds.length > 0 ? [{ id: 'checked' as const, label: `Checked runs (${checkedIds.length})` }] : []),
              ...(subject.selectedId ? [{ id: 'selected' as const, label: 'Selected run' }] : []),
              { id: 'listed' as const, label: `Listed runs (${subject.listedIds.length})` },
            ]}
            value={scope}
            onChange={setScope}
          />
        ) : null}
        {subject.kind === 'collection' ? (
          <>
            <Field label="Collection" hint={collections && collections.length === 0 ? 'No saved requests yet: save requests from the Composer first.' : undefined}>
              {(props) => (
                <select {...props} className="input" value={collection} onChange={(e) => setCollection(e.target.value)}>
                  {(collections ?? []).map((c) => (
                    <option key={c.name} value={c.name}>
                      {c.name} ({c.requests.length})
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Variables from environment" hint="Its variables become collection variables; secret values stay out.">
              {(props) => (
                <select {...props} className="input" value={environment} onChange={(e) => setEnvironment(e.target.value)}>
                  <option value="">None</option>
                  {environments.map((env) => (
                    <option key={env.name} value={env.name}>
                      {env.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </>
        ) : null}
        {subject.kind !== 'workflows' && format !== 'recording' && format !== 'ndjson' ? (
          <Switch checked={includeSecrets} onChange={setIncludeSecrets} label="Include signatures and tokens in clear" description="Off: signatures stay masked or become variables to fill in. On: fresh ones are written into the file." />
        ) : null}
        <ErrorNotice error={error} title="The export failed" />
        {exported && exported.problems.length > 0 ? (
          <Notice tone="warning" title={`Saved ${exported.files.length} file${exported.files.length === 1 ? '' : 's'}, with these problems`}>
            <ProblemList problems={exported.problems} />
          </Notice>
        ) : null}
      </div>
    </Dialog>
  );
}
