import { createScanner } from 'jsonc-parser';
import { insertToken } from '../../src-shared/workflow/dynamic-content.ts';

// jsonc-parser's SyntaxKind is a const enum, which isolated modules cannot read: its values.
const STRING_LITERAL = 10;
const EOF = 17;

/**
 * Inserts a dynamic-content expression into JSON text (the Response body editor) at the
 * selection `[from, to)`: inside a string literal it follows the field rules of
 * `insertToken` (`"@expr"` when the string is empty, `@{expr}` inside text); elsewhere it
 * adds the string value `"@expr"`. Returns the new text and where the caret goes.
 */
export function insertTokenInJson(text: string, expression: string, from: number, to = from): { text: string; cursor: number } {
  if (text.trim() === '') {
    const value = JSON.stringify(`@${expression}`);
    return { text: value, cursor: value.length };
  }
  const scanner = createScanner(text, false);
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    const start = scanner.getTokenOffset();
    const end = start + scanner.getTokenLength();
    if (kind !== STRING_LITERAL || from <= start || from >= end) continue;
    const literal = text.slice(start, end);
    const value = scanner.getTokenValue();
    // Offsets map 1:1 onto the value only when the literal has no escapes; otherwise add at its end.
    const exact = JSON.stringify(value) === literal;
    const inner = exact ? Math.min(from - start - 1, value.length) : value.length;
    const innerTo = exact ? Math.max(inner, Math.min(to - start - 1, value.length)) : inner;
    const result = insertToken(value, expression, inner, innerTo);
    const encoded = JSON.stringify(result.text);
    const caret = exact ? start + 1 + result.cursor : start + encoded.length - 1;
    return { text: text.slice(0, start) + encoded + text.slice(end), cursor: caret };
  }
  const piece = JSON.stringify(`@${expression}`);
  return { text: text.slice(0, from) + piece + text.slice(to), cursor: from + piece.length };
}
