/**
 * Shapes shared by the import and export conversions (docs/exchange.md). The conversions
 * themselves are pure functions in this folder so the console and the core use one copy.
 */
import type { Problem } from '../problems.ts';

/** A workflow as the workspace holds it: `<name>/workflow.json` plus its optional companions. */
export interface WorkflowBundle {
  name: string;
  /** The `workflow.json` object: `{ definition, kind }`. */
  workflow: { definition: Record<string, unknown>; kind: 'Stateful' | 'Stateless' };
  /** `<name>/access-control.json`, as written (the trigger part of ARM's accessControl). */
  accessControl?: Record<string, unknown>;
  /** Disabled through the `Workflows.<name>.FlowState` app setting (docs/runtime.md). */
  state?: 'Enabled' | 'Disabled';
}

/** A project parameter as `parameters.json` holds it. */
export interface ProjectParameter {
  type?: string;
  value: unknown;
}

/** One workflow found in an imported file, ready to write into the workspace. */
export interface ImportedWorkflow extends WorkflowBundle {
  /** Where in the source it came from (a file, or a file and a JSON pointer). */
  source: string;
  /** Project parameters the workflow brings (`parameters.json` entries). */
  parameters?: Record<string, ProjectParameter>;
  /** App settings the workflow brings (`local.settings.json` Values), e.g. a disabled state. */
  appSettings?: Record<string, string>;
  /** What the import could not carry over, or what will not run locally. */
  problems: Problem[];
}

/** The formats a workflow file may come in. */
export type WorkflowFileFormat = 'standard' | 'definition' | 'arm';

/** What reading one imported file found. */
export interface WorkflowImport {
  format?: WorkflowFileFormat;
  workflows: ImportedWorkflow[];
  /** Problems of the file as a whole (not a workflow file, nothing importable...). */
  problems: Problem[];
}

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Folder (relative to the workspace root) where imported recordings are kept. */
export const RECORDINGS_FOLDER = '.triggerbench/recordings';

/** One thing an import wrote into the workspace. */
export interface ImportedItem {
  type: 'workflow' | 'recording' | 'request' | 'environment' | 'parameter' | 'appSetting';
  name: string;
  /** Path written, relative to the workspace root. */
  path: string;
}

/** What importing one file did: what it wrote and what problems it found. */
export interface ImportFileReport {
  file: string;
  /** What the file was read as. */
  kind?: 'workflow' | 'project' | 'har' | 'postman' | 'recording';
  format?: string;
  imported: ImportedItem[];
  problems: Problem[];
}

/** The report of an import, shown by the CLI and the console. */
export interface ImportReport {
  files: ImportFileReport[];
}

/** One file an export produced, relative to the folder it is saved in. */
export interface ExportedFile {
  path: string;
  text: string;
}

/** The files of an export and what it could not carry over. */
export interface ExportResult {
  files: ExportedFile[];
  problems: Problem[];
}
