import { describe, expect, it } from 'vitest';
import { evaluateTemplate, isExpression } from '../../src-shared/expression/index.ts';
import { ev, evError, makeContext, triggerWith } from './helpers.ts';

describe('templates: which strings are expressions', () => {
  it('a string starting with @ keeps the JSON type of its value', () => {
    const state = { parameters: { age: 42, tags: ['a'], flag: true, none: null, obj: { x: 1 } } };
    expect(ev("@parameters('age')", state)).toBe(42);
    expect(ev("@parameters('tags')", state)).toEqual(['a']);
    expect(ev("@parameters('flag')", state)).toBe(true);
    expect(ev("@parameters('none')", state)).toBeNull();
    expect(ev("@parameters('obj')", state)).toEqual({ x: 1 });
  });

  it('@{...} interpolates and always gives a string', () => {
    const state = { parameters: { age: 42, obj: { x: [1, 'two'] }, none: null, yes: true, no: false } };
    expect(ev("Age: @{parameters('age')}", state)).toBe('Age: 42');
    expect(ev("@{parameters('age')}", state)).toBe('42');
    expect(ev("obj=@{parameters('obj')}", state)).toBe('obj={"x":[1,"two"]}');
    expect(ev("[@{parameters('none')}]", state)).toBe('[]');
    expect(ev("@{parameters('yes')}/@{parameters('no')}", state)).toBe('True/False');
    expect(ev("@{'h'}@{'e'}@{'l'}@{'l'}@{'o'}")).toBe('hello');
  });

  it('@@ at the start escapes one @ and evaluates nothing after it', () => {
    expect(ev('@@twitter')).toBe('@twitter');
    expect(ev("@@{still text}@{'x'}")).toBe("@{still text}@{'x'}");
  });

  it('@@{ inside text is a literal @{', () => {
    expect(ev("testing @@{'blah'} @{'thing'}")).toBe("testing @{'blah'} thing");
  });

  it('an @ that does not lead, and a lone @, are text', () => {
    expect(ev('mail me at someone@example.com')).toBe('mail me at someone@example.com');
    expect(ev('@')).toBe('@');
    expect(ev(' @,,}')).toBe(' @,,}');
    expect(ev('plain')).toBe('plain');
    expect(ev('')).toBe('');
  });

  it('a } inside a quoted string does not close the interpolation', () => {
    expect(ev("@{concat('{', '}')}!")).toBe('{}!');
  });

  it('an unclosed @{ is an error pointing at it', () => {
    const error = evError("Hello @{triggerBody()?['name']");
    expect(error.code).toBe('UnterminatedInterpolation');
    expect(error.start).toBe(6);
    expect(error.caret()).toBe("Hello @{triggerBody()?['name']\n      ^^");
  });

  it('an empty @{} is an error', () => {
    expect(evError('a @{} b').code).toBe('EmptyExpression');
    expect(evError('a @{  } b').message).toContain('empty');
  });

  it('interpolation checks every part before it runs any', () => {
    // The first part would fail at run time; the unknown function in the second is reported.
    const error = evError("@{body('Missing')} @{nope()}");
    expect(error.code).toBe('UnknownFunction');
  });

  it('isExpression tells evaluated strings from text', () => {
    expect(isExpression("@triggerBody()")).toBe(true);
    expect(isExpression('Hi @{x()}')).toBe(true);
    expect(isExpression('@{x()}')).toBe(true);
    expect(isExpression('@@escaped')).toBe(false);
    expect(isExpression('a @@{x} b')).toBe(false);
    expect(isExpression('a@b.c')).toBe(false);
    expect(isExpression('@')).toBe(false);
    expect(isExpression('[parameters(\'x\')]')).toBe(false);
  });

  it('evaluates the same template against different runs (parse cache does not leak values)', () => {
    const text = "@triggerBody()?['n']";
    expect(evaluateTemplate(text, makeContext({ trigger: triggerWith({ n: 1 }) }))).toBe(1);
    expect(evaluateTemplate(text, makeContext({ trigger: triggerWith({ n: 2 }) }))).toBe(2);
  });
});
