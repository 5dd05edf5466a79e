import type { Problem } from '../../src-shared/problems.ts';
import { locatePointer } from './json-text.ts';

/** A message attached to a range of an editor's text (CodeMirror lint shape, without the dependency). */
export interface TextDiagnostic {
  from: number;
  to: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

/**
 * Places workspace problems in a file's text: by line/column when the core gave them,
 * else by JSON pointer, else at the top of the file (so no problem is ever hidden).
 */
export function problemsToDiagnostics(text: string, problems: readonly Problem[]): TextDiagnostic[] {
  return problems.map((problem) => {
    const severity = problem.severity === 'warning' ? 'warning' : 'error';
    if (problem.line !== undefined) {
      const lines = text.split('\n');
      const lineIndex = Math.min(Math.max(problem.line - 1, 0), Math.max(lines.length - 1, 0));
      let from = 0;
      for (let i = 0; i < lineIndex; i++) from += lines[i]!.length + 1;
      const lineText = lines[lineIndex] ?? '';
      const start = from + Math.min(Math.max((problem.column ?? 1) - 1, 0), lineText.length);
      return { from: start, to: Math.max(start, from + lineText.length), severity, message: `${problem.message} (${problem.code})` };
    }
    const range = locatePointer(text, problem.pointer);
    return { from: range?.from ?? 0, to: range?.to ?? 0, severity, message: `${problem.message} (${problem.code})` };
  });
}
