import { basename, join, resolve } from 'node:path';
import { RECORDINGS_FOLDER, isRecord, type ImportFileReport, type ImportReport } from '../../src-shared/exchange/exchange-types.ts';
import { importHar } from '../../src-shared/exchange/har.ts';
import { importPostmanCollection, toCollectionName } from '../../src-shared/exchange/postman.ts';
import { RECORDING_FORMAT, RECORDING_FILE_SUFFIX, type Recording } from '../../src-shared/exchange/recording.ts';
import { detectWorkflowFormat, importWorkflowDocument } from '../../src-shared/exchange/workflow-import.ts';
import { COLLECTIONS_FOLDER, ENVIRONMENTS_FOLDER, ENVIRONMENT_FILE_SUFFIX } from '../../src-shared/collections.ts';
import { collectionStore } from '../collections/collection-store.ts';
import { environmentStore } from '../collections/environment-store.ts';
import { readTextFile } from '../files/files.ts';
import { checkRecording, freeRecordingPath, writeRecording } from '../replay/recording-files.ts';
import { isFolder, readProjectFolder, writeImportedWorkflows, type WorkflowImportOptions } from './workflow-import-files.ts';
import { WORKFLOW_FILE } from './workspace-workflow.ts';
import { loadWorkspace, type WorkspaceOptions } from './workspace.ts';

/** Options of importFiles. */
export interface ImportOptions extends WorkflowImportOptions {
  /** The data folder (secret environment values are kept there, never in the workspace). */
  dataDir: string;
  /**
   * How the workspace is loaded (the engine's action types, expression checks): given,
   * each imported workflow is validated as the workspace will load it and its problems
   * (unsupported actions, expressions...) join the report.
   */
  workspaceOptions?: WorkspaceOptions;
}

/** Adds the loader's problems of each imported workflow to the reports. */
async function addLoadProblems(root: string, reports: ImportFileReport[], options: ImportOptions): Promise<void> {
  if (!options.workspaceOptions || !reports.some((r) => r.imported.some((i) => i.type === 'workflow'))) return;
  const snapshot = await loadWorkspace(root, options.workspaceOptions);
  for (const report of reports) {
    const names = new Set(report.imported.filter((i) => i.type === 'workflow' && i.path.endsWith(`/${WORKFLOW_FILE}`)).map((i) => i.name.toLowerCase()));
    for (const workflow of snapshot.workflows) if (names.has(workflow.name.toLowerCase())) report.problems.push(...workflow.problems);
  }
}

/** What a parsed import file is, by its shape. */
export function detectImportKind(json: unknown): ImportFileReport['kind'] | undefined {
  if (!isRecord(json)) return undefined;
  if (json.format === RECORDING_FORMAT) return 'recording';
  if (isRecord(json.log) && Array.isArray(json.log.entries)) return 'har';
  if (isRecord(json.info) && Array.isArray(json.item)) return 'postman';
  return detectWorkflowFormat(json) ? 'workflow' : undefined;
}

async function writeRecordings(root: string, recordings: Recording[], report: ImportFileReport): Promise<void> {
  const folder = join(root, RECORDINGS_FOLDER);
  const taken = new Set<string>();
  for (const recording of recordings) {
    const path = await freeRecordingPath(folder, recording.name, taken);
    await writeRecording(path, recording);
    report.imported.push({ type: 'recording', name: recording.name, path: `${RECORDINGS_FOLDER}/${basename(path)}` });
  }
}

async function importOne(root: string, path: string, options: ImportOptions): Promise<ImportFileReport> {
  const display = path;
  const report: ImportFileReport = { file: display, imported: [], problems: [] };
  const fail = (code: string, message: string) => report.problems.push({ code, severity: 'error', message, file: display, pointer: '' });
  let folder = false;
  try {
    folder = await isFolder(path);
  } catch (error) {
    fail('ImportFileNotFound', `${display} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Check the path.`);
    return report;
  }
  if (folder) {
    report.kind = 'project';
    report.format = 'standard';
    const project = await readProjectFolder(path, display);
    report.problems.push(...project.problems);
    await writeImportedWorkflows(root, project.workflows, report, options, { parameters: project.parameters, appSettings: project.appSettings });
    return report;
  }
  return importText(root, display, await readTextFile(path), options, report);
}

/** Imports one file's text (`name` is its file name: it names workflows and collections). */
async function importText(root: string, name: string, text: string, options: ImportOptions, report: ImportFileReport = { file: name, imported: [], problems: [] }): Promise<ImportFileReport> {
  const display = name;
  const path = name;
  const fail = (code: string, message: string) => report.problems.push({ code, severity: 'error', message, file: display, pointer: '' });
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    fail('InvalidJson', `${display} is not valid JSON (${(error as Error).message}); nothing was imported from it.`);
    return report;
  }
  const kind = detectImportKind(json);
  report.kind = kind;
  switch (kind) {
    case 'workflow': {
      const found = importWorkflowDocument(json, display);
      report.format = found.format;
      report.problems.push(...found.problems);
      await writeImportedWorkflows(root, found.workflows, report, options);
      return report;
    }
    case 'recording': {
      try {
        await writeRecordings(root, [checkRecording(json, display)], report);
      } catch (error) {
        fail('InvalidRecording', (error as Error).message);
      }
      return report;
    }
    case 'har': {
      const har = importHar(json, display);
      report.format = 'har';
      report.problems.push(...har.problems);
      await writeRecordings(root, har.recordings, report);
      const collection = toCollectionName(basename(path).replace(/\.(har|json)$/i, ''));
      const store = collectionStore(root);
      for (const request of har.requests) {
        const file = await store.saveRequest(collection, request);
        report.imported.push({ type: 'request', name: request.name, path: `${COLLECTIONS_FOLDER}/${collection}/${file}` });
      }
      return report;
    }
    case 'postman': {
      const postman = importPostmanCollection(json, display);
      report.format = 'postman-v2.1';
      report.problems.push(...postman.problems);
      const store = collectionStore(root);
      for (const { request } of postman.collection.requests) {
        const file = await store.saveRequest(postman.collection.name, request);
        report.imported.push({ type: 'request', name: request.name, path: `${COLLECTIONS_FOLDER}/${postman.collection.name}/${file}` });
      }
      if (postman.environment) {
        try {
          await environmentStore(root, options.dataDir).save(postman.environment);
          report.imported.push({ type: 'environment', name: postman.environment.name, path: `${ENVIRONMENTS_FOLDER}/${postman.environment.name}${ENVIRONMENT_FILE_SUFFIX}` });
        } catch (error) {
          report.problems.push({ code: (error as { code?: string }).code ?? 'EnvironmentNotImported', severity: 'warning', message: `The collection's variables were not saved as an environment: ${(error as Error).message}`, file: display, pointer: '/variable' });
        }
      }
      return report;
    }
    default:
      fail('UnknownImportFormat', `${display} is not a format Triggerbench imports: expected a workflow (Standard workflow.json, definition or ARM template), a HAR file, a Postman v2.1 collection or a *${RECORDING_FILE_SUFFIX} recording.`);
      return report;
  }
}

/**
 * Imports files into a workspace, each by its shape: workflows (Standard, definition,
 * ARM, or a whole project folder), HAR (recordings and saved requests), Postman v2.1
 * (saved requests and an environment) and recordings. Each file gets its own report;
 * one bad file never stops the others (docs/exchange.md).
 */
export async function importFiles(workspaceRoot: string, paths: string[], options: ImportOptions): Promise<ImportReport> {
  const root = resolve(workspaceRoot);
  const files: ImportFileReport[] = [];
  for (const path of paths) {
    try {
      files.push(await importOne(root, path, options));
    } catch (error) {
      files.push({ file: path, imported: [], problems: [{ code: (error as { code?: string }).code ?? 'ImportFailed', severity: 'error', message: (error as Error).message, file: path, pointer: '' }] });
    }
  }
  await addLoadProblems(root, files, options);
  return { files };
}

/**
 * Imports files given as text (the console reads the files the user chose or dropped),
 * exactly as importFiles does with paths; a project folder needs the CLI.
 */
export async function importTexts(workspaceRoot: string, files: { name: string; text: string }[], options: ImportOptions): Promise<ImportReport> {
  const root = resolve(workspaceRoot);
  const reports: ImportFileReport[] = [];
  for (const file of files) {
    try {
      reports.push(await importText(root, basename(file.name), file.text, options));
    } catch (error) {
      reports.push({ file: file.name, imported: [], problems: [{ code: (error as { code?: string }).code ?? 'ImportFailed', severity: 'error', message: (error as Error).message, file: file.name, pointer: '' }] });
    }
  }
  await addLoadProblems(root, reports, options);
  return { files: reports };
}
