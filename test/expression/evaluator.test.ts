import { MICROSOFT_FUNCTIONS, diagnose, lookupFunction } from '../../src-shared/expression/index.ts';
import { describe, expect, it } from 'vitest';
import { ev, evError, pointed, triggerWith } from './helpers.ts';

const body = {
  name: 'Ada',
  address: { country: 'UK', lines: ['1 Road', 'Town'] },
  nothing: null,
  Mixed: 1,
  mixed: 2,
  CaseOnly: 'c',
};
const state = { trigger: triggerWith(body, { 'Content-Type': 'application/json', 'x-api-key': 'k1' }) };

describe('member access', () => {
  it('reads with .name, [\'name\'] and [index]', () => {
    expect(ev("@triggerBody()['name']", state)).toBe('Ada');
    expect(ev('@triggerBody().address.country', state)).toBe('UK');
    expect(ev("@triggerBody()['address']['lines'][1]", state)).toBe('Town');
  });

  it('null-safe forms give null for a missing property or a null value', () => {
    expect(ev("@triggerBody()?['missing']", state)).toBeNull();
    expect(ev("@triggerBody()?['missing']?['deeper']", state)).toBeNull();
    expect(ev("@triggerBody()?['nothing']?['x']", state)).toBeNull();
    expect(ev('@triggerBody()?.missing?.deeper', state)).toBeNull();
    expect(ev("@triggerOutputs()?.headers?['x-api-key']", state)).toBe('k1');
    expect(ev("@triggerBody()?['address']?['lines']?[5]", state)).toBeNull();
  });

  it('a missing property without ? is an error listing the available properties (Azure wording)', () => {
    const error = evError("@triggerBody()['address']['zip']", state);
    expect(error.code).toBe('PropertyNotFound');
    expect(error.message).toContain(
      "The template language expression 'triggerBody()['address']['zip']' cannot be evaluated because property 'zip' doesn't exist, available properties are 'country, lines'.",
    );
    expect(pointed(error)).toBe("'zip']");
  });

  it('selecting from null without ? says which property and the type', () => {
    const error = evError("@triggerBody()?['missing']['deeper']", state);
    expect(error.code).toBe('PropertySelectionNotSupported');
    expect(error.message).toContain("property 'deeper' cannot be selected. Property selection is not supported on values of type 'Null'");
  });

  it('selecting from a string is an error even with ?', () => {
    expect(evError("@triggerBody()?['name']?['x']", state).message).toContain("values of type 'String'");
  });

  it('an array index outside the array is an error without ? (Azure wording)', () => {
    const error = evError("@triggerBody()['address']['lines'][2]", state);
    expect(error.code).toBe('IndexOutOfRange');
    expect(error.message).toContain("array index '2' is outside bounds (0 - 1) of array");
  });

  it('an array needs an integer index', () => {
    expect(evError("@triggerBody()['address']['lines']['first']", state).message).toContain(
      'Array elements can only be selected using an integer index',
    );
  });

  it('property names match ignoring case, an exact match first', () => {
    expect(ev("@triggerBody()['caseonly']", state)).toBe('c');
    expect(ev('@triggerBody().mixed', state)).toBe(2);
    expect(ev('@triggerBody().Mixed', state)).toBe(1);
    expect(ev("@triggerOutputs()['headers']['content-type']", state)).toBe('application/json');
  });

  it('function names match ignoring case', () => {
    expect(ev("@CONCAT('a', TOUPPER('b'))")).toBe('aB');
    expect(ev("@appSetting('K')", { appsettings: { K: 'v' } })).toBe('v');
    expect(ev("@appsetting('K')", { appsettings: { K: 'v' } })).toBe('v');
  });
});

describe('evaluation order and errors', () => {
  it('evaluates arguments left to right, so the first failing one is reported', () => {
    const error = evError("@concat(body('First'), body('Second'))");
    expect(error.code).toBe('ActionNotFound');
    expect(error.message).toContain("'First'");
  });

  it('if, and, or short-circuit as current Azure does, and still check what they evaluate', () => {
    expect(ev("@if(true, 'ok', body('Missing'))")).toBe('ok');
    expect(ev("@if(false, body('Missing'), 'else')")).toBe('else');
    expect(ev("@and(false, body('Missing'))")).toBe(false);
    expect(ev("@or(true, div(1, 0))")).toBe(true);
    expect(evError("@and(true, body('Missing'))").code).toBe('ActionNotFound');
    expect(evError("@or(false, div(1, 0))").code).toBe('DivideByZero');
    expect(evError("@if(true, body('Missing'), 'else')").code).toBe('ActionNotFound');
    expect(evError("@and(true, 'yes')").code).toBe('InvalidArgument');
  });

  it('an error points at the argument at fault', () => {
    const error = evError("@add(1, 'two')");
    expect(error.code).toBe('InvalidArgument');
    expect(pointed(error)).toBe("'two'");
    expect(error.message).toBe(
      "The template language function 'add' expects its second parameter to be an integer or a float, but the provided value is of type 'String'.",
    );
  });

  it('a wrong argument count is refused before anything runs', () => {
    const error = evError("@equals(body('Missing'))");
    expect(error.code).toBe('WrongArgumentCount');
    expect(error.message).toContain("'equals' expects exactly 2 arguments but was given 1");
  });

  it('an unknown function is UnknownFunction, and every function of Microsoft\'s reference is implemented', () => {
    expect(evError('@frobnicate()').code).toBe('UnknownFunction');
    const missing = MICROSOFT_FUNCTIONS.filter((name) => lookupFunction(name) === undefined);
    expect(missing).toEqual([]);
    for (const name of MICROSOFT_FUNCTIONS) {
      expect(diagnose(`@${name}()`).map((d) => d.code)).not.toContain('UnsupportedFunction');
    }
  });
});
