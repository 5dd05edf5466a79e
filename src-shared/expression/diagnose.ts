import { parseTemplate } from './template.ts';
import type { ExpressionPart } from './template.ts';

/** One problem found in an expression string without running it; offsets index the string. */
export interface ExpressionDiagnostic {
  code: string;
  message: string;
  start: number;
  end: number;
}

function partDiagnostics(part: ExpressionPart): ExpressionDiagnostic[] {
  const errors = part.error ? [part.error] : (part.problems ?? []);
  return errors.map((e) => ({ code: e.code, message: e.message, start: e.start, end: e.end }));
}

/**
 * Problems in one JSON string value for live editor diagnostics: syntax errors (one per
 * expression part, as parsing stops at the first), unknown or not-yet-supported functions
 * and wrong argument counts. [] when the string is fine or not an expression.
 */
export function diagnose(text: string): ExpressionDiagnostic[] {
  const template = parseTemplate(text);
  if (template.kind === 'text') return [];
  if (template.kind === 'expression') return partDiagnostics(template.part);
  return template.parts.flatMap((part) => (typeof part === 'string' ? [] : partDiagnostics(part)));
}
