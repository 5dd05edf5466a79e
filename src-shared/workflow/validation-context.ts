import type { Problem } from '../problems.ts';

/** Collects problems for one file; every problem gets the file and workflow names. */
export interface ValidationContext {
  file: string;
  workflow: string;
  problems: Problem[];
  error(code: string, pointer: string, message: string): void;
  warning(code: string, pointer: string, message: string): void;
}

/** Creates a context that stamps `file` and `workflow` on each problem it records. */
export function createValidationContext(file: string, workflow: string): ValidationContext {
  const problems: Problem[] = [];
  const add = (severity: Problem['severity'], code: string, pointer: string, message: string): void => {
    problems.push({ code, severity, message, file, pointer, workflow });
  };
  return {
    file,
    workflow,
    problems,
    error: (code, pointer, message) => add('error', code, pointer, message),
    warning: (code, pointer, message) => add('warning', code, pointer, message),
  };
}

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when a JSON string is evaluated by Logic Apps: it starts with `@` or interpolates with `@{`. */
export function isExpressionString(value: string): boolean {
  return value.startsWith('@') || value.includes('@{');
}

/** Names a JSON type for messages ("an array", "a number"...). */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return typeof value;
}
