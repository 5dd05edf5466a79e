import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactedHeaderValue, redactedTarget } from '../../src-main/listener/recorded-secrets.ts';
import { startBench, type Bench } from './helpers/bench.ts';
import { response, workflow } from './helpers/workflows.ts';

// Nothing secret lands in the run history: not the signature in any spelling the listener
// decodes, not a bare Authorization token, not a cookie value.

let bench: Bench;

beforeAll(async () => {
  bench = await startBench({
    files: {
      'echo/workflow.json': workflow({ actions: { Response: response({ statusCode: 200, body: "@length(string(triggerOutputs()['headers']?['Cookie']))" }) } }),
    },
  });
}, 30_000);

afterAll(() => bench?.close());

/** Every spelling of `sig` that URLSearchParams decodes to `sig`. */
const SPELLINGS = ['sig', '%73ig', 's%69g', 'si%67', '%73%69%67', '%73I%67'.replace('I', 'i')];

describe('the signature in the recorded URL', () => {
  it.each(SPELLINGS)('a signature sent as %s authenticates but is stored, indexed and listed as ***', async (spelling) => {
    const url = bench.url('echo');
    const sig = new URL(url).searchParams.get('sig')!;
    const respelled = url.replace('&sig=', `&${spelling}=`);
    const { reply, run } = await bench.callAndRun(respelled, { body: 'x' });
    expect(reply.status).toBe(200);
    const stored = bench.stored(run.id);
    expect(JSON.stringify(stored)).not.toContain(sig);
    expect(stored.request.url).toContain(`&${spelling}=***`);
    expect(bench.wb.history.list({ text: sig.slice(0, 20) })).toEqual([]);
  });

  it('redacts repeated and odd spellings without touching other parameters', () => {
    expect(redactedTarget('/a?x=1&sig=abc&SIG=def&y=sig')).toBe('/a?x=1&sig=***&SIG=***&y=sig');
    expect(redactedTarget('/a?s%69g=abc')).toBe('/a?s%69g=***');
    expect(redactedTarget('/a?signal=1&design=2')).toBe('/a?signal=1&design=2');
    expect(redactedTarget('/a')).toBe('/a');
  });
});

describe('headers in the recorded request', () => {
  it('an Authorization header without a scheme (a bare token) is masked whole', async () => {
    const { run } = await bench.callAndRun(bench.url('echo'), { headers: { Authorization: 'bare-secret-token-value' }, body: 'x' });
    const stored = bench.stored(run.id);
    expect(JSON.stringify(stored)).not.toContain('bare-secret-token-value');
    expect(stored.request.headers.Authorization).toBe('***');
  });

  it('cookie values never reach the history, though the run still sees them', async () => {
    const { reply, run } = await bench.callAndRun(bench.url('echo'), { headers: { Cookie: 'triggerbench_token_1234=very-secret; theme=dark' }, body: 'x' });
    expect(reply.text).toBe(String('triggerbench_token_1234=very-secret; theme=dark'.length));
    const stored = bench.stored(run.id);
    expect(JSON.stringify(stored)).not.toContain('very-secret');
    expect(stored.request.headers.Cookie).toBe('triggerbench_token_1234=***; theme=***');
    expect((stored.triggerOutputs as { headers: Record<string, string> }).headers.Cookie).toBe('triggerbench_token_1234=***; theme=***');
  });

  it('keeps the scheme of a credential and masks the rest', () => {
    expect(redactedHeaderValue('Authorization', 'Bearer abc.def.ghi')).toBe('Bearer ***');
    expect(redactedHeaderValue('authorization', 'abc')).toBe('***');
    expect(redactedHeaderValue('Proxy-Authorization', 'Basic dXNlcjpwYXNz')).toBe('Basic ***');
    expect(redactedHeaderValue('X-Other', 'abc')).toBe('abc');
  });
});
