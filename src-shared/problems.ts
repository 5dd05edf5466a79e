/** Severity of a problem found in a workspace file. */
export type ProblemSeverity = 'error' | 'warning';

/**
 * A problem a user can meet in a workspace file: what (code, message), where (file,
 * JSON pointer, and line/column when known), and it never stops other files loading.
 */
export interface Problem {
  /** Stable machine-readable code, e.g. `InvalidRunAfter`. */
  code: string;
  severity: ProblemSeverity;
  /** Plain-words message that says what is wrong and how to fix it. */
  message: string;
  /** Path of the file relative to the workspace root, with forward slashes. */
  file: string;
  /** RFC 6901 JSON pointer inside the file ('' for the whole document). */
  pointer: string;
  /** 1-based line and column, when the problem is a parse error or the pointer was located. */
  line?: number;
  column?: number;
  /** Workflow the problem belongs to, when it belongs to one. */
  workflow?: string;
}
