import type { TextDiagnostic } from './diagnostic.ts';
import { listExpressionStrings } from '../../src-shared/workflow/expression-strings.ts';
import type { WorkflowDefinition } from '../../src-shared/workflow/types.ts';
import { locatePointer } from './json-text.ts';

/** One expression problem, as a diagnoser reports it. */
export interface ExpressionIssue {
  message: string;
  severity?: 'error' | 'warning';
  /** Offsets inside the string, when the diagnoser knows them. */
  start?: number;
  end?: number;
}

/** Checks one expression-bearing string; returns its issues (empty when fine). */
export type ExpressionDiagnoser = (text: string) => ExpressionIssue[];

/** True when a WDL string holds an expression: a leading '@' (not '@@'), or '@{' inside. */
export function isExpressionString(text: string): boolean {
  return (text.startsWith('@') && !text.startsWith('@@')) || text.includes('@{');
}

function walk(value: unknown, pointer: string, visit: (text: string, pointer: string) => void): void {
  if (typeof value === 'string') visit(value, pointer);
  else if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${pointer}/${i}`, visit));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) walk(child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, visit);
  }
}

/** Places one string's issues on its JSON text at `pointer`, column-exact when the string has no escapes. */
function placeIssues(text: string, pointer: string, str: string, issues: ExpressionIssue[], out: TextDiagnostic[]): void {
  if (issues.length === 0) return;
  const range = locatePointer(text, pointer, 'value');
  // Offsets inside the string map 1:1 onto the JSON text when it has no escapes.
  const literal = range ? text.slice(range.from, range.to) : '';
  const exact = range !== undefined && literal === JSON.stringify(str);
  for (const issue of issues) {
    if (exact && issue.start !== undefined) {
      const from = range.from + 1 + issue.start;
      const to = range.from + 1 + Math.max(issue.end ?? issue.start + 1, issue.start + 1);
      out.push({ from, to: Math.min(to, range.to - 1), severity: issue.severity ?? 'error', message: issue.message });
    } else {
      out.push({ from: range?.from ?? 0, to: range?.to ?? 0, severity: issue.severity ?? 'error', message: issue.message });
    }
  }
}

/**
 * Runs the expression diagnoser over every expression string in a JSON value and
 * places each issue on that string in `text` (the value's JSON text), so the body
 * editor underlines the expression while the user types.
 */
export function expressionDiagnostics(value: unknown, text: string, diagnose: ExpressionDiagnoser): TextDiagnostic[] {
  const out: TextDiagnostic[] = [];
  walk(value, '', (str, pointer) => {
    if (isExpressionString(str)) placeIssues(text, pointer, str, diagnose(str), out);
  });
  return out;
}

/**
 * Live diagnostics for a whole `workflow.json` text in the code view: every string
 * Logic Apps evaluates (the same list the save-time validation checks), underlined where
 * it is written.
 */
export function workflowExpressionDiagnostics(file: unknown, text: string, diagnose: ExpressionDiagnoser): TextDiagnostic[] {
  if (typeof file !== 'object' || file === null || Array.isArray(file)) return [];
  const record = file as Record<string, unknown>;
  const bare = typeof record.definition !== 'object' || record.definition === null;
  const definition = (bare ? record : record.definition) as WorkflowDefinition;
  const out: TextDiagnostic[] = [];
  for (const { text: str, pointer } of listExpressionStrings(definition, bare ? '' : '/definition')) placeIssues(text, pointer, str, diagnose(str), out);
  return out;
}

/** The messages for a one-line expression field (a header value, a status code): empty when fine or not an expression. */
export function fieldExpressionIssues(value: string, diagnose: ExpressionDiagnoser): string[] {
  return isExpressionString(value) ? diagnose(value).map((issue) => issue.message) : [];
}
