import { listExpressionStrings } from './expression-strings.ts';
import type { ValidationContext } from './validation-context.ts';
import type { WorkflowDefinition } from './types.ts';

/**
 * Checks one expression string; returns its problems (empty when it is fine). Each is an
 * error unless it says `severity: 'warning'` (e.g. a function the engine does not run yet,
 * which should not stop the workflow being called).
 */
export type ExpressionChecker = (text: string) => { code: string; message: string; severity?: 'error' | 'warning' }[];

/**
 * Runs the checker on every string Logic Apps evaluates (see `listExpressionStrings`:
 * the console's live diagnostics walk the same strings). The checker receives the JSON
 * string value exactly as written.
 */
export function validateExpressions(ctx: ValidationContext, definition: WorkflowDefinition, check: ExpressionChecker): void {
  for (const { text, pointer } of listExpressionStrings(definition)) {
    for (const issue of check(text)) (issue.severity === 'warning' ? ctx.warning : ctx.error)(issue.code, pointer, issue.message);
  }
}
