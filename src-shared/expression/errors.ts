import { CodedError } from '../coded-error.ts';

/**
 * Every error code the expression language can report. Syntax codes come from the lexer
 * and parser (and `diagnose()`), the others from evaluation.
 */
export type ExpressionErrorCode =
  | 'ExpressionTooLong'
  | 'ExpressionTooDeep'
  | 'EmptyExpression'
  | 'UnexpectedCharacter'
  | 'DoubleQuotedString'
  | 'UnterminatedString'
  | 'UnterminatedInterpolation'
  | 'InvalidNumber'
  | 'UnexpectedToken'
  | 'UnknownFunction'
  | 'UnsupportedFunction'
  | 'WrongArgumentCount'
  | 'PropertyNotFound'
  | 'PropertySelectionNotSupported'
  | 'IndexOutOfRange'
  | 'ActionNotFound'
  | 'ParameterNotFound'
  | 'AppSettingNotFound'
  | 'VariableNotFound'
  | 'NotAvailable'
  | 'InvalidArgument'
  | 'DivideByZero'
  | 'Overflow'
  | 'InvalidJson'
  | 'InvalidConversion'
  | 'InternalError';

/**
 * An error a user meets in an expression: a stable code, a plain message, and the
 * character range [start, end) inside `expression` (the whole JSON string value the
 * expression came from). `pointer` is the RFC 6901 JSON pointer of that string when it
 * was found by `evaluateValue` inside a larger value ('' otherwise).
 */
export class ExpressionError extends CodedError<ExpressionErrorCode> {
  readonly expression: string;
  readonly start: number;
  readonly end: number;
  pointer: string;

  constructor(code: ExpressionErrorCode, message: string, expression: string, start: number, end: number) {
    super(code, message);
    this.expression = expression;
    this.start = Math.max(0, Math.min(start, expression.length));
    this.end = Math.max(this.start, Math.min(end, expression.length));
    this.pointer = '';
  }

  /** The line of the expression holding the error, and under it a `^` line marking the range. */
  caret(): string {
    return caretLines(this.expression, this.start, this.end);
  }
}

/** Longest line `caret()` prints whole; longer lines are cut to a window around the error. */
const CARET_WINDOW = 100;

/**
 * Renders `text` (only the line containing `start`) with `^` under [start, end).
 * Long lines (expressions reach 8,192 characters) are cut to a window with `…` marks so
 * the caret stays readable in a terminal.
 */
export function caretLines(text: string, start: number, end: number): string {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', start);
  if (lineEnd === -1) lineEnd = text.length;
  let line = text.slice(lineStart, lineEnd).replace(/\t|\r/g, ' ');
  let col = start - lineStart;
  let width = Math.max(1, Math.min(end, lineEnd) - start);
  if (line.length > CARET_WINDOW) {
    const from = Math.max(0, Math.min(col - 40, line.length - CARET_WINDOW));
    const to = Math.min(line.length, from + CARET_WINDOW);
    const prefix = from > 0 ? '…' : '';
    line = prefix + line.slice(from, to) + (to < line.length ? '…' : '');
    col = col - from + prefix.length;
    width = Math.min(width, to - (start - lineStart));
  }
  return `${line}\n${' '.repeat(col)}${'^'.repeat(Math.max(1, width))}`;
}
