import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';

/** Where a problem sits in a JSON text: offsets for the editor, line/column for people. */
export interface TextRange {
  from: number;
  to: number;
  line: number;
  column: number;
}

/** A JSON syntax error with its place in the text. */
export interface JsonSyntaxError extends TextRange {
  message: string;
}

/** The result of reading a JSON text: the value, or the first syntax error. */
export type JsonParseResult = { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError };

const PLAIN: Record<string, string> = {
  InvalidSymbol: 'an unexpected character',
  InvalidNumberFormat: 'a badly written number',
  PropertyNameExpected: 'a property name was expected (in double quotes)',
  ValueExpected: 'a value was expected',
  ColonExpected: "a ':' was expected",
  CommaExpected: "a ',' was expected",
  CloseBraceExpected: "a '}' was expected",
  CloseBracketExpected: "a ']' was expected",
  EndOfFileExpected: 'the text goes on after the JSON value ends',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'a string is not closed (missing ")',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'a bad \\u escape',
  InvalidEscapeCharacter: 'a bad escape sequence',
  InvalidCharacter: 'a control character inside a string',
};

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Parses strict JSON (no comments, no trailing commas) and places the first error. */
export function parseJsonText(text: string): JsonParseResult {
  if (text.trim() === '') {
    return { ok: false, error: { message: 'The text is empty: a JSON value was expected.', from: 0, to: 0, line: 1, column: 1 } };
  }
  const errors: ParseError[] = [];
  const value = parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first) {
    const code = printParseErrorCode(first.error);
    const where = lineColumn(text, first.offset);
    return {
      ok: false,
      error: {
        message: `Invalid JSON at line ${where.line}, column ${where.column}: ${PLAIN[code] ?? code}.`,
        from: first.offset,
        to: first.offset + Math.max(first.length, 1),
        ...where,
      },
    };
  }
  return { ok: true, value };
}

/** Splits an RFC 6901 pointer into segments. */
function segments(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * The text range of the value a JSON pointer names, falling back to the nearest
 * existing parent (a missing property is reported on the object that lacks it).
 */
export function locatePointer(text: string, pointer: string, target: 'name' | 'value' = 'name'): TextRange | undefined {
  const root = parseTree(text);
  if (!root) return undefined;
  const path = segments(pointer);
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, path.slice(0, n));
    if (node) {
      // Point at the property name when there is one: easier to spot than a big value.
      const named = n === path.length && target === 'value' ? node : node.parent?.type === 'property' && node.parent.children?.[0] ? node.parent.children[0] : node;
      return { from: named.offset, to: named.offset + named.length, ...lineColumn(text, named.offset) };
    }
  }
  return undefined;
}

/** Pretty JSON the way workflow files are written (two spaces). */
export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
