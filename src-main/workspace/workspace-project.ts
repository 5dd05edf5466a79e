import { join } from 'node:path';
import type { Problem } from '../../src-shared/problems.ts';
import { childPointer } from '../../src-shared/workflow/json-pointer.ts';
import { locateProblems, parseJsonFile } from '../../src-shared/workflow/json-text.ts';
import { readTextFile } from '../files/files.ts';
import { resolveInWorkspace } from './workspace-containment.ts';

/** The project-level files of a Logic Apps Standard folder, resolved. */
export interface ProjectFiles {
  parameters: Record<string, unknown>;
  appSettings: Record<string, string>;
  problems: Problem[];
}

/** File names the project reader and the watcher care about. */
export const PARAMETERS_FILE = 'parameters.json';
export const LOCAL_SETTINGS_FILE = 'local.settings.json';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads and parses a JSON file; undefined when it does not exist, a problem when it is broken. */
export async function readJsonFile(root: string, file: string, workflow?: string): Promise<{ exists: boolean; text?: string; value?: unknown; problem?: Problem }> {
  let text: string;
  try {
    const contained = await resolveInWorkspace(root, join(root, file));
    if (!contained.inside) {
      const problem: Problem = { code: 'PathOutsideWorkspace', severity: 'error', file, pointer: '', message: `${file} is a symbolic link (or sits in a linked folder) that leads outside the workspace, to ${contained.real}; it is not read. Copy the file into the workspace instead.` };
      if (workflow !== undefined) problem.workflow = workflow;
      return { exists: true, problem };
    }
    text = await readTextFile(join(root, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { exists: false };
    const problem: Problem = { code: 'FileReadFailed', severity: 'error', file, pointer: '', message: `${file} could not be read (${code ?? (error as Error).message}). Check the file's permissions.` };
    if (workflow !== undefined) problem.workflow = workflow;
    return { exists: true, problem };
  }
  const parsed = parseJsonFile(text, file, workflow);
  return { exists: true, text, ...parsed };
}

/**
 * Reads `local.settings.json` (`{ "Values": { KEY: "value" } }`, what `@appsetting('KEY')`
 * reads) and `parameters.json` (`{ name: { type, value } }`). A parameter value that is
 * exactly `@appsetting('KEY')` is replaced by that setting, as Logic Apps Standard does.
 */
export async function readProjectFiles(root: string): Promise<ProjectFiles> {
  const problems: Problem[] = [];
  const appSettings = await readAppSettings(root, problems);
  const parameters = await readParameters(root, appSettings, problems);
  return { parameters, appSettings, problems };
}

async function readAppSettings(root: string, problems: Problem[]): Promise<Record<string, string>> {
  const file = LOCAL_SETTINGS_FILE;
  const read = await readJsonFile(root, file);
  const settings: Record<string, string> = {};
  if (read.problem) problems.push(read.problem);
  if (read.value === undefined) return settings;
  const local: Problem[] = [];
  const warn = (severity: Problem['severity'], code: string, pointer: string, message: string) => local.push({ code, severity, file, pointer, message });
  if (!isRecord(read.value)) {
    warn('error', 'InvalidLocalSettings', '', `${file} must be an object of the form {"Values": {"KEY": "value"}}.`);
  } else if (read.value.Values !== undefined) {
    const values = read.value.Values;
    if (!isRecord(values)) {
      warn('error', 'InvalidLocalSettings', '/Values', `"Values" in ${file} must be an object of setting names to string values.`);
    } else {
      for (const [key, value] of Object.entries(values)) {
        if (typeof value === 'string') settings[key] = value;
        else if (typeof value === 'number' || typeof value === 'boolean') settings[key] = String(value);
        else warn('warning', 'InvalidAppSetting', childPointer('/Values', key), `App setting '${key}' in ${file} is not a string, so @appsetting('${key}') cannot read it. Write it as a string.`);
      }
    }
  }
  problems.push(...locateProblems(read.text ?? '', local));
  return settings;
}

async function readParameters(root: string, appSettings: Record<string, string>, problems: Problem[]): Promise<Record<string, unknown>> {
  const file = PARAMETERS_FILE;
  const read = await readJsonFile(root, file);
  const parameters: Record<string, unknown> = {};
  if (read.problem) problems.push(read.problem);
  if (read.value === undefined) return parameters;
  const local: Problem[] = [];
  const add = (severity: Problem['severity'], code: string, pointer: string, message: string) => local.push({ code, severity, file, pointer, message });
  if (!isRecord(read.value)) {
    add('error', 'InvalidParameters', '', `${file} must be an object of the form {"name": {"type": "String", "value": ...}}.`);
  } else {
    for (const [name, entry] of Object.entries(read.value)) {
      const pointer = childPointer('', name);
      if (!isRecord(entry) || !Object.hasOwn(entry, 'value')) {
        add('warning', 'ParameterWithoutValue', pointer, `Parameter '${name}' in ${file} has no "value", so @parameters('${name}') will fail. Write it as {"type": "String", "value": ...}.`);
        continue;
      }
      parameters[name] = resolveAppSettings(entry.value, childPointer(pointer, 'value'), appSettings, (p, key) =>
        add('warning', 'AppSettingNotFound', p, `Parameter '${name}' reads @appsetting('${key}'), which ${LOCAL_SETTINGS_FILE} does not define; the value stays as written. Add "${key}" to "Values".`),
      );
    }
  }
  problems.push(...locateProblems(read.text ?? '', local));
  return parameters;
}

const APPSETTING_REFERENCE = /^@appsetting\('((?:[^']|'')*)'\)$/i;

/** Replaces strings that are exactly `@appsetting('KEY')`, at any depth. */
function resolveAppSettings(value: unknown, pointer: string, settings: Record<string, string>, missing: (pointer: string, key: string) => void): unknown {
  if (typeof value === 'string') {
    const match = APPSETTING_REFERENCE.exec(value.trim());
    if (!match) return value;
    const key = match[1]!.replace(/''/g, "'");
    if (Object.hasOwn(settings, key)) return settings[key];
    missing(pointer, key);
    return value;
  }
  if (Array.isArray(value)) return value.map((item, i) => resolveAppSettings(item, childPointer(pointer, i), settings, missing));
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveAppSettings(v, childPointer(pointer, k), settings, missing)]));
  }
  return value;
}
