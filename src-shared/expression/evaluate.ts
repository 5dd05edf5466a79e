import type { ExpressionContext } from './context.ts';
import { ExpressionError } from './errors.ts';
import { evaluateNode } from './evaluator.ts';
import { unbox } from './float-value.ts';
import { parseTemplate } from './template.ts';
import type { ExpressionPart } from './template.ts';
import { isPlainObject, toText } from './values.ts';

function run(part: ExpressionPart, text: string, ctx: ExpressionContext): unknown {
  const problem = part.error ?? part.problems?.[0];
  // Parsed templates are cached and shared, so hand out a fresh error each time.
  if (problem) throw copyError(problem);
  return evaluateNode(part.node!, ctx, { text, start: part.start, end: part.end });
}

function copyError(error: ExpressionError, pointer = error.pointer): ExpressionError {
  const copy = new ExpressionError(error.code, error.message, error.expression, error.start, error.end);
  copy.pointer = pointer;
  return copy;
}

/**
 * Evaluates one JSON string value: `@expr` gives expr's JSON value (a number stays a
 * number), text with `@{...}` gives a string, `@@...` gives the text with one `@` less,
 * anything else is returned unchanged. Throws an ExpressionError on syntax errors,
 * unknown functions, wrong argument counts and evaluation errors.
 */
export function evaluateTemplate(text: string, ctx: ExpressionContext): unknown {
  const template = parseTemplate(text);
  switch (template.kind) {
    case 'text':
      return template.value;
    case 'expression': {
      const value = unbox(run(template.part, text, ctx));
      return value === undefined ? null : value;
    }
    case 'interpolation': {
      // Check the whole string before running any part, as Azure validates before it runs.
      for (const part of template.parts) {
        if (typeof part !== 'string' && (part.error || part.problems?.length)) run(part, text, ctx);
      }
      return template.parts.map((part) => (typeof part === 'string' ? part : toText(run(part, text, ctx)))).join('');
    }
  }
}

/** Escapes one JSON pointer segment (RFC 6901). */
function pointerSegment(key: string | number): string {
  return `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/**
 * Deep-walks a JSON value and evaluates every expression string in it, including object
 * keys that are expressions (their results become text). Non-strings pass through; the
 * input is never changed. An error carries the JSON pointer of the string that failed.
 */
export function evaluateValue(value: unknown, ctx: ExpressionContext): unknown {
  return walk(value, ctx);
}

/**
 * The pointer is built only when something fails: each level puts its own segment in
 * front of the error's pointer on the way out. Building it for every key of every value
 * (two regex replaces each) was most of the walk's cost on the call path, where nothing
 * fails (docs/benchmarks.md).
 */
function within(error: unknown, key: string | number): unknown {
  if (error instanceof ExpressionError) error.pointer = pointerSegment(key) + error.pointer;
  return error;
}

function walk(value: unknown, ctx: ExpressionContext): unknown {
  if (typeof value === 'string') {
    try {
      return evaluateTemplate(value, ctx);
    } catch (error) {
      // A fresh error (the parsed template's is shared) whose pointer the levels above extend.
      if (error instanceof ExpressionError) throw copyError(error, '');
      throw error;
    }
  }
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      try {
        out[i] = walk(value[i], ctx);
      } catch (error) {
        throw within(error, i);
      }
    }
    return out;
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      try {
        const name = walk(key, ctx);
        out[typeof name === 'string' ? name : toText(name)] = walk(value[key], ctx);
      } catch (error) {
        throw within(error, key);
      }
    }
    return out;
  }
  return value;
}
