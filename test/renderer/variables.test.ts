import { describe, expect, it } from 'vitest';
import { resolveVariables, variableNames } from '../../src-shared/variables.ts';

describe('{{variables}}', () => {
  it('replaces known names and lists the unknown ones, leaving them as written', () => {
    const values = new Map([
      ['host', '127.0.0.1'],
      ['id', '42'],
    ]);
    expect(resolveVariables('https://{{host}}/orders/{{ id }}?x={{missing}}&y={{missing}}', values)).toEqual({ text: 'https://127.0.0.1/orders/42?x={{missing}}&y={{missing}}', missing: ['missing'] });
    expect(variableNames('{{a}} {{b}} {{a}} {{ }}')).toEqual(['a', 'b']);
  });

  it('leaves JSON braces alone', () => {
    expect(resolveVariables('{"a":{"b":1}}', new Map())).toEqual({ text: '{"a":{"b":1}}', missing: [] });
  });
});
