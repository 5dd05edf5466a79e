import { describe, expect, it } from 'vitest';
import { dynamicContent, filterTokens, insertToken } from '../../src-shared/workflow/dynamic-content.ts';
import type { WorkflowDefinition } from '../../src-shared/workflow/types.ts';
import { diagnose } from '../../src-shared/expression/diagnose.ts';

const definition = {
  triggers: {
    manual: {
      type: 'Request',
      kind: 'Http',
      inputs: {
        relativePath: '/accounts/{accountId}',
        schema: {
          type: 'object',
          required: ['account'],
          properties: {
            account: {
              type: 'object',
              required: ['name'],
              properties: { name: { type: 'string' }, address: { type: 'object', properties: { city: { type: 'string', description: 'Town' } } } },
            },
            orders: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } } } },
          },
        },
      },
    },
  },
  parameters: { region: { type: 'String', defaultValue: 'west' } },
  actions: {
    Init: { type: 'InitializeVariable', inputs: { variables: [{ name: 'total', type: 'integer', value: 0 }] }, runAfter: {} },
    Lookup: { type: 'Http', inputs: { method: 'GET', uri: 'https://example.invalid' }, runAfter: { Init: ['Succeeded'] } },
    Each: {
      type: 'Foreach',
      foreach: "@triggerBody()?['orders']",
      actions: { Line: { type: 'Compose', inputs: '@item()' }, After_line: { type: 'Compose', inputs: 1, runAfter: { Line: ['Succeeded'] } } },
      runAfter: { Lookup: ['Succeeded'] },
    },
    Unrelated: { type: 'Compose', inputs: 2, runAfter: {} },
    Response: { type: 'Response', kind: 'Http', inputs: { statusCode: 200 }, runAfter: { Each: ['Succeeded'] } },
  },
} as unknown as WorkflowDefinition;

const expressions = (actionName: string | undefined) => dynamicContent(definition, actionName, { parameterNames: ['apiBase'], appSettingNames: ['ApiKey'] });

describe('dynamic content', () => {
  it('lists the trigger’s outputs and every schema property, nested, with ?[...] where a property may be absent', () => {
    const tokens = expressions('Response');
    const byLabel = (label: string) => tokens.find((t) => t.label === label)?.expression;
    expect(byLabel('Body')).toBe('triggerBody()');
    expect(byLabel('Headers')).toBe("triggerOutputs()['headers']");
    expect(byLabel('accountId')).toBe("triggerOutputs()['relativePathParameters']['accountId']");
    // account and name are required; address and city are not.
    expect(byLabel('name')).toBe("triggerBody()['account']['name']");
    expect(byLabel('city')).toBe("triggerBody()['account']?['address']?['city']");
    expect(tokens.find((t) => t.label === 'city')?.detail).toBe('account.address.city: Town');
    // Array items outside a loop over them: the first item.
    expect(byLabel('sku')).toBe("first(triggerBody()?['orders'])?['sku']");
    // Every expression parses.
    for (const t of tokens) expect(diagnose(`@${t.expression}`), t.expression).toEqual([]);
  });

  it('offers the outputs of the actions that run before the field’s action, by runAfter, not the others', () => {
    const groups = new Set(expressions('Response').map((t) => t.group));
    expect(groups).toContain('Lookup');
    expect(groups).toContain('Variables');
    expect(groups).not.toContain('Unrelated');
    expect(expressions('Response').find((t) => t.group === 'Lookup' && t.label === 'Status code')?.expression).toBe("outputs('Lookup')?['statusCode']");
    // Inside the loop: what ran before the loop, the earlier sibling, and the current item.
    const inside = expressions('After_line');
    expect(inside.find((t) => t.group === 'Line')?.expression).toBe("outputs('Line')");
    expect(inside.find((t) => t.label === 'Current item')?.expression).toBe("items('Each')");
    expect(inside.find((t) => t.label === 'sku')?.expression).toBe("items('Each')?['sku']");
    expect(new Set(inside.map((t) => t.group))).toContain('Lookup');
    // Trigger fields see only the trigger, parameters and app settings.
    expect(new Set(expressions(undefined).map((t) => t.group))).toEqual(new Set(['manual', 'Parameters', 'App settings']));
  });

  it('lists parameters (definition and parameters.json) and app settings', () => {
    const tokens = expressions('Response');
    expect(tokens.filter((t) => t.group === 'Parameters').map((t) => t.expression)).toEqual(["parameters('region')", "parameters('apiBase')"]);
    expect(tokens.filter((t) => t.group === 'App settings').map((t) => t.expression)).toEqual(["appsetting('ApiKey')"]);
  });

  it('search matches label, path and group', () => {
    expect(filterTokens(expressions('Response'), 'address city').map((t) => t.label)).toEqual(['city']);
  });

  it('insertion: a whole @expr in an empty field, @{expr} inside text', () => {
    expect(insertToken('', "triggerBody()?['a']")).toEqual({ text: "@triggerBody()?['a']", cursor: 20 });
    expect(insertToken('Hello !', 'x()', 6)).toEqual({ text: 'Hello @{x()}!', cursor: 12 });
    expect(insertToken('@a()', 'b()').text).toBe('@{a()}@{b()}');
    // Inside an open call of a whole expression, the token is an argument.
    expect(insertToken('@equals(', 'b()')).toEqual({ text: '@equals(b()', cursor: 11 });
    expect(insertToken("@equals('(', ", 'b()').text).toBe("@equals('(', b()");
  });
});
