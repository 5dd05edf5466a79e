import { describe, expect, it } from 'vitest';
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
    const deep = fullRun({ triggerOutputs: { body: nested(20_000) } });
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
});
