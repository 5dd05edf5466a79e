import { describe, expect, it } from 'vitest';
import { findRequestTrigger, listActions, listScopes } from '../../src-shared/workflow/action-tree.ts';
import { parseOperationOptions } from '../../src-shared/workflow/operation-options.ts';
import { matchRelativePath, parseRelativePathTemplate, type RelativePathTemplate } from '../../src-shared/workflow/relative-path.ts';
import { isDroppedResponseHeader } from '../../src-shared/workflow/response-headers.ts';
import { normalizeStatus } from '../../src-shared/workflow/status.ts';
import { fromPointer, toPointer } from '../../src-shared/workflow/json-pointer.ts';
import type { WorkflowDefinition } from '../../src-shared/workflow/types.ts';

describe('normalizeStatus', () => {
  it.each([
    ['SUCCEEDED', 'Succeeded'],
    ['succeeded', 'Succeeded'],
    ['Failed', 'Failed'],
    ['SKIPPED', 'Skipped'],
    ['TIMEDOUT', 'TimedOut'],
    ['timedOut', 'TimedOut'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeStatus(input)).toBe(expected);
  });

  it.each(['Done', 'Cancelled', 'Timed Out', ''])('rejects %j', (input) => {
    expect(normalizeStatus(input)).toBeUndefined();
  });
});

describe('parseOperationOptions', () => {
  it('splits the comma-and-space list and stores known options in canonical case', () => {
    const options = parseOperationOptions('enableSchemaValidation, SUPPRESSWORKFLOWHEADERSONRESPONSE');
    expect([...options]).toEqual(['EnableSchemaValidation', 'SuppressWorkflowHeadersOnResponse']);
    expect(options.has('EnableSchemaValidation')).toBe(true);
  });

  it('accepts commas without spaces, ignores empty parts and keeps unknown options as written', () => {
    expect([...parseOperationOptions('Asynchronous,,  Custom_Thing ,')]).toEqual(['Asynchronous', 'Custom_Thing']);
  });

  it('gives an empty set for a missing or non-string value', () => {
    expect(parseOperationOptions(undefined).size).toBe(0);
    expect(parseOperationOptions(['EnableSchemaValidation']).size).toBe(0);
  });
});

describe('isDroppedResponseHeader', () => {
  it.each(['Allow', 'Cookie', 'Expires', 'Last-Modified', 'Set-Cookie', 'Transfer-Encoding', 'set-cookie', 'EXPIRES', 'Content-Language', 'Content-Length', 'content-md5', 'Content-Location', 'Content-Range'])('drops %s', (name) => {
    expect(isDroppedResponseHeader(name)).toBe(true);
  });

  it.each(['Content-Type', 'content-type', 'Content-Disposition', 'Content-Encoding', 'X-Custom', 'Location', 'Cache-Control', 'Retry-After', 'ContentType'])('keeps %s', (name) => {
    expect(isDroppedResponseHeader(name)).toBe(false);
  });
});

describe('relativePath templates', () => {
  const parse = (source: string): RelativePathTemplate => {
    const result = parseRelativePathTemplate(source);
    if ('error' in result) throw new Error(result.error.message);
    return result.template;
  };

  it('parses parameters with or without a leading slash', () => {
    expect(parse('/address/{postalCode}').parameterNames).toEqual(['postalCode']);
    expect(parse('{width}/{height}').parameterNames).toEqual(['width', 'height']);
  });

  it('matches a request path and decodes its segments', () => {
    expect(matchRelativePath(parse('/address/{postalCode}'), '/address/98052')).toEqual({ postalCode: '98052' });
    expect(matchRelativePath(parse('/address/{postalCode}'), 'address/98052')).toEqual({ postalCode: '98052' });
    expect(matchRelativePath(parse('{width}/{height}'), '/10/20')).toEqual({ width: '10', height: '20' });
    expect(matchRelativePath(parse('/city/{name}'), '/city/S%C3%A3o%20Paulo')).toEqual({ name: 'São Paulo' });
    expect(matchRelativePath(parse('/file/{name}'), '/file/a%2Fb')).toEqual({ name: 'a/b' });
  });

  it('matches literals case-insensitively and tolerates a trailing slash', () => {
    expect(matchRelativePath(parse('boom/{bang}/pow/{whack}'), '/BOOM/1/Pow/2/')).toEqual({ bang: '1', whack: '2' });
  });

  it('matches segments that mix text and parameters', () => {
    expect(matchRelativePath(parse('/files/{name}.{ext}'), '/files/report.final.pdf')).toEqual({ name: 'report', ext: 'final.pdf' });
    expect(matchRelativePath(parse('/files/{name}.{ext}'), '/files/report')).toBeNull();
  });

  it('returns null when the path does not match', () => {
    const template = parse('/address/{postalCode}');
    expect(matchRelativePath(template, '/address')).toBeNull();
    expect(matchRelativePath(template, '/address/1/2')).toBeNull();
    expect(matchRelativePath(template, '/street/1')).toBeNull();
    expect(matchRelativePath(template, '/address/%E0%A4%A')).toBeNull();
    expect(matchRelativePath(template, '/address//')).toBeNull();
  });

  it('an empty template matches only an empty path', () => {
    expect(matchRelativePath(parse(''), '')).toEqual({});
    expect(matchRelativePath(parse('/'), '/')).toEqual({});
    expect(matchRelativePath(parse(''), '/x')).toBeNull();
  });

  it('explains why a template is invalid', () => {
    const result = parseRelativePathTemplate('/a/{x}/{x}');
    expect('error' in result && result.error.message).toContain("parameter '{x}' appears twice");
    const catchAll = parseRelativePathTemplate('/a/{*rest}');
    expect('error' in catchAll && catchAll.error.message).toContain('catch-all');
  });
});

describe('action tree', () => {
  const definition: WorkflowDefinition = {
    triggers: { manual: { type: 'Request', kind: 'Http' } },
    actions: {
      Check: {
        type: 'If',
        expression: true,
        actions: { Yes: { type: 'Response' } },
        else: { actions: { No: { type: 'Compose' } } },
      },
      Pick: {
        type: 'Switch',
        cases: { 'a/b': { case: 'x', actions: { InCase: { type: 'Compose' } } } },
        default: { actions: { InDefault: { type: 'Compose' } } },
        runAfter: { Check: ['Succeeded'] },
      },
      Loop: { type: 'Foreach', foreach: '@x', actions: { Body: { type: 'Scope', actions: { Deep: { type: 'Compose' } } } } },
    },
  };

  it('lists every action with its parent, ancestors, loop flag and JSON pointer', () => {
    const listed = listActions(definition).map((a) => [a.name, a.parent ?? '', a.ancestors.join('>'), a.insideLoop, a.pointer]);
    expect(listed).toEqual([
      ['Check', '', '', false, '/definition/actions/Check'],
      ['Yes', 'Check', 'Check', false, '/definition/actions/Check/actions/Yes'],
      ['No', 'Check', 'Check', false, '/definition/actions/Check/else/actions/No'],
      ['Pick', '', '', false, '/definition/actions/Pick'],
      ['InCase', 'Pick', 'Pick', false, '/definition/actions/Pick/cases/a~1b/actions/InCase'],
      ['InDefault', 'Pick', 'Pick', false, '/definition/actions/Pick/default/actions/InDefault'],
      ['Loop', '', '', false, '/definition/actions/Loop'],
      ['Body', 'Loop', 'Loop', true, '/definition/actions/Loop/actions/Body'],
      ['Deep', 'Body', 'Loop>Body', true, '/definition/actions/Loop/actions/Body/actions/Deep'],
    ]);
  });

  it('lists scopes with their branch', () => {
    expect(listScopes(definition).map((s) => `${s.parent ?? 'root'}:${s.branch ?? ''}:${s.caseName ?? ''}`)).toEqual([
      'root::',
      'Check:actions:',
      'Check:else:',
      'Pick:case:a/b',
      'Pick:default:',
      'Loop:actions:',
      'Body:actions:',
    ]);
  });

  it('finds the one Request trigger, case-insensitively', () => {
    expect(findRequestTrigger(definition)?.name).toBe('manual');
    expect(findRequestTrigger({ triggers: { t: { type: 'REQUEST' } } })?.name).toBe('t');
    expect(findRequestTrigger({ triggers: { t: { type: 'Recurrence' } } })).toBeUndefined();
    expect(findRequestTrigger({ triggers: { a: { type: 'Request' }, b: { type: 'Request' } } })).toBeUndefined();
    expect(findRequestTrigger({})).toBeUndefined();
  });
});

describe('JSON pointers', () => {
  it('escapes ~ and / and round-trips', () => {
    const pointer = toPointer(['definition', 'a/b', 'c~d', 0]);
    expect(pointer).toBe('/definition/a~1b/c~0d/0');
    expect(fromPointer(pointer)).toEqual(['definition', 'a/b', 'c~d', '0']);
    expect(fromPointer('')).toEqual([]);
  });
});
