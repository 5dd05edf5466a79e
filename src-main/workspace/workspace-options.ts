import type { Problem } from '../../src-shared/problems.ts';
import type { ExpressionChecker } from '../../src-shared/workflow/validate-expressions.ts';

/** Parses a workflow's `access-control.json` (its format is auth's, docs/auth.md); injected to keep the workspace loader independent of auth. */
export type AccessControlParser = (json: unknown, file: string) => { value?: unknown; problems: Problem[] };

/** How to validate what the loader reads. */
export interface WorkspaceOptions {
  /** Action types the engine runs (case-insensitive); others load with a warning. */
  supportedActionTypes: readonly string[];
  /** Syntax check for every expression string, when a parser is available. */
  checkExpression?: ExpressionChecker;
  /**
   * Parser for `<name>/access-control.json`; its `value` is stored on the workflow and
   * its errors make the workflow uncallable. Without a parser the raw JSON is stored.
   */
  parseAccessControl?: AccessControlParser;
}
