import type { EventEmitter } from 'node:events';
import type { AppInfo, KeyType, ListenerStatus, Settings, WorkflowView, WorkspaceView } from '../../src-shared/contract.ts';
import type { Problem } from '../../src-shared/problems.ts';
import type { RunRecord } from '../../src-shared/runs.ts';
import type { RunHistory } from '../history/history.ts';

/** Events the core emits; hosts (Electron, web host, CLI) forward them. */
export interface WorkbenchEvents {
  'runs:changed': [{ ids: string[] }];
  'workspace:changed': [WorkspaceView];
  'listener:status': [ListenerStatus];
  /** A run finished (the CLI prints one `{"event":"run"}` line each). */
  run: [RunRecord];
}

/**
 * The workbench core as its hosts see it: the workspace, the trigger runtime behind the
 * TLS listener, auth, and run history. Never imports `electron`.
 */
export interface WorkbenchApi {
  readonly dataDir: string;
  readonly events: EventEmitter<WorkbenchEvents>;
  readonly history: RunHistory;
  /** Starts (or restarts) the listener with the current settings. */
  start(): Promise<ListenerStatus>;
  /** Stops the listener, the watcher and flushes history. */
  stop(): Promise<void>;
  info(host: 'electron' | 'web'): AppInfo;
  workspaceView(): WorkspaceView;
  openWorkspace(root: string): Promise<WorkspaceView>;
  readWorkflow(name: string): Promise<{ name: string; text: string }>;
  saveWorkflow(name: string, text: string): Promise<{ workflow?: WorkflowView; problems: Problem[] }>;
  createWorkflow(name: string, definition?: unknown): Promise<WorkflowView>;
  callbackUrl(name: string, keyType: KeyType, notAfter?: Date): string;
  mintToken(options: { aud?: string; sub?: string; claims?: Record<string, unknown>; ttlSeconds?: number }): Promise<{ token: string; claims: Record<string, unknown>; expiresAt: string }>;
  updateSettings(patch: Partial<Settings>): Promise<AppInfo>;
  regenerateKey(which: KeyType): Promise<void>;
  /** A new name-constrained local CA and server certificates; clients must trust it again. */
  regenerateCa(): Promise<AppInfo>;
  caPem(): string;
  listTrustedJwks(): Promise<{ name: string; kids: string[]; addedAt: string }[]>;
  addTrustedJwks(name: string, text: string): Promise<{ name: string; kids: string[]; addedAt: string }[]>;
  removeTrustedJwks(name: string): Promise<{ name: string; kids: string[]; addedAt: string }[]>;
}
