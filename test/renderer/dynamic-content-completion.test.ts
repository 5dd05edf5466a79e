import { CompletionContext } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { dynamicContentCompletions, workflowFileTokens } from '../../src-renderer/lib/dynamic-content-completion.ts';

const file = (responseBody: string) =>
  JSON.stringify(
    {
      definition: {
        triggers: { manual: { type: 'Request', kind: 'Http', inputs: { schema: { type: 'object', properties: { name: { type: 'string' } } } } } },
        actions: {
          Lookup: { type: 'Http', inputs: { method: 'GET', uri: 'https://example.invalid' }, runAfter: {} },
          Response: { type: 'Response', kind: 'Http', inputs: { statusCode: 200, body: responseBody }, runAfter: { Lookup: ['Succeeded'] } },
        },
      },
      kind: 'Stateful',
    },
    null,
    2,
  );

function completeAt(doc: string, marker: string, explicit = false) {
  const pos = doc.indexOf(marker) + marker.length;
  const state = EditorState.create({ doc });
  return dynamicContentCompletions(workflowFileTokens(() => ({ appSettingNames: ['ApiKey'] })))(new CompletionContext(state, pos, explicit));
}

describe('dynamic content completion in the code view', () => {
  it('right after @ in the Response body: the trigger schema, the earlier Http action, app settings', () => {
    const doc = file('@');
    const result = completeAt(doc, '"body": "@');
    const labels = result?.options.map((o) => `${o.detail}:${o.label}`) ?? [];
    expect(labels).toContain('manual:name');
    expect(labels).toContain('Lookup:Status code');
    expect(labels).toContain('App settings:ApiKey');
    expect(result?.options.find((o) => o.label === 'name')?.apply).toBe("triggerBody()?['name']");
  });

  it('in the first action, nothing of the actions after it; not outside expressions', () => {
    const doc = file('x').replace('"uri": "https://example.invalid"', '"uri": "@{"');
    const labels = completeAt(doc, '"uri": "@{')?.options.map((o) => o.detail) ?? [];
    expect(labels).toContain('manual');
    expect(labels).not.toContain('Lookup');
    expect(completeAt(file('plain'), '"body": "pla')).toBeNull();
  });
});
