import { fromPointer } from '../../src-shared/workflow/json-pointer.ts';

/** The value at a JSON pointer inside a parsed JSON value, or undefined when the path does not exist. */
export function valueAtPointer(root: unknown, pointer: string): unknown {
  let current: unknown = root;
  for (const segment of fromPointer(pointer)) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (typeof current === 'object' && current !== null && Object.hasOwn(current, segment)) current = (current as Record<string, unknown>)[segment];
    else return undefined;
  }
  return current;
}
