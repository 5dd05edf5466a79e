import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { respond, runDefinition } from './run-definition.ts';

describe('runs and the host signal', () => {
  it('a finished run leaves no listener on the host signal, so calls do not slow down as runs accumulate', async () => {
    const host = new AbortController();
    for (let i = 0; i < 50; i++) {
      const outcome = await runDefinition({ Answer: respond('@triggerBody()') }, { body: { i }, signal: host.signal });
      expect(outcome.status).toBe('Succeeded');
    }
    expect(getEventListeners(host.signal, 'abort')).toHaveLength(0);
  });

  it('a run still going when the host stops is cancelled', async () => {
    const host = new AbortController();
    const running = runDefinition({ Wait: { type: 'Wait', inputs: { interval: { count: 1, unit: 'Hour' } } } }, { signal: host.signal });
    expect(getEventListeners(host.signal, 'abort').length).toBeGreaterThan(0);
    host.abort();
    const outcome = await running;
    expect(outcome.status).toBe('Cancelled');
    expect(getEventListeners(host.signal, 'abort')).toHaveLength(0);
  });
});
