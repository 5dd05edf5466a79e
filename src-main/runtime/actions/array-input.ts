import { typeName } from '../../../src-shared/expression/values.ts';
import type { ErrorInfo } from '../../../src-shared/runs.ts';

/** The `from` array of a data operation (Query, Select, Join, Table), or the error Azure gives for anything else. */
export function fromArray(name: string, type: string, from: unknown): unknown[] | ErrorInfo {
  if (Array.isArray(from)) return from;
  return { code: 'InvalidTemplate', message: `The '${type}' action '${name}' needs "from" to be an array; it is of type '${typeName(from)}'. Point "from" at an array, for example @body('Parse_JSON')?['items'].` };
}
