/**
 * An error a user can meet, with a stable machine-readable `code` beside the message
 * that says what went wrong and how to fix it. Every coded error of the project extends
 * it, so hosts turn any of them into `{ code, message }` the same way.
 */
export class CodedError<Code extends string = string> extends Error {
  /** Stable machine-readable code, e.g. `WorkflowNotFound`. */
  readonly code: Code;

  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
  }
}
