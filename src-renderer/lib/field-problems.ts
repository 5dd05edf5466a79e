import type { Problem } from '../../src-shared/problems.ts';
import { childPointer, fromPointer, toPointer } from '../../src-shared/workflow/json-pointer.ts';

/** Saved problems sorted to the form field they are about, so each shows beside its field. */
export interface FieldProblems {
  status: Problem[];
  /** By header name as written. */
  headers: Map<string, Problem[]>;
  /** Pointers rebased onto the body's own JSON text. */
  body: Problem[];
  schema: Problem[];
  method: Problem[];
  relativePath: Problem[];
}

/** Sorts the problems of a save by the trigger and Response fields their JSON pointers name. */
export function fieldProblems(problems: readonly Problem[], triggerName: string | undefined, responseName: string | undefined): FieldProblems {
  const out: FieldProblems = { status: [], headers: new Map(), body: [], schema: [], method: [], relativePath: [] };
  const responseInputs = responseName === undefined ? undefined : childPointer('/definition/actions', responseName, 'inputs');
  const triggerInputs = triggerName === undefined ? undefined : childPointer('/definition/triggers', triggerName, 'inputs');
  for (const problem of problems) {
    const p = problem.pointer;
    if (responseInputs !== undefined && (p === responseInputs || p.startsWith(`${responseInputs}/`))) {
      const [field, ...rest] = fromPointer(p.slice(responseInputs.length));
      if (field === 'statusCode') out.status.push(problem);
      else if (field === 'body') out.body.push({ ...problem, pointer: toPointer(rest), line: undefined, column: undefined });
      else if (field === 'headers' && rest.length > 0) out.headers.set(rest[0]!, [...(out.headers.get(rest[0]!) ?? []), problem]);
    } else if (triggerInputs !== undefined && p.startsWith(`${triggerInputs}/`)) {
      const [field] = fromPointer(p.slice(triggerInputs.length));
      if (field === 'schema') out.schema.push(problem);
      else if (field === 'method') out.method.push(problem);
      else if (field === 'relativePath') out.relativePath.push(problem);
    }
  }
  return out;
}

/** A problem as one line at its field: message and code. */
export function problemText(problem: Problem): string {
  return `${problem.message} (${problem.code})`;
}
