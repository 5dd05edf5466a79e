/**
 * Folders that are never workflows: Logic Apps Standard tooling keeps generated files
 * (`workflow-designtime`, `Artifacts`, `lib`) and packages (`node_modules`) beside them.
 * Compared case-insensitively because Windows and macOS folders are.
 */
export const IGNORED_WORKSPACE_FOLDERS: readonly string[] = ['node_modules', 'workflow-designtime', 'artifacts', 'lib'];

/** True for a folder the loader skips: hidden (`.git`, `.vscode`) or tooling. */
export function isIgnoredFolder(name: string): boolean {
  return name.startsWith('.') || IGNORED_WORKSPACE_FOLDERS.includes(name.toLowerCase());
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const MAX_NAME_LENGTH = 80;

/**
 * Checks a workflow name before it becomes a folder: letters, digits, `-` and `_`,
 * starting with a letter or digit, at most 80 characters (the Logic Apps limit), and
 * not a folder the loader ignores. This also rules out path traversal (`..`, `/`, `\`).
 * Returns undefined when the name is valid.
 */
export function validateWorkflowName(name: string): { code: 'InvalidWorkflowName'; message: string } | undefined {
  const fail = (why: string) => ({ code: 'InvalidWorkflowName' as const, message: `'${name}' cannot be a workflow name: ${why}` });
  if (typeof name !== 'string' || name.length === 0) return fail('the name is empty.');
  if (name.length > MAX_NAME_LENGTH) return fail(`it is longer than ${MAX_NAME_LENGTH} characters.`);
  if (!NAME.test(name)) return fail("use only letters, digits, '-' and '_', starting with a letter or digit.");
  if (isIgnoredFolder(name)) return fail(`'${name}' is a folder Logic Apps tooling uses, and the workspace loader skips it.`);
  return undefined;
}
