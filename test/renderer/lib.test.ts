import { describe, expect, it } from 'vitest';
import { toUiError } from '../../src-renderer/lib/api-error.ts';
import { buildCurl } from '../../src-renderer/lib/curl.ts';
import { insertTokenInJson } from '../../src-renderer/lib/json-token-insert.ts';
import { checkAgainstSchema } from '../../src-renderer/lib/json-schema-check.ts';
import { decodeJwt } from '../../src-renderer/lib/jwt.ts';
import { parseQuery, withQuery } from '../../src-renderer/lib/query-string.ts';

describe('schema hints for the composer body', () => {
  const schema = {
    type: 'object',
    required: ['orderId'],
    properties: {
      orderId: { type: 'string', minLength: 2 },
      quantity: { type: 'integer', minimum: 1 },
      tags: { type: 'array', items: { type: 'string' } },
      kind: { enum: ['a', 'b'] },
    },
    additionalProperties: false,
  };

  it('names each violation with its JSON pointer', () => {
    expect(checkAgainstSchema({ quantity: 0, tags: ['x', 3], kind: 'c', extra: true }, schema)).toEqual([
      { pointer: '', message: "The body is missing the required property 'orderId'." },
      { pointer: '/quantity', message: "'/quantity' should be at least 1." },
      { pointer: '/tags/1', message: "'/tags/1' should be string, but is integer." },
      { pointer: '/kind', message: '\'/kind\' should be one of "a", "b".' },
      { pointer: '/extra', message: "The body has a property 'extra' the schema does not allow." },
    ]);
  });

  it('accepts a body that fits (numbers fit "number" even when whole)', () => {
    expect(checkAgainstSchema({ orderId: 'A1', quantity: 2 }, schema)).toEqual([]);
    expect(checkAgainstSchema(3, { type: 'number' })).toEqual([]);
  });
});

describe('query strings', () => {
  it('round-trips SAS parameters (encoded slashes) and keeps the fragment', () => {
    const url = 'https://h/api/a/invoke?api-version=2022-05-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=abc#x';
    expect(parseQuery(url)).toEqual([
      ['api-version', '2022-05-01'],
      ['sp', '/triggers/manual/run'],
      ['sv', '1.0'],
      ['sig', 'abc'],
    ]);
    expect(withQuery(url, parseQuery(url))).toBe(url);
  });

  it('keeps a half-typed % escape as written instead of failing', () => {
    expect(parseQuery('https://h/?q=50%')).toEqual([['q', '50%']]);
  });
});

describe('copy as curl', () => {
  it('quotes single quotes for the shell and names non-default methods', () => {
    const curl = buildCurl({ method: 'PUT', url: 'https://h/x', headers: [], body: { kind: 'text', text: "it's" } });
    expect(curl).toBe("curl -X PUT https://h/x \\\n  --data-raw 'it'\\''s'");
  });

  it('form fields use --data-urlencode and files --data-binary @name', () => {
    expect(buildCurl({ method: 'POST', url: 'https://h/x', headers: [], body: { kind: 'form', fields: [['a', 'b c']] } })).toContain("--data-urlencode 'a=b c'");
    expect(buildCurl({ method: 'POST', url: 'https://h/x', headers: [], body: { kind: 'file', name: 'order.pdf', base64: '' } })).toContain('--data-binary @order.pdf');
  });
});

describe('errors in plain words', () => {
  it('strips Electron’s remote-method prefix and reads serialized {code, message}', () => {
    expect(toUiError(Object.assign(new Error("Error invoking remote method 'runs:get': Error: Gone."), { code: 'RunNotFound' }))).toEqual({ code: 'RunNotFound', message: 'Gone.' });
    expect(toUiError(new Error('{"code":"PortInUse","message":"Port busy."}'))).toEqual({ code: 'PortInUse', message: 'Port busy.' });
    expect(toUiError('boom')).toEqual({ code: 'UnexpectedError', message: 'boom' });
  });
});

describe('pasted tokens', () => {
  it('decodes a JWT’s claims for display, and refuses what is not one', () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    expect(decodeJwt(`${part({ alg: 'RS256' })}.${part({ aud: 'api://x' })}.sig`)?.claims).toEqual({ aud: 'api://x' });
    expect(decodeJwt('not-a-token')).toBeUndefined();
  });
});

describe('dynamic content into the body JSON', () => {
  it('a whole "@expr" in an empty body or string, @{expr} inside text, a new string value elsewhere', () => {
    expect(insertTokenInJson('', "triggerBody()?['a']", 0).text).toBe(`"@triggerBody()?['a']"`);
    const empty = '{"name": ""}';
    expect(insertTokenInJson(empty, 'x()', empty.indexOf('""') + 1).text).toBe('{"name": "@x()"}');
    const text = '{"greeting": "Hello !"}';
    const at = text.indexOf('!');
    const result = insertTokenInJson(text, "triggerBody()?['name']", at);
    expect(result.text).toBe(`{"greeting": "Hello @{triggerBody()?['name']}!"}`);
    expect(result.text[result.cursor]).toBe('!');
    const obj = '{"a": }';
    expect(insertTokenInJson(obj, 'x()', obj.indexOf('}')).text).toBe('{"a": "@x()"}');
  });
});
