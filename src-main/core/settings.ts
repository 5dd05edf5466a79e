import { CodedError } from '../../src-shared/coded-error.ts';
import { join } from 'node:path';
import type { RuntimeLimits, Settings } from '../../src-shared/contract.ts';
import { readJsonIfExists, writeFileAtomic } from '../files/files.ts';
import { DEFAULT_RUNTIME_LIMITS, RUNTIME_LIMIT_BOUNDS, runtimeLimitProblem } from '../../src-shared/runtime-limits.ts';

/** Defaults: loopback only; 7071 like the Functions host; a 60 s timeout (docs/logic-apps-behaviour.md §5). */
export const DEFAULT_SETTINGS: Settings = { host: '127.0.0.1', port: 7071, timeoutSeconds: 60, retention: { maxRuns: 100_000 } };

// The defaults and bounds live in src-shared: the console's Settings form shows and checks the same ones.
export { DEFAULT_RUNTIME_LIMITS };

/** The limits in force: the defaults, with what the settings change. */
export function runtimeLimits(settings: Settings): RuntimeLimits {
  return { ...DEFAULT_RUNTIME_LIMITS, ...settings.limits };
}

/** A settings file that cannot be used, with the file and the fix. */
export class SettingsError extends CodedError<'InvalidSettings'> {
  constructor(message: string) {
    super('InvalidSettings', message);
  }
}

function settingsPath(dataDir: string): string {
  return join(dataDir, 'settings.json');
}

/** Checks a settings patch; throws SettingsError naming the field. */
export function checkSettings(patch: Partial<Settings>, where: string): void {
  if (patch.host !== undefined && (typeof patch.host !== 'string' || !patch.host.trim())) throw new SettingsError(`${where}: 'host' must be a host name or IP address such as 127.0.0.1.`);
  if (patch.allowRemote !== undefined && typeof patch.allowRemote !== 'boolean') throw new SettingsError(`${where}: 'allowRemote' must be true or false.`);
  if (patch.port !== undefined && (!Number.isInteger(patch.port) || patch.port < 0 || patch.port > 65535)) throw new SettingsError(`${where}: 'port' must be a whole number from 0 to 65535 (0 picks a free port).`);
  if (patch.timeoutSeconds !== undefined && (!Number.isInteger(patch.timeoutSeconds) || patch.timeoutSeconds < 1 || patch.timeoutSeconds > 3600)) {
    throw new SettingsError(`${where}: 'timeoutSeconds' must be a whole number of seconds from 1 to 3600.`);
  }
  if (patch.retention !== undefined && (!Number.isInteger(patch.retention.maxRuns) || patch.retention.maxRuns < 1)) throw new SettingsError(`${where}: 'retention.maxRuns' must be a whole number above 0.`);
  for (const name of Object.keys(RUNTIME_LIMIT_BOUNDS) as (keyof RuntimeLimits)[]) {
    const value = patch.limits?.[name];
    const problem = value === undefined ? null : runtimeLimitProblem(name, value);
    if (problem) throw new SettingsError(`${where}: ${problem}`);
  }
}

/** Reads `<dataDir>/settings.json` over the defaults. A broken file is an error that names it. */
export async function loadSettings(dataDir: string): Promise<Settings> {
  const file = settingsPath(dataDir);
  let stored: Partial<Settings> | undefined;
  try {
    stored = await readJsonIfExists<Partial<Settings>>(file);
  } catch (error) {
    throw new SettingsError(`The settings file ${file} is not valid JSON (${(error as Error).message}). Fix it or delete it to go back to the defaults.`);
  }
  checkSettings(stored ?? {}, file);
  return { ...DEFAULT_SETTINGS, ...stored, retention: { ...DEFAULT_SETTINGS.retention, ...stored?.retention } };
}

/** Writes the settings atomically. */
export async function saveSettings(dataDir: string, settings: Settings): Promise<void> {
  await writeFileAtomic(settingsPath(dataDir), `${JSON.stringify(settings, null, 2)}\n`);
}
