import { describe, expect, it } from 'vitest';
import { FUNCTIONS, functionHelp, functionHelpList } from '../../src-shared/expression/index.ts';
import { FUNCTION_DESCRIPTIONS } from '../../src-shared/expression/function-descriptions.ts';

describe('function help for editors', () => {
  it('every function has a signature naming it and a one-line description, and every description a function', () => {
    for (const help of functionHelpList()) {
      expect(help.signature.startsWith(`${help.name}(`), help.name).toBe(true);
      expect(help.description, help.name).toMatch(/^[A-Z'].*[.)]$/);
      expect(help.description.includes('\n'), help.name).toBe(false);
    }
    expect(functionHelpList()).toHaveLength(FUNCTIONS.size);
    expect(Object.keys(FUNCTION_DESCRIPTIONS).filter((name) => functionHelp(name)?.name !== name)).toEqual([]);
  });

  it('looks a function up in any case and gives Microsoft\'s spelling', () => {
    expect(functionHelp('TRIGGERBODY')).toMatchObject({ name: 'triggerBody', signature: 'triggerBody()', minArgs: 0, maxArgs: 0 });
    expect(functionHelp('nope')).toBeUndefined();
  });
});
