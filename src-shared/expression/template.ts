import type { ExpressionNode } from './ast.ts';
import { ExpressionError } from './errors.ts';
import { EXPRESSION_LIMITS } from './limits.ts';
import { parseExpression } from './parser.ts';
import { syntaxError } from './syntax-error.ts';
import type { Segment } from './syntax-error.ts';
import { validateNode } from './validate.ts';

/**
 * One expression inside a template: its range, and either its AST or the syntax error it
 * has. `problems` lists unknown functions and wrong argument counts found in the AST.
 */
export interface ExpressionPart {
  start: number;
  end: number;
  node?: ExpressionNode;
  error?: ExpressionError;
  problems?: ExpressionError[];
}

/**
 * A JSON string value, classified the Logic Apps way:
 * - `text`: no expression (or escaped with a leading `@@`); `value` is what it evaluates to;
 * - `expression`: the whole string is `@expr` and evaluates to expr's JSON value;
 * - `interpolation`: text with `@{expr}` parts; always evaluates to a string.
 */
export type Template =
  | { kind: 'text'; text: string; value: string }
  | { kind: 'expression'; text: string; part: ExpressionPart }
  | { kind: 'interpolation'; text: string; parts: Array<string | ExpressionPart> };

/**
 * Classifies and parses `text`. Rules (observed on Azure, see docs/expression.md):
 * `@@` at the start escapes the whole string (one `@` removed, nothing evaluated); `@` then
 * anything but `{` makes the whole string one expression; otherwise each `@{...}` is
 * interpolated (`@@{` inside text gives a literal `@{`); a lone `@` or an `@` elsewhere is text.
 * Syntax errors are recorded per part rather than thrown, so `diagnose()` can report them all.
 */
export function parseTemplate(text: string): Template {
  const cached = cache.get(text);
  if (cached) return cached;
  const template = classify(text);
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(text, template);
  return template;
}

// Workflows evaluate the same strings on every run; parsing each once keeps runs cheap.
const CACHE_SIZE = 2000;
const cache = new Map<string, Template>();

function classify(text: string): Template {
  if (text.startsWith('@@')) return { kind: 'text', text, value: text.slice(1) };
  if (text.length > 1 && text[0] === '@' && text[1] !== '{') {
    const tooLong = lengthError(text);
    if (tooLong) return { kind: 'expression', text, part: { start: 1, end: text.length, error: tooLong } };
    return { kind: 'expression', text, part: parsePart({ text, start: 1, end: text.length }) };
  }
  if (!text.includes('@{')) return { kind: 'text', text, value: text };
  return splitInterpolation(text);
}

function lengthError(text: string): ExpressionError | undefined {
  if (text.length <= EXPRESSION_LIMITS.maxLength) return undefined;
  return new ExpressionError(
    'ExpressionTooLong',
    `The template language expression is ${text.length} characters long, more than the limit of ${EXPRESSION_LIMITS.maxLength}; split it into several actions (for example Compose).`,
    text,
    EXPRESSION_LIMITS.maxLength,
    text.length,
  );
}

function parsePart(seg: Segment): ExpressionPart {
  try {
    const node = parseExpression(seg);
    return { start: seg.start, end: seg.end, node, problems: validateNode(node, seg) };
  } catch (error) {
    if (error instanceof ExpressionError) return { start: seg.start, end: seg.end, error };
    throw error;
  }
}

function splitInterpolation(text: string): Template {
  const parts: Array<string | ExpressionPart> = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('@{', i);
    if (at === -1) {
      literal += text.slice(i);
      break;
    }
    if (at > 0 && text[at - 1] === '@') {
      // '@@{' in text is an escaped '@{': keep one '@' and the brace, evaluate nothing.
      literal += text.slice(i, at) + '{';
      i = at + 2;
      continue;
    }
    literal += text.slice(i, at);
    if (literal) parts.push(literal);
    literal = '';
    const close = findClose(text, at + 2);
    if (close === -1) {
      const seg = { text, start: at + 2, end: text.length };
      parts.push({
        start: seg.start,
        end: seg.end,
        error: syntaxError(
          'UnterminatedInterpolation',
          `the '@{' that starts here has no closing '}'`,
          seg,
          at,
          at + 2,
        ),
      });
      i = text.length;
      break;
    }
    parts.push(parsePart({ text, start: at + 2, end: close }));
    i = close + 1;
  }
  if (literal) parts.push(literal);
  const tooLong = lengthError(text);
  if (tooLong) return { kind: 'interpolation', text, parts: [{ start: 0, end: text.length, error: tooLong }] };
  return { kind: 'interpolation', text, parts };
}

/** Index of the `}` closing an interpolation, skipping braces inside single-quoted strings. */
function findClose(text: string, from: number): number {
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") quoted = !quoted;
    else if (ch === '}' && !quoted) return i;
  }
  return -1;
}

/**
 * True when evaluating `text` runs at least one expression: it starts with a single `@`
 * (and is more than `@`), or holds an unescaped `@{`. `@@...` strings are escapes: they
 * are changed by evaluation (one `@` dropped) but run nothing.
 */
export function isExpression(text: string): boolean {
  if (text.startsWith('@@')) return false;
  if (text.length > 1 && text[0] === '@') return true;
  let at = text.indexOf('@{');
  while (at !== -1) {
    if (at === 0 || text[at - 1] !== '@') return true;
    at = text.indexOf('@{', at + 2);
  }
  return false;
}
