import type { Problem } from '../problems.ts';
import type { RequestTriggerInputs, WorkflowDefinition, WorkflowKind } from './types.ts';

/**
 * What a loaded workspace looks like to the runtime, the CLI and the console. Plain
 * JSON (no Sets or Maps) so it crosses IPC and HTTP unchanged.
 */

/** The trigger Triggerbench serves for a workflow. */
export interface LoadedTrigger {
  name: string;
  /** Type as written in the file (compare case-insensitively). */
  type: string;
  inputs: RequestTriggerInputs;
}

/** One `<name>/workflow.json` after loading and validation. */
export interface LoadedWorkflow {
  /** The folder name, which is the workflow name in callback URLs. */
  name: string;
  /** `<name>/workflow.json`, relative to the workspace root, forward slashes. */
  file: string;
  kind: WorkflowKind;
  /** Undefined when the file could not be parsed or has no usable definition. */
  definition?: WorkflowDefinition;
  /** The servable Request trigger; undefined when the workflow cannot be called. */
  trigger?: LoadedTrigger;
  /** True when it has a Request trigger and no errors: only then does the listener route to it. */
  callable: boolean;
  /** Result of the injected access-control parser for `<name>/access-control.json`, if present. */
  accessControl?: unknown;
  /** Problems of workflow.json and access-control.json, with line and column. */
  problems: Problem[];
  errorCount: number;
  /** Modification time of workflow.json. */
  mtimeMs: number;
}

/** A whole workspace at one moment. */
export interface WorkspaceSnapshot {
  /** Absolute path of the workspace folder. */
  root: string;
  /** Sorted by name. */
  workflows: LoadedWorkflow[];
  /** parameters.json resolved to name → value (`@appsetting('X')` values substituted). */
  parameters: Record<string, unknown>;
  /** local.settings.json `Values`: what `@appsetting('KEY')` reads. */
  appSettings: Record<string, string>;
  /** Problems of project files (parameters.json, local.settings.json, folder names). */
  problems: Problem[];
}
