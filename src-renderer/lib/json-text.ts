import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { readJsonText } from '../../src-shared/workflow/json-text.ts';

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

/**
 * Reads an editor's JSON text with the core's rule (readJsonText: strict JSON, the same
 * plain-words reasons, the same nesting limit) and places the first error for the editor.
 */
export function parseJsonText(text: string): JsonParseResult {
  if (text.trim() === '') {
    return { ok: false, error: { message: 'The text is empty: a JSON value was expected.', from: 0, to: 0, line: 1, column: 1 } };
  }
  const read = readJsonText(text);
  if (read.ok) return { ok: true, value: read.value };
  const { reason, offset, length, line, column } = read.error;
  // Offsets count from after a byte-order mark, which readJsonText ignores.
  const from = offset + (text.charCodeAt(0) === 0xfeff ? 1 : 0);
  return { ok: false, error: { message: `Invalid JSON at line ${line}, column ${column}: ${reason}.`, from, to: from + Math.max(length, 1), line, column } };
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
