import { describe, expect, it } from 'vitest';
import { jsonPath, validateAgainstSchema } from '../../src-main/runtime/schema-validation.ts';

// TriggerInputSchemaMismatch said "Expected string but got undefined" whatever was sent,
// and only the first violation.

const PERSON = {
  type: 'object',
  required: ['name', 'age', 'email'],
  properties: {
    name: { type: 'string' },
    age: { type: 'integer' },
    active: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' } },
    address: { type: 'object', properties: { postalCode: { type: 'string' } } },
    kind: { enum: ['a', 'b'] },
  },
};

describe('schema errors in Azure wording', () => {
  it.each([
    [42, 'Integer'],
    [4.5, 'Float'],
    [true, 'Boolean'],
    [null, 'Null'],
    [[1], 'Array'],
    [{ a: 1 }, 'Object'],
  ])('a %j where a string is expected says "got %s"', (value, type) => {
    const message = validateAgainstSchema(PERSON, { name: value, age: 1, email: 'x' });
    expect(message).toBe(`Invalid type. Expected String but got ${type}. Path 'name'.`);
  });

  it('lists every violation, each with its path', () => {
    const message = validateAgainstSchema(PERSON, { name: 1, active: 'yes', tags: ['ok', 7], address: { postalCode: 98052 }, kind: 'c' })!;
    expect(message).toContain('Invalid type. Expected String but got Integer. Path \'name\'.');
    expect(message).toContain('Invalid type. Expected Boolean but got String. Path \'active\'.');
    expect(message).toContain("Invalid type. Expected String but got Integer. Path 'tags[1]'.");
    expect(message).toContain("Invalid type. Expected String but got Integer. Path 'address.postalCode'.");
    expect(message).toContain("Required properties are missing from object: age, email. Path ''.");
    expect(message).toContain('Value "c" is not defined in enum. Path \'kind\'.');
  });

  it('a body of the wrong type at the top says so', () => {
    expect(validateAgainstSchema(PERSON, [1, 2])).toBe("Invalid type. Expected Object but got Array. Path ''.");
    expect(validateAgainstSchema({ type: ['string', 'null'] }, 3)).toBe("Invalid type. Expected String, Null but got Integer. Path ''.");
  });

  it('writes paths as Json.NET does', () => {
    expect(jsonPath('')).toBe('');
    expect(jsonPath('/items/0/name')).toBe('items[0].name');
    expect(jsonPath('/a.b/c~1d')).toBe("['a.b']['c/d']");
  });
});
