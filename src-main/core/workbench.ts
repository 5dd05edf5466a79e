import { EventEmitter } from 'node:events';
import type { AppInfo, KeyType, ListenerStatus, Settings, WorkflowView, WorkspaceView } from '../../src-shared/contract.ts';
import type { Problem } from '../../src-shared/problems.ts';
import { findTrigger } from '../../src-shared/workflow/find-trigger.ts';
import type { LocalIssuer } from '../auth/local-issuer.ts';
import type { RunHistory } from '../history/history.ts';
import type { TriggerHost } from '../listener/trigger-host.ts';
import { regenerateCertificateAuthority, type TlsMaterial } from '../tls/certificate-authority.ts';
import type { LoadedWorkflow } from '../workspace/workspace.ts';
import { appInfoOf } from './app-info.ts';
import { buildCallbackUrl } from './callback-url.ts';
import { CurrentAccessKeys } from './current-access-keys.ts';
import { ListenerLifecycle } from './listener-lifecycle.ts';
import { OpenWorkspace } from './open-workspace.ts';
import { runtimeLimits } from './settings.ts';
import { SettingsState } from './settings-state.ts';
import { mintLocalToken, type MintRequest } from './token-minting.ts';
import { bindTriggerHost } from './trigger-host-binding.ts';
import { TrustedJwksAdmin, type TrustedJwksEntry } from './trusted-jwks-admin.ts';
import type { WorkbenchApi, WorkbenchEvents } from './workbench-api.ts';
import { WorkbenchError } from './workbench-error.ts';
import { openWorkbenchParts, type WorkbenchParts } from './workbench-open.ts';
import type { WorkbenchOptions } from './workbench-options.ts';
import { workflowView } from './workflow-view.ts';
import { workspaceViewOf } from './workspace-view.ts';

export type { WorkbenchOptions } from './workbench-options.ts';
export { WorkbenchError } from './workbench-error.ts';

/**
 * The workbench core: workspace, listener, auth and history, shared by the Electron
 * app, the CLI and the web host (docs/hosts.md: one core, several hosts). Each concern
 * lives in its own file (docs/hosts.md, "The core"); this class ties them together and
 * tells the hosts what changed.
 */
export class Workbench implements WorkbenchApi {
  readonly dataDir: string;
  readonly events = new EventEmitter<WorkbenchEvents>();
  readonly history: RunHistory;
  /** The CA and server certificates; replaced by regenerateCa(). */
  tls: TlsMaterial;
  readonly issuer: LocalIssuer;
  private readonly settings: SettingsState;
  private readonly keys: CurrentAccessKeys;
  private readonly workspace: OpenWorkspace;
  private readonly listener: ListenerLifecycle;
  private readonly trustedJwks: TrustedJwksAdmin;
  private readonly watch: boolean;
  private readonly stopping = new AbortController();

  private constructor(options: WorkbenchOptions, parts: WorkbenchParts) {
    this.dataDir = options.dataDir;
    this.history = parts.history;
    this.tls = parts.tls;
    this.issuer = parts.issuer;
    this.settings = new SettingsState(options.dataDir, parts.settings, options);
    const workspaceChanged = () => this.events.emit('workspace:changed', this.workspaceView());
    this.keys = new CurrentAccessKeys(options.dataDir, parts.keys, workspaceChanged);
    this.workspace = new OpenWorkspace(parts.snapshot, workspaceChanged);
    this.trustedJwks = new TrustedJwksAdmin(options.dataDir, parts.verifier);
    this.listener = new ListenerLifecycle({ settings: () => this.settings.effective(), tls: () => this.tls, triggers: () => this.triggerHost(parts), issuer: parts.issuer });
    this.watch = options.watch ?? true;
    this.history.onChange((change) => this.events.emit('runs:changed', { ids: change.ids }));
  }

  /** Opens the data folder (creating keys, CA, issuer and history on first start) and loads the workspace. */
  static async create(options: WorkbenchOptions): Promise<Workbench> {
    return new Workbench(options, await openWorkbenchParts(options));
  }

  /** The listener's view of the workbench (trigger-host-binding.ts). */
  private triggerHost(parts: WorkbenchParts): TriggerHost {
    return bindTriggerHost({
      workflow: (name) => this.workspace.find(name),
      snapshot: () => this.workspace.snapshot,
      keys: () => this.keys.keys,
      verifier: parts.verifier,
      settings: () => this.settings.effective(),
      trustedCaPem: () => this.tls.caCertPem,
      recorderRoom: () => this.history.room(),
      saveRun: (run, final) => {
        this.history.record(run);
        if (final) this.events.emit('run', run);
      },
      callbackUrl: (workflow) => this.callbackUrl(workflow, 'primary'),
      signal: this.stopping.signal,
    });
  }

  /** Starts (or restarts) the listener; a listen failure comes back as `status.error`. */
  async start(): Promise<ListenerStatus> {
    const baseBefore = this.listener.baseUrl();
    try {
      const status = await this.listener.restart();
      if (this.listener.running && this.watch) {
        this.workspace.watch();
        // keys.json, which `triggerbench keys regenerate` may rewrite from another process.
        this.keys.watch();
      }
      this.events.emit('listener:status', status);
      return status;
    } finally {
      // Callback URLs carry the listener's address: a restart on another port (or a
      // listener that could not start) changes every workflow's URL, so the console must
      // hear it (docs/console.md: never stale).
      if (this.listener.baseUrl() !== baseBefore || !this.listener.running) this.events.emit('workspace:changed', this.workspaceView());
    }
  }

  async stop(): Promise<void> {
    this.keys.close();
    this.stopping.abort();
    // Cancelled runs answer their waiting callers (503 ServiceStopping) within a turn:
    // let them write before the listener drops every connection.
    await new Promise((resolve) => setImmediate(resolve));
    await this.workspace.stopWatching();
    await this.listener.close();
    this.history.close();
  }

  info(host: 'electron' | 'web'): AppInfo {
    return appInfoOf({ dataDir: this.dataDir, listener: this.listener.status(), settings: this.settings.effective(), tls: this.tls, issuer: this.issuer, host });
  }

  callbackUrl(name: string, keyType: KeyType, notAfter?: Date): string {
    const found = findTrigger((wanted) => this.workspace.find(wanted), { workflow: name, mustBeCallable: false });
    if (!found.ok) throw new WorkbenchError(found.code, found.message);
    return buildCallbackUrl(this.listener.baseUrl(), found.workflow.name, found.plan.triggerName, this.keys.keys, keyType, notAfter);
  }

  /** A workflow trigger's callback URLs, signed with each key. */
  private callbackUrls = (workflow: LoadedWorkflow, trigger: string): { primary: string; secondary: string } => ({
    primary: buildCallbackUrl(this.listener.baseUrl(), workflow.name, trigger, this.keys.keys, 'primary'),
    secondary: buildCallbackUrl(this.listener.baseUrl(), workflow.name, trigger, this.keys.keys, 'secondary'),
  });

  workspaceView(): WorkspaceView {
    return workspaceViewOf(this.workspace.snapshot, this.callbackUrls);
  }

  /** The loaded workflows (for the CLI). */
  workflows(): readonly LoadedWorkflow[] {
    return this.workspace.snapshot.workflows;
  }

  async openWorkspace(root: string): Promise<WorkspaceView> {
    await this.workspace.open(root);
    if (this.watch && this.listener.running) this.workspace.watch();
    const view = this.workspaceView();
    this.events.emit('workspace:changed', view);
    return view;
  }

  async readWorkflow(name: string): Promise<{ name: string; text: string }> {
    return this.workspace.read(name);
  }

  async saveWorkflow(name: string, text: string): Promise<{ workflow?: WorkflowView; problems: Problem[] }> {
    const { saved, problems } = await this.workspace.save(name, text);
    return saved ? { workflow: this.view(saved), problems } : { problems };
  }

  async createWorkflow(name: string, definition?: unknown): Promise<WorkflowView> {
    return this.view(await this.workspace.create(name, definition));
  }

  /** The view of a workflow just saved or created (a failure to describe it is the caller's error). */
  private view(workflow: LoadedWorkflow): WorkflowView {
    return workflowView(workflow, (trigger) => this.callbackUrls(workflow, trigger));
  }

  async mintToken(options: MintRequest): Promise<{ token: string; claims: Record<string, unknown>; expiresAt: string }> {
    return mintLocalToken(this.issuer, options);
  }

  async updateSettings(patch: Partial<Settings>): Promise<AppInfo> {
    const before = this.settings.effective();
    const saved = await this.settings.update(patch);
    if (patch.retention) this.history.setRetention(saved.retention);
    if (patch.limits) this.history.setRecordValueBytes(runtimeLimits(saved).recordValueBytes);
    const after = this.settings.effective();
    // Restart on a new address, or to retry one that failed (a port that was in use).
    if (this.listener.started && (after.host !== before.host || after.port !== before.port || this.listener.failed)) await this.start();
    return this.info('web');
  }

  /**
   * Replaces the local CA with a new name-constrained one (docs/tls.md) and restarts the
   * listener on the new server certificates. Clients must trust the new CA again.
   */
  async regenerateCa(): Promise<AppInfo> {
    this.tls = await regenerateCertificateAuthority(this.dataDir, { hostnames: [this.settings.effective().host] });
    if (this.listener.started) await this.start();
    return this.info('web');
  }

  async regenerateKey(which: KeyType): Promise<void> {
    await this.keys.regenerate(which);
  }

  caPem(): string {
    return this.tls.caCertPem;
  }

  async listTrustedJwks(): Promise<TrustedJwksEntry[]> {
    return this.trustedJwks.list();
  }

  async addTrustedJwks(name: string, text: string): Promise<TrustedJwksEntry[]> {
    return this.trustedJwks.add(name, text);
  }

  async removeTrustedJwks(name: string): Promise<TrustedJwksEntry[]> {
    return this.trustedJwks.remove(name);
  }
}

/** Creates the workbench core. */
export async function createWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  return Workbench.create(options);
}
