import { ExpressionError } from './errors.ts';
import type { ExpressionErrorCode } from './errors.ts';

/**
 * The part of a template being parsed: the whole text, and the range of one expression in
 * it (after `@`, or between `@{` and `}`), used to quote the expression in messages.
 */
export interface Segment {
  text: string;
  start: number;
  end: number;
}

/**
 * Builds a syntax error in Azure's wording ("The template language expression '...' is
 * not valid: ...") with the character position (1-based, in the whole string) so a message
 * read without its caret still says where.
 */
export function syntaxError(
  code: ExpressionErrorCode,
  detail: string,
  seg: Segment,
  start: number,
  end: number,
): ExpressionError {
  const source = seg.text.slice(seg.start, seg.end);
  return new ExpressionError(
    code,
    `The template language expression '${source}' is not valid: ${detail} (at character ${start + 1}).`,
    seg.text,
    start,
    end,
  );
}
