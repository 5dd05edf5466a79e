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

/**
 * Names Windows reserves for devices in every folder (`CON`, `NUL`, `COM1`...): a workflow
 * folder by that name cannot be created or cloned there (docs/workspace.md, Names).
 */
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/** Characters a callback URL's signed path cannot carry: C0 controls (line breaks included) and DEL. */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

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
  if (WINDOWS_DEVICE_NAME.test(name)) return fail('Windows reserves it for a device, so the folder cannot exist there. Choose another name.');
  return undefined;
}

/**
 * Why an existing folder's name cannot be served as a workflow, or undefined when it can:
 * a control character (a line break, say) cannot be part of a signed callback URL, and a
 * Windows device name cannot be a folder on Windows. The loader makes this an error on
 * that workflow only; names that are merely unusual are a warning.
 */
export function unservableWorkflowName(name: string): string | undefined {
  if (CONTROL_CHARACTER.test(name)) return `The folder name ${JSON.stringify(name)} holds a control character (a line break or tab, say), which a callback URL cannot carry. Rename the folder.`;
  if (WINDOWS_DEVICE_NAME.test(name)) return `The folder name '${name}' is a Windows device name (CON, PRN, AUX, NUL, COM1-9, LPT1-9): the workspace cannot be used on Windows. Rename the folder.`;
  return undefined;
}

/** True when text holds a character a callback URL cannot carry (see CONTROL_CHARACTER). */
export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}

/** Names that are one name on Windows and macOS (and to Azure, whose names ignore case): lower-cased. */
export function workflowNameKey(name: string): string {
  return name.toLowerCase();
}
