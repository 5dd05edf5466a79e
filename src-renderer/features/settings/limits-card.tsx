import { useEffect, useState } from 'react';
import type { RuntimeLimits } from '../../../src-shared/contract.ts';
import { DEFAULT_RUNTIME_LIMITS } from '../../../src-shared/runtime-limits.ts';
import { Button } from '../../components/button.tsx';
import { Field } from '../../components/form-controls.tsx';
import { ErrorNotice, Notice } from '../../components/notices.tsx';
import { LIMIT_FIELDS, limitDefaultText, limitText, parseLimitField } from '../../lib/limit-fields.ts';
import { useSlice, useStores } from '../../stores/context.tsx';
import { Card } from './settings-card.tsx';

type Texts = Record<keyof RuntimeLimits, string>;

function textsOf(limits: RuntimeLimits): Texts {
  const texts = {} as Texts;
  for (const field of LIMIT_FIELDS) texts[field.name] = limitText(field, limits[field.name]);
  return texts;
}

/**
 * The global limits on memory and disk (docs/runtime.md, Limits): runs in flight,
 * buffered body bytes and what a run record keeps of each value, with the documented
 * defaults beside each field and each field checked as it is typed.
 */
export function LimitsCard() {
  const { app, settings, ui } = useStores();
  const stored = useSlice(app, (s) => s.info?.settings.limits);
  const error = useSlice(settings, (s) => s.errors.limits);
  const busy = useSlice(settings, (s) => s.busy.limits);
  const [texts, setTexts] = useState<Texts>(() => textsOf({ ...DEFAULT_RUNTIME_LIMITS, ...stored }));
  useEffect(() => setTexts(textsOf({ ...DEFAULT_RUNTIME_LIMITS, ...stored })), [stored]);
  const parsed = LIMIT_FIELDS.map((field) => ({ field, result: parseLimitField(field, texts[field.name]) }));
  const valid = parsed.every(({ result }) => 'value' in result);
  const current = { ...DEFAULT_RUNTIME_LIMITS, ...stored };
  const changed = parsed.some(({ field, result }) => 'value' in result && result.value !== current[field.name]);
  const atDefaults = LIMIT_FIELDS.every((field) => texts[field.name] === limitText(field, DEFAULT_RUNTIME_LIMITS[field.name]));
  return (
    <Card title="Limits" description="Bounds on what calls may hold in memory and what the run history stores, across all workflows. Applied at once, no restart.">
      <form
        className="limits-form"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          if (!valid) return;
          const limits = {} as RuntimeLimits;
          for (const { field, result } of parsed) if ('value' in result) limits[field.name] = result.value;
          if (await settings.getState().setLimits(limits)) ui.getState().notify('success', 'Limits saved.');
        }}
      >
        {parsed.map(({ field, result }) => (
          <Field key={field.name} label={`${field.label} (${field.unit})`} hint={`${field.hint} Default: ${limitDefaultText(field)}.`} error={'error' in result ? result.error : null}>
            {(props) => (
              <input
                {...props}
                className="input mono input-narrow"
                inputMode="numeric"
                value={texts[field.name]}
                onChange={(e) => setTexts({ ...texts, [field.name]: e.target.value })}
                placeholder={limitText(field, DEFAULT_RUNTIME_LIMITS[field.name])}
              />
            )}
          </Field>
        ))}
        <div className="button-row">
          <Button type="submit" variant="primary" disabled={busy || !valid || !changed}>
            {busy ? 'Saving…' : 'Save limits'}
          </Button>
          <Button type="button" onClick={() => setTexts(textsOf(DEFAULT_RUNTIME_LIMITS))} disabled={busy || atDefaults}>
            Reset to defaults
          </Button>
        </div>
      </form>
      {!valid ? <Notice tone="info">Fix the field marked above to save.</Notice> : null}
      <ErrorNotice error={error} title="Limits not changed" />
    </Card>
  );
}
