import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { checkStoreName } from '../../src-shared/collections-schema.ts';
import { ENVIRONMENT_FILE_SUFFIX, ENVIRONMENTS_FOLDER, type SavedEnvironment } from '../../src-shared/collections.ts';
import type { Problem } from '../../src-shared/problems.ts';
import { readJsonIfExists, writeFileAtomic } from '../files/files.ts';
import { CollectionError } from './collection-error.ts';
import { listFolder, readStoreFile, requireValid, storeText } from './store-files.ts';

/** File in the data folder (never the workspace) that holds secret variable values. */
export const ENVIRONMENT_SECRETS_FILE = 'environment-secrets.json';

/** Secret values per workspace root, environment and variable. */
interface SecretsFile {
  version: 1;
  workspaces: Record<string, Record<string, Record<string, string>>>;
}

/** Every environment of the workspace, secret values filled in from the data folder. */
export interface EnvironmentsListing {
  environments: SavedEnvironment[];
  problems: Problem[];
}

function requireEnvironmentName(name: string): void {
  const why = checkStoreName('environment', name);
  if (why) throw new CollectionError('InvalidEnvironmentName', why);
}

/**
 * Environments in the workspace (`.triggerbench/environments/<name>.environment.json`).
 * A variable marked secret is written there without its value; the value is kept in
 * the data folder (owner-only file), keyed by workspace folder, so committing the
 * workspace never commits a secret (docs/console.md).
 */
export function environmentStore(root: string, dataDir: string) {
  const folder = join(root, ENVIRONMENTS_FOLDER);
  const secretsPath = join(dataDir, ENVIRONMENT_SECRETS_FILE);
  const rootKey = resolve(root);

  const readSecrets = async (): Promise<SecretsFile> => {
    const file = await readJsonIfExists<SecretsFile>(secretsPath).catch(() => undefined);
    return file && file.version === 1 && typeof file.workspaces === 'object' && file.workspaces ? file : { version: 1, workspaces: {} };
  };
  const writeSecrets = (file: SecretsFile) => writeFileAtomic(secretsPath, storeText(file), { mode: 0o600 });

  /** Reads every environment; bad files are reported, not fatal. */
  async function list(): Promise<EnvironmentsListing> {
    const secrets = (await readSecrets()).workspaces[rootKey] ?? {};
    const environments: SavedEnvironment[] = [];
    const problems: Problem[] = [];
    for (const entry of await listFolder(folder)) {
      if (!entry.isFile || !entry.name.endsWith(ENVIRONMENT_FILE_SUFFIX)) continue;
      const read = await readStoreFile<SavedEnvironment>('environment', join(folder, entry.name), `${ENVIRONMENTS_FOLDER}/${entry.name}`);
      if (read.problem) problems.push(read.problem);
      if (!read.value) continue;
      const stored = secrets[read.value.name] ?? {};
      read.value.variables = read.value.variables.map((variable) => (variable.secret && stored[variable.name] !== undefined ? { ...variable, value: stored[variable.name] } : variable));
      environments.push(read.value);
    }
    environments.sort((a, b) => a.name.localeCompare(b.name));
    return { environments, problems };
  }

  /**
   * Writes an environment (secret values go to the data folder). `previousName` renames:
   * the old file and its secrets go. The file is named after the environment.
   */
  async function save(environment: SavedEnvironment, previousName?: string): Promise<void> {
    requireValid('environment', environment);
    requireEnvironmentName(environment.name);
    if (previousName !== undefined) requireEnvironmentName(previousName);
    const renamed = previousName !== undefined && previousName !== environment.name;
    const existing = (await listFolder(folder)).map((entry) => entry.name.toLowerCase());
    if ((previousName === undefined || renamed) && existing.includes(`${environment.name}${ENVIRONMENT_FILE_SUFFIX}`.toLowerCase()) && previousName?.toLowerCase() !== environment.name.toLowerCase()) {
      throw new CollectionError('EnvironmentExists', `An environment named '${environment.name}' already exists. Pick another name, or edit that one.`);
    }
    const secretValues: Record<string, string> = {};
    const onDisk: SavedEnvironment = {
      ...environment,
      variables: environment.variables.map((variable) => {
        if (!variable.secret) return variable;
        if (variable.value !== undefined) secretValues[variable.name] = variable.value;
        const { value: _secret, ...rest } = variable;
        return rest;
      }),
    };
    const secrets = await readSecrets();
    const forRoot = (secrets.workspaces[rootKey] ??= {});
    if (renamed) delete forRoot[previousName];
    if (Object.keys(secretValues).length > 0) forRoot[environment.name] = secretValues;
    else delete forRoot[environment.name];
    // Secrets first: a crash between the two writes leaves a value without its variable, never a variable that lost its value.
    await writeSecrets(secrets);
    await writeFileAtomic(join(folder, `${environment.name}${ENVIRONMENT_FILE_SUFFIX}`), storeText(onDisk));
    if (renamed) await rm(join(folder, `${previousName}${ENVIRONMENT_FILE_SUFFIX}`), { force: true });
  }

  /** Deletes an environment file and its secret values. */
  async function remove(name: string): Promise<void> {
    requireEnvironmentName(name);
    const file = `${name}${ENVIRONMENT_FILE_SUFFIX}`;
    if (!(await listFolder(folder)).some((entry) => entry.name === file)) throw new CollectionError('EnvironmentNotFound', `There is no environment '${name}' in ${ENVIRONMENTS_FOLDER}.`);
    await rm(join(folder, file));
    const secrets = await readSecrets();
    if (secrets.workspaces[rootKey]?.[name]) {
      delete secrets.workspaces[rootKey][name];
      await writeSecrets(secrets);
    }
  }

  return { list, save, remove };
}

/** The environment store of one workspace. */
export type EnvironmentStore = ReturnType<typeof environmentStore>;
