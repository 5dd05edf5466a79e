/** Options to create a workbench. Explicit values override the saved settings for this start. */
export interface WorkbenchOptions {
  dataDir: string;
  workspaceRoot?: string;
  host?: string;
  port?: number;
  timeoutSeconds?: number;
  /** The caller's explicit choice to listen beyond loopback (`serve --allow-remote`). */
  allowRemote?: boolean;
  /** Watch the workspace for edits (default true). */
  watch?: boolean;
}
