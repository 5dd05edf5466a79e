import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { schemaFromSample } from '../../src-shared/schema/schema-from-sample.ts';

describe('schemaFromSample', () => {
  it("gives exactly the README's schema for the README's account payload", () => {
    const sample = {
      account: {
        name: 'Contoso',
        ID: '12345',
        address: { number: '1234', street: 'Anywhere Street', city: 'AnyTown', state: 'AnyState', country: 'USA', postalCode: '11111' },
      },
    };
    const expected = {
      type: 'object',
      properties: {
        account: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            ID: { type: 'string' },
            address: {
              type: 'object',
              properties: {
                number: { type: 'string' },
                street: { type: 'string' },
                city: { type: 'string' },
                state: { type: 'string' },
                country: { type: 'string' },
                postalCode: { type: 'string' },
              },
            },
          },
        },
      },
    };
    const schema = schemaFromSample(sample);
    expect(schema).toEqual(expected);
    // Key order matters to a user reading the generated text: same as the README's.
    expect(JSON.stringify(schema)).toBe(JSON.stringify(expected));
  });

  it('maps scalars like the designer: integer vs number, boolean, string, null → {}', () => {
    expect(schemaFromSample({ i: 3, n: 2.5, b: false, s: '', z: null })).toEqual({
      type: 'object',
      properties: { i: { type: 'integer' }, n: { type: 'number' }, b: { type: 'boolean' }, s: { type: 'string' }, z: {} },
    });
    expect(schemaFromSample(7)).toEqual({ type: 'integer' });
    expect(schemaFromSample(null)).toEqual({});
  });

  it('gives no top-level required, and an empty object an empty properties map', () => {
    const schema = schemaFromSample({ a: {}, b: 1 });
    expect(schema.required).toBeUndefined();
    expect(schema.properties).toEqual({ a: { type: 'object', properties: {} }, b: { type: 'integer' } });
  });

  it('merges the shapes of all array elements; required lists properties every element has (as the designer)', () => {
    const schema = schemaFromSample({ items: [{ sku: 'a', qty: 1 }, { sku: 'b', price: 2.5 }] });
    expect(schema).toEqual({
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer' }, price: { type: 'number' } }, required: ['sku'] },
        },
      },
    });
  });

  it('can leave required out of array items', () => {
    const schema = schemaFromSample([{ a: 1 }, { a: 2 }], { arrayItemsRequired: false });
    expect(schema).toEqual({ type: 'array', items: { type: 'object', properties: { a: { type: 'integer' } } } });
  });

  it('merges nested objects inside array elements too', () => {
    const schema = schemaFromSample([{ who: { name: 'x' } }, { who: { mail: 'y' } }]);
    expect(schema.items).toEqual({
      type: 'object',
      properties: { who: { type: 'object', properties: { name: { type: 'string' }, mail: { type: 'string' } } } },
      required: ['who'],
    });
  });

  it('widens integers mixed with decimals to number', () => {
    expect(schemaFromSample([1, 2.5, 3])).toEqual({ type: 'array', items: { type: 'number' } });
  });

  it('gives no items for an empty array or mixed element types', () => {
    expect(schemaFromSample([])).toEqual({ type: 'array' });
    expect(schemaFromSample([1, 'a'])).toEqual({ type: 'array' });
    expect(schemaFromSample([{ a: 1 }, null])).toEqual({ type: 'array' });
  });

  it('handles arrays of arrays', () => {
    expect(schemaFromSample([[1], [2, 3]])).toEqual({ type: 'array', items: { type: 'array', items: { type: 'integer' } } });
  });

  it('escapes property names Logic Apps would read as expressions', () => {
    const schema = schemaFromSample({ '@odata.type': 'x', 'a@{b}': 1 });
    expect(Object.keys(schema.properties as object)).toEqual(['@@odata.type', 'a@@{b}']);
  });

  it('produces a schema ajv (draft-04) accepts, which validates the sample', () => {
    // ajv-draft-04 is CommonJS with a `default` export, as the runtime loads it.
    const Ajv = createRequire(import.meta.url)('ajv-draft-04').default as typeof import('ajv').default;
    const sample = { id: 1, tags: ['a'], lines: [{ sku: 'x', qty: 1 }, { sku: 'y' }], note: null };
    const validate = new Ajv({ strict: false }).compile(schemaFromSample(sample));
    expect(validate(sample)).toBe(true);
    expect(validate({ ...sample, lines: [{ qty: 1 }] })).toBe(false);
  });
});
