import { CodedError } from '../../src-shared/coded-error.ts';

/** Codes of the errors workspace operations can raise; stable, for the CLI and console to map. */
export type WorkspaceErrorCode =
  | 'WorkspaceNotFound'
  | 'WorkspaceNotAFolder'
  | 'InvalidWorkflowName'
  | 'WorkflowNameCollision'
  | 'PathOutsideWorkspace'
  | 'WorkflowExists'
  | 'InvalidJson'
  | 'InvalidWorkflowFile'
  | 'WorkspaceWriteFailed'
  | 'NoWorkflows'
  | 'InvalidAccessControl';

/** An error a user can meet while loading or saving a workspace: a code, a plain message, and the path concerned. */
export class WorkspaceError extends CodedError<WorkspaceErrorCode> {
  /** The file or folder concerned. */
  readonly path: string;
  /** 1-based position, for InvalidJson. */
  readonly line?: number;
  readonly column?: number;

  constructor(code: WorkspaceErrorCode, message: string, path: string, options?: { cause?: unknown; line?: number; column?: number }) {
    super(code, message, options);
    this.path = path;
    if (options?.line !== undefined) this.line = options.line;
    if (options?.column !== undefined) this.column = options.column;
  }
}
