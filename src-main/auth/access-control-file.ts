import { join } from 'node:path';
import type { Problem } from '../../src-shared/problems.ts';
import { readTextFile } from '../files/files.ts';
import { ACCESS_CONTROL_FILE, parseAccessControl, type AccessControl } from './access-control.ts';

/** What loading one workflow's access control gives: no file → `present: false` (SAS only, any caller, as Azure's default). */
export interface LoadedAccessControl {
  present: boolean;
  /** Undefined when the file is missing or has errors (then fail closed: do not serve the workflow). */
  value?: AccessControl;
  problems: Problem[];
}

/** Reads and validates `<workspace>/<workflow>/access-control.json`; problems name the file relative to the workspace. */
export async function loadAccessControl(workspaceDir: string, workflow: string): Promise<LoadedAccessControl> {
  const file = `${workflow}/${ACCESS_CONTROL_FILE}`;
  let text: string;
  try {
    text = await readTextFile(join(workspaceDir, workflow, ACCESS_CONTROL_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { present: false, value: {}, problems: [] };
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const where = /line (\d+) column (\d+)/.exec(message);
    const problem: Problem = {
      code: 'AccessControlInvalidJson',
      severity: 'error',
      message: `access-control.json is not valid JSON (${message}). Fix the syntax; until then the workflow is not served.`,
      file,
      pointer: '',
      workflow,
      ...(where ? { line: Number(where[1]), column: Number(where[2]) } : {}),
    };
    return { present: true, problems: [problem] };
  }
  const parsed = parseAccessControl(json, file, workflow);
  return { present: true, ...parsed };
}
