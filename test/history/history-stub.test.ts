import { describe, expect, it } from 'vitest';
import { isTruncatedValue } from '../../src-shared/record-values.ts';
import { fullRun } from './fixtures/run-record.ts';
import { openTracked, tempDataDir } from './fixtures/temp-dir.ts';

/** An array nested `depth` levels deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

describe('run history: a run that cannot be stored', () => {
  it('is kept as a stub with the reason, and the other runs of its batch are stored whole', () => {
    const history = openTracked(tempDataDir());
    const before = fullRun();
    // Claims are stored as they are (only bodies and action values are bounded): this one cannot be serialised.
    const deep = fullRun({ auth: { scheme: 'Bearer', claims: { nested: nested(20_000) } } });
    const after = fullRun();
    history.record(before);
    history.record(deep);
    history.record(after);
    // get() before the batch is written must not throw either.
    expect(history.get(deep.id)?.error?.code).toBe('RunNotRecorded');
    history.flush();
    expect(history.get(before.id)).toEqual(before);
    expect(history.get(after.id)).toEqual(after);
    const stub = history.get(deep.id)!;
    expect(stub).toMatchObject({ id: deep.id, workflow: deep.workflow, status: deep.status, error: { code: 'RunNotRecorded' } });
    expect(stub.error!.message).toMatch(/could not be stored/);
    expect(history.count()).toBe(3);
    // Still writing afterwards.
    const later = fullRun();
    history.record(later);
    history.flush();
    expect(history.get(later.id)).toEqual(later);
  });

  it('a trigger body or action value built deeper than the nesting limit is kept cut, not lost', () => {
    const history = openTracked(tempDataDir());
    const run = fullRun({ triggerOutputs: { body: nested(20_000) }, actions: [{ name: 'Build', type: 'Compose', status: 'Succeeded', outputs: nested(200) }] });
    history.record(run);
    history.flush();
    const stored = history.get(run.id)!;
    expect(stored.error).toBeUndefined();
    expect(isTruncatedValue((stored.triggerOutputs as { body: unknown }).body)).toBe(true);
    expect(isTruncatedValue(stored.actions[0]!.outputs)).toBe(true);
    expect((stored.actions[0]!.outputs as { text: string }).text).toMatch(/^\[\[\[/);
  });
});
