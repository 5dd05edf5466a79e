import { parse, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { findJsonDepthExcess } from '../json-depth.ts';
import type { Problem } from '../problems.ts';
import { fromPointer } from './json-pointer.ts';

/**
 * JSON text ↔ positions. `JSON.parse` reads the value (exact JSON semantics, fast);
 * jsonc-parser (Microsoft's scanner behind VS Code) is only used when something must be
 * located: the first syntax error, or the line/column of a JSON pointer.
 */

/** 1-based line and column of a UTF-16 offset. */
export interface TextPosition {
  line: number;
  column: number;
}

const ERROR_TEXT: Record<string, string> = {
  InvalidSymbol: 'an unexpected character',
  InvalidNumberFormat: 'a badly formed number',
  PropertyNameExpected: 'a property name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: "':' was expected after the property name",
  CommaExpected: "',' was expected between items (or a closing '}' or ']' is missing)",
  CloseBraceExpected: "'}' was expected to close the object",
  CloseBracketExpected: "']' was expected to close the array",
  EndOfFileExpected: 'text follows the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'a bad \\u escape',
  InvalidEscapeCharacter: 'a bad escape after \\',
  InvalidCharacter: 'a control character inside a string (write it as \\n, \\t or \\uXXXX)',
};

/** Removes a leading byte-order mark (Visual Studio saves workflow.json with one). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Converts offsets to 1-based line/column; build once per text, query many times. */
export function createPositionIndex(text: string): (offset: number) => TextPosition {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
}

/** Plain words for a jsonc-parser error, noticing the common trailing comma. */
function describeSyntaxError(text: string, error: ParseError): string {
  const name = printParseErrorCode(error.error);
  const before = text.slice(0, error.offset).trimEnd();
  const at = text[error.offset];
  if ((name === 'PropertyNameExpected' || name === 'ValueExpected') && before.endsWith(',') && (at === '}' || at === ']')) {
    return 'a trailing comma is not allowed in JSON';
  }
  if (name === 'ValueExpected' && error.offset >= text.length) return 'the file ends before the JSON value is complete';
  return ERROR_TEXT[name] ?? name;
}

/** Finds the first syntax error of text that `JSON.parse` refused. */
function locateSyntaxError(text: string, fallback: string): { offset: number; length: number; message: string } {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0) {
    const first = errors.reduce((a, b) => (b.offset < a.offset ? b : a));
    return { offset: first.offset, length: first.length, message: describeSyntaxError(text, first) };
  }
  // jsonc-parser accepts a few things JSON.parse does not; use V8's position then.
  const position = /position (\d+)/.exec(fallback);
  return { offset: position ? Number(position[1]) : 0, length: 0, message: fallback };
}

/** Why a JSON text cannot be read, in plain words, and where (offsets into the text after its BOM). */
export interface JsonTextError {
  code: 'InvalidJson' | 'JsonTooDeep';
  /** What is wrong, e.g. "a trailing comma is not allowed in JSON". */
  reason: string;
  offset: number;
  length: number;
  line: number;
  column: number;
  /** For JsonTooDeep: the nesting limit that was passed. */
  limit?: number;
}

/**
 * Reads JSON text the way every part of Triggerbench does (a leading BOM is ignored,
 * nesting is limited, docs/workspace.md "Limits"): the value, or the first error with
 * its place. The workspace loader and the console's editors word their messages from it.
 */
export function readJsonText(text: string): { ok: true; value: unknown } | { ok: false; error: JsonTextError } {
  const body = stripBom(text);
  const excess = findJsonDepthExcess(body);
  if (excess) {
    // Refused before parsing: the validators and the console walk the value recursively.
    const { line, column } = createPositionIndex(body)(excess.offset);
    return { ok: false, error: { code: 'JsonTooDeep', reason: `arrays and objects are nested more than ${excess.limit} levels deep`, offset: excess.offset, length: 1, line, column, limit: excess.limit } };
  }
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    const { offset, length, message } = locateSyntaxError(body, (error as Error).message);
    const { line, column } = createPositionIndex(body)(offset);
    return { ok: false, error: { code: 'InvalidJson', reason: message, offset, length, line, column } };
  }
}

/**
 * Parses a workspace file's JSON text. On an error returns one `InvalidJson` (or
 * `JsonTooDeep`) problem with the line and column of the first error.
 */
export function parseJsonFile(text: string, file: string, workflow?: string): { value?: unknown; problem?: Problem } {
  const read = readJsonText(text);
  if (read.ok) return { value: read.value };
  const { code, line, column, reason, limit } = read.error;
  const message =
    code === 'JsonTooDeep'
      ? `${file} nests arrays and objects more than ${limit} levels deep (line ${line}, column ${column}); at most ${limit} are accepted (docs/workspace.md, Limits). Flatten the file and save it again; other files keep working.`
      : `${file} is not valid JSON: ${reason} at line ${line}, column ${column}. Fix the file and save it again; other files keep working.`;
  const problem: Problem = { code, severity: 'error', message, file, pointer: '', line, column };
  if (workflow !== undefined) problem.workflow = workflow;
  return { problem };
}

/**
 * Adds line and column to problems that have a JSON pointer but no position. A pointer
 * to a property points at its key; a pointer that does not exist (a missing key)
 * falls back to its nearest existing parent.
 */
export function locateProblems(text: string, problems: Problem[]): Problem[] {
  if (!problems.some((p) => p.line === undefined)) return problems;
  const body = stripBom(text);
  const root = parseTree(body, [], { disallowComments: true });
  if (!root) return problems;
  const position = createPositionIndex(body);
  return problems.map((problem) => {
    if (problem.line !== undefined) return problem;
    const node = findNearest(root, fromPointer(problem.pointer));
    const anchor = node.parent?.type === 'property' && node.parent.children?.[1] === node ? node.parent : node;
    return { ...problem, ...position(anchor.offset) };
  });
}

/** Walks the tree by pointer segments; stops at the deepest node that exists. */
function findNearest(root: Node, segments: string[]): Node {
  let node = root;
  for (const segment of segments) {
    let next: Node | undefined;
    if (node.type === 'object') {
      // The last property of a name wins, as in JSON.parse.
      const property = node.children?.filter((p) => p.children?.[0]?.value === segment).at(-1);
      next = property?.children?.[1];
    } else if (node.type === 'array' && /^\d+$/.test(segment)) {
      next = node.children?.[Number(segment)];
    }
    if (!next) break;
    node = next;
  }
  return node;
}
