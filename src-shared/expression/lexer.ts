import { syntaxError } from './syntax-error.ts';
import type { Segment } from './syntax-error.ts';

/** Kinds of token in an expression. */
export type TokenKind =
  | '('
  | ')'
  | '['
  | ']'
  | ','
  | '.'
  | '?'
  | 'string'
  | 'number'
  | 'identifier'
  | 'end';

/** One token with its range in the whole template text. */
export interface Token {
  kind: TokenKind;
  /** Identifier text, or the decoded value of a string literal, or the number's source text. */
  text: string;
  start: number;
  end: number;
  /** For numbers: the value and whether it is a float literal. */
  value?: number;
  isFloat?: boolean;
}

const PUNCTUATION = new Set(['(', ')', '[', ']', ',', '.', '?']);
const IDENTIFIER_START = /[\p{L}_$]/u;
// Identifiers may hold '-' (as in the designer's scanner): member names such as `.x-ms-id`.
const IDENTIFIER_PART = /[\p{L}\p{N}_$-]/u;
const WHITESPACE = /\s/;
const DIGIT = /[0-9]/;
// .NET parses integer literals as Int64 and rejects larger ones.
const INT64_MAX = 9223372036854775807n;

/**
 * Splits the expression `seg` into tokens. Rules follow Logic Apps: single-quoted strings
 * with `''` for a quote, numbers with an optional sign, fraction and exponent (`+.5`,
 * `1.`, `3e1`), identifiers for function names, `true`/`false`/`null` and member names.
 * Throws an ExpressionError on the first bad character.
 */
export function tokenize(seg: Segment): Token[] {
  const { text, end } = seg;
  const tokens: Token[] = [];
  let i = seg.start;
  while (i < end) {
    const ch = text[i]!;
    if (WHITESPACE.test(ch)) {
      i++;
    } else if (ch === '.' && DIGIT.test(text[i + 1] ?? '') && startsValue(tokens[tokens.length - 1])) {
      // '.3' where a value starts is a number (the reference's sub(10.3, .3)), not member access.
      i = readNumber(seg, i, tokens);
    } else if (PUNCTUATION.has(ch)) {
      tokens.push({ kind: ch as TokenKind, text: ch, start: i, end: i + 1 });
      i++;
    } else if (ch === "'") {
      i = readString(seg, i, tokens);
    } else if (ch === '"') {
      const close = text.indexOf('"', i + 1);
      const stop = close === -1 || close >= end ? i + 1 : close + 1;
      throw syntaxError(
        'DoubleQuotedString',
        `double quotes do not make a string here; write string literals in single quotes, such as 'text', and write '' for a quote inside one`,
        seg,
        i,
        stop,
      );
    } else if (ch === '+' || ch === '-' || DIGIT.test(ch)) {
      i = readNumber(seg, i, tokens);
    } else if (IDENTIFIER_START.test(ch)) {
      const start = i;
      while (i < end && IDENTIFIER_PART.test(text[i]!)) i++;
      tokens.push({ kind: 'identifier', text: text.slice(start, i), start, end: i });
    } else {
      throw syntaxError(
        'UnexpectedCharacter',
        `the character '${ch}' is not expected; expressions are function calls such as concat('a', 'b'), literals, and member access such as body('X')?['name']`,
        seg,
        i,
        i + 1,
      );
    }
  }
  tokens.push({ kind: 'end', text: '', start: end, end });
  return tokens;
}

/** True when a value may start after `previous` (nothing yet, '(', ',' or '['). */
function startsValue(previous: Token | undefined): boolean {
  return previous === undefined || previous.kind === '(' || previous.kind === ',' || previous.kind === '[';
}

function readString(seg: Segment, start: number, tokens: Token[]): number {
  const { text, end } = seg;
  let value = '';
  let i = start + 1;
  for (;;) {
    if (i >= end) {
      throw syntaxError(
        'UnterminatedString',
        `the string literal that starts here is not closed; end it with a single quote (and write '' for a quote inside it)`,
        seg,
        start,
        end,
      );
    }
    const ch = text[i]!;
    if (ch === "'") {
      if (text[i + 1] === "'" && i + 1 < end) {
        value += "'";
        i += 2;
        continue;
      }
      tokens.push({ kind: 'string', text: value, start, end: i + 1 });
      return i + 1;
    }
    value += ch;
    i++;
  }
}

function readNumber(seg: Segment, start: number, tokens: Token[]): number {
  const { text, end } = seg;
  let i = start;
  if (text[i] === '+' || text[i] === '-') i++;
  const digitsFrom = i;
  while (i < end && DIGIT.test(text[i]!)) i++;
  let digits = i - digitsFrom;
  let isFloat = false;
  if (text[i] === '.' && i < end && (digits > 0 || DIGIT.test(text[i + 1] ?? ''))) {
    isFloat = true;
    i++;
    const fractionFrom = i;
    while (i < end && DIGIT.test(text[i]!)) i++;
    digits += i - fractionFrom;
  }
  if (digits === 0) {
    throw syntaxError(
      'InvalidNumber',
      `a sign must be followed by a number, such as -1 or +2.5`,
      seg,
      start,
      Math.min(end, i + 1),
    );
  }
  if ((text[i] === 'e' || text[i] === 'E') && i < end) {
    isFloat = true;
    i++;
    if ((text[i] === '+' || text[i] === '-') && i < end) i++;
    const expFrom = i;
    while (i < end && DIGIT.test(text[i]!)) i++;
    if (i === expFrom) {
      throw syntaxError('InvalidNumber', `the exponent of this number has no digits, such as 1e3`, seg, start, i);
    }
  }
  if (i < end && IDENTIFIER_PART.test(text[i]!)) {
    throw syntaxError(
      'InvalidNumber',
      `the number '${text.slice(start, i)}' runs into '${text[i]}'; separate it with a comma or a parenthesis`,
      seg,
      start,
      i + 1,
    );
  }
  const source = text.slice(start, i);
  let value: number;
  if (isFloat) {
    value = Number(source.endsWith('.') ? source.slice(0, -1) : source);
  } else {
    const big = BigInt(source.startsWith('+') ? source.slice(1) : source);
    if (big > INT64_MAX || big < -INT64_MAX - 1n) {
      throw syntaxError(
        'InvalidNumber',
        `the integer '${source}' is outside the 64-bit integer range; write it as a float (with a '.') or as a string`,
        seg,
        start,
        i,
      );
    }
    value = Number(big);
  }
  tokens.push({ kind: 'number', text: source, start, end: i, value, isFloat });
  return i;
}
