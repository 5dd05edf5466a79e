import { CodedError } from '../../src-shared/coded-error.ts';
import { EventEmitter } from 'node:events';
import { decodeJwt } from 'jose';
import type { FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { AppInfo, KeyType, ListenerStatus, Settings, WorkflowView, WorkspaceView } from '../../src-shared/contract.ts';
import type { Problem } from '../../src-shared/problems.ts';
import { parseJsonFile } from '../../src-shared/workflow/json-text.ts';
import { loadOrCreateAccessKeys, regenerateAccessKey, type AccessKeys } from '../auth/access-keys.ts';
import { issuerRoutes, loadOrCreateLocalIssuer, type LocalIssuer } from '../auth/local-issuer.ts';
import { createTokenVerifier, type TokenVerifier } from '../auth/token-verifier.ts';
import { addTrustedJwks, listTrustedJwks, removeTrustedJwks } from '../auth/trusted-jwks.ts';
import { loadOrCreateTlsMaterial, regenerateCertificateAuthority, type TlsMaterial } from '../tls/certificate-authority.ts';
import type { RunningListener } from '../listener/server.ts';
import type { TriggerHost } from '../listener/trigger-host.ts';
import { findTrigger, workflowNotFound } from '../../src-shared/workflow/find-trigger.ts';
import { ensurePrivateDir } from '../files/files.ts';
import { openRunHistoryAsync, type RunHistory } from '../history/history.ts';
import { createWorkflow, loadWorkspace, saveWorkflow, watchWorkspace, type LoadedWorkflow, type WorkspaceSnapshot } from '../workspace/workspace.ts';
import { loadSettings, saveSettings, checkSettings, runtimeLimits } from './settings.ts';
import { isLoopbackHost } from '../../src-shared/loopback.ts';
import { workspaceOptions } from './workspace-setup.ts';
import type { WorkbenchApi, WorkbenchEvents } from './workbench-api.ts';
import { buildCallbackUrl } from './callback-url.ts';
import { bindTriggerHost } from './trigger-host-binding.ts';
import { watchAccessKeys } from './key-watch.ts';
import { listenerStatusOf, startTriggerListener } from './listener-start.ts';
import { workflowView } from './workflow-view.ts';

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

const VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

/** A core error a user can meet (bad workflow name, unknown workflow...), with a code. */
export class WorkbenchError extends CodedError {}

const emptySnapshot = (root: string): WorkspaceSnapshot => ({ root, workflows: [], parameters: {}, appSettings: {}, problems: [] });

/**
 * The workbench core: workspace, listener, auth and history, shared by the Electron
 * app, the CLI and the web host (docs/hosts.md: one core, several hosts).
 */
export class Workbench implements WorkbenchApi {
  readonly dataDir: string;
  readonly events = new EventEmitter<WorkbenchEvents>();
  readonly history: RunHistory;
  /** The CA and server certificates; replaced by regenerateCa(). */
  tls: TlsMaterial;
  readonly issuer: LocalIssuer;
  private readonly verifier: TokenVerifier;
  private keys: AccessKeys;
  private settings: Settings;
  private readonly overrides: Partial<Settings>;
  private snapshot!: WorkspaceSnapshot;
  private byName = new Map<string, LoadedWorkflow>();
  private listener?: RunningListener;
  private listenerError?: { code: string; message: string };
  private watcher?: { close(): Promise<void> };
  private keysWatcher?: FSWatcher;
  private readonly watch: boolean;
  private readonly stopping = new AbortController();
  /** start() was called: settings changes then restart the listener. */
  private started = false;

  private constructor(init: { options: WorkbenchOptions; history: RunHistory; tls: TlsMaterial; issuer: LocalIssuer; verifier: TokenVerifier; keys: AccessKeys; settings: Settings; snapshot: WorkspaceSnapshot }) {
    this.dataDir = init.options.dataDir;
    this.history = init.history;
    this.tls = init.tls;
    this.issuer = init.issuer;
    this.verifier = init.verifier;
    this.keys = init.keys;
    this.settings = init.settings;
    this.overrides = {};
    if (init.options.host !== undefined) this.overrides.host = init.options.host;
    if (init.options.port !== undefined) this.overrides.port = init.options.port;
    if (init.options.timeoutSeconds !== undefined) this.overrides.timeoutSeconds = init.options.timeoutSeconds;
    if (init.options.allowRemote !== undefined) this.overrides.allowRemote = init.options.allowRemote;
    this.watch = init.options.watch ?? true;
    this.setSnapshot(init.snapshot);
    this.history.onChange((change) => this.events.emit('runs:changed', { ids: change.ids }));
  }

  /** Opens the data folder (creating keys, CA, issuer and history on first start) and loads the workspace. */
  static async create(options: WorkbenchOptions): Promise<Workbench> {
    await ensurePrivateDir(options.dataDir);
    const settings = await loadSettings(options.dataDir);
    checkSettings({ host: options.host, port: options.port, timeoutSeconds: options.timeoutSeconds }, 'options');
    const host = options.host ?? settings.host;
    // The history's writer thread starts and opens its file while the rest loads, rather
    // than blocking the start for it (docs/cli.md, "Start-up").
    const opening = openRunHistoryAsync(options.dataDir, { retention: settings.retention, recordValueBytes: runtimeLimits(settings).recordValueBytes });
    opening.catch(() => undefined); // its failure is thrown below, by the await
    let loaded: [TlsMaterial, LocalIssuer, AccessKeys, TokenVerifier, WorkspaceSnapshot];
    try {
      const [tls, issuer, keys] = await Promise.all([
        loadOrCreateTlsMaterial(options.dataDir, { hostnames: [host] }),
        loadOrCreateLocalIssuer(options.dataDir),
        loadOrCreateAccessKeys(options.dataDir),
      ]);
      const verifier = await createTokenVerifier(options.dataDir, issuer);
      const snapshot = options.workspaceRoot ? await loadWorkspace(options.workspaceRoot, workspaceOptions()) : emptySnapshot('');
      loaded = [tls, issuer, keys, verifier, snapshot];
    } catch (error) {
      await opening.then((history) => history.close(), () => undefined);
      throw error;
    }
    const history = await opening;
    const [tls, issuer, keys, verifier, snapshot] = loaded;
    return new Workbench({ options, history, tls, issuer, verifier, keys, settings, snapshot });
  }

  private effective(): Settings {
    return { ...this.settings, ...this.overrides };
  }

  private setSnapshot(snapshot: WorkspaceSnapshot): void {
    this.snapshot = snapshot;
    this.byName = new Map(snapshot.workflows.map((w) => [w.name.toLowerCase(), w]));
  }

  /** The listener's view of the workbench (trigger-host-binding.ts). */
  private triggerHost(): TriggerHost {
    return bindTriggerHost({
      workflow: (name) => this.byName.get(name.toLowerCase()),
      snapshot: () => this.snapshot,
      keys: () => this.keys,
      verifier: this.verifier,
      settings: () => this.effective(),
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
    this.started = true;
    const baseBefore = this.baseUrl();
    try {
      return await this.startListener();
    } finally {
      // Callback URLs carry the listener's address: a restart on another port (or a
      // listener that could not start) changes every workflow's URL, so the console must
      // hear it (docs/console.md: never stale).
      if (this.baseUrl() !== baseBefore || !this.listener) this.events.emit('workspace:changed', this.workspaceView());
    }
  }

  private async startListener(): Promise<ListenerStatus> {
    await this.listener?.close();
    this.listener = undefined;
    this.listenerError = undefined;
    const started = await startTriggerListener({ settings: this.effective(), tls: this.tls, triggers: this.triggerHost(), issuer: this.issuer });
    this.listener = started.listener;
    this.listenerError = started.error;
    if (this.listener) {
      if (this.watch && this.snapshot.root && !this.watcher) this.startWatching();
      if (this.watch && !this.keysWatcher) this.watchKeys();
    }
    const status = this.listenerStatus();
    this.events.emit('listener:status', status);
    return status;
  }

  private startWatching(): void {
    this.watcher = watchWorkspace(this.snapshot.root, workspaceOptions(), (snapshot) => {
      this.setSnapshot(snapshot);
      this.events.emit('workspace:changed', this.workspaceView());
    });
  }

  /** Follows keys.json, which `triggerbench keys regenerate` may rewrite from another process. */
  private watchKeys(): void {
    this.keysWatcher = watchAccessKeys(this.dataDir, (keys) => {
      if (keys.primary === this.keys.primary && keys.secondary === this.keys.secondary) return;
      this.keys = keys;
      this.events.emit('workspace:changed', this.workspaceView());
    });
  }

  async stop(): Promise<void> {
    this.keysWatcher?.close();
    this.keysWatcher = undefined;
    this.stopping.abort();
    // Cancelled runs answer their waiting callers (503 ServiceStopping) within a turn:
    // let them write before the listener drops every connection.
    await new Promise((resolve) => setImmediate(resolve));
    await this.watcher?.close();
    this.watcher = undefined;
    await this.listener?.close();
    this.listener = undefined;
    this.history.close();
  }

  private listenerStatus(): ListenerStatus {
    return listenerStatusOf(this.effective(), this.listener, this.listenerError);
  }

  info(host: 'electron' | 'web'): AppInfo {
    const listener = this.listenerStatus();
    const routes = issuerRoutes(this.issuer.tenantId);
    return {
      version: VERSION,
      dataDir: this.dataDir,
      listener,
      settings: this.effective(),
      ca: { path: this.tls.caCertPath, fingerprint256: this.tls.caFingerprint256, notAfter: this.tls.caNotAfter, nameConstrained: this.tls.caNameConstrained, hostsOutsideCa: this.tls.hostsOutsideCa },
      issuer: { issuer: this.issuer.issuer, tenantId: this.issuer.tenantId, jwksUrl: listener.baseUrl + routes.jwks, openIdConfigurationUrl: listener.baseUrl + routes.openIdConfiguration },
      host,
    };
  }

  /** The base URL callback URLs use (the running listener's, else the configured one). */
  private baseUrl(): string {
    return this.listener?.baseUrl ?? this.listenerStatus().baseUrl;
  }

  callbackUrl(name: string, keyType: KeyType, notAfter?: Date): string {
    const found = findTrigger((wanted) => this.byName.get(wanted.toLowerCase()), { workflow: name, mustBeCallable: false });
    if (!found.ok) throw new WorkbenchError(found.code, found.message);
    return buildCallbackUrl(this.baseUrl(), found.workflow.name, found.plan.triggerName, this.keys, keyType, notAfter);
  }

  private requireWorkflow(name: string): LoadedWorkflow {
    const workflow = this.byName.get(name.toLowerCase());
    if (!workflow) throw new WorkbenchError('WorkflowNotFound', workflowNotFound(name).message);
    return workflow;
  }

  /** A workflow's view; one that cannot be described is shown not callable with the reason, never failing the whole workspace. */
  private safeView(workflow: LoadedWorkflow): WorkflowView {
    try {
      return this.view(workflow);
    } catch (error) {
      const problem = { code: 'WorkflowViewFailed', severity: 'error' as const, file: workflow.file, pointer: '', workflow: workflow.name, message: `'${workflow.name}' cannot be shown: ${(error as Error).message}` };
      return { name: workflow.name, file: workflow.file, kind: workflow.kind, callable: false, hasResponse: false, oauthPolicies: [], sasEnabled: true, problems: [...workflow.problems, problem] };
    }
  }

  private view(workflow: LoadedWorkflow): WorkflowView {
    return workflowView(workflow, (trigger) => ({
      primary: buildCallbackUrl(this.baseUrl(), workflow.name, trigger, this.keys, 'primary'),
      secondary: buildCallbackUrl(this.baseUrl(), workflow.name, trigger, this.keys, 'secondary'),
    }));
  }

  workspaceView(): WorkspaceView {
    return {
      root: this.snapshot.root,
      workflows: this.snapshot.workflows.map((w) => this.safeView(w)),
      problems: this.snapshot.problems,
      // Names only: the designer lists them as dynamic content; app setting values may be secrets.
      parameterNames: Object.keys(this.snapshot.parameters),
      appSettingNames: Object.keys(this.snapshot.appSettings),
    };
  }

  /** The loaded workflows (for the CLI). */
  workflows(): readonly LoadedWorkflow[] {
    return this.snapshot.workflows;
  }

  async openWorkspace(root: string): Promise<WorkspaceView> {
    await this.watcher?.close();
    this.watcher = undefined;
    this.setSnapshot(await loadWorkspace(root, workspaceOptions()));
    if (this.watch && this.listener) this.startWatching();
    const view = this.workspaceView();
    this.events.emit('workspace:changed', view);
    return view;
  }

  private requireRoot(): string {
    if (!this.snapshot.root) throw new WorkbenchError('NoWorkspace', 'No workspace is open. Open a Logic Apps Standard project folder first.');
    return this.snapshot.root;
  }

  async readWorkflow(name: string): Promise<{ name: string; text: string }> {
    const workflow = this.requireWorkflow(name);
    return { name: workflow.name, text: await readFile(join(this.requireRoot(), workflow.file), 'utf8') };
  }

  async saveWorkflow(name: string, text: string): Promise<{ workflow?: WorkflowView; problems: Problem[] }> {
    const root = this.requireRoot();
    // The loader's JSON rule, so the console gets the same message, line and column it would after a save.
    const parsed = parseJsonFile(text, `${name}/workflow.json`, name);
    if (parsed.problem) return { problems: [{ ...parsed.problem, message: `${parsed.problem.message} Nothing was saved.` }] };
    const json = parsed.value;
    if (!json || typeof json !== 'object' || Array.isArray(json)) {
      return { problems: [{ code: 'InvalidWorkflowFile', severity: 'error', message: 'workflow.json must be a JSON object with "definition" and "kind". Nothing was saved.', file: `${name}/workflow.json`, pointer: '' }] };
    }
    await saveWorkflow(root, name, text); // the text, not the object: keeps the user's formatting
    await this.reload();
    const saved = this.byName.get(name.toLowerCase());
    return saved ? { workflow: this.view(saved), problems: saved.problems } : { problems: [] };
  }

  async createWorkflow(name: string, definition?: unknown): Promise<WorkflowView> {
    const root = this.requireRoot();
    await createWorkflow(root, name, definition === undefined ? undefined : { definition: definition as Record<string, unknown>, kind: 'Stateful' });
    await this.reload();
    return this.view(this.requireWorkflow(name));
  }

  /** Re-reads the workspace now (after our own writes, so callers see them at once). */
  private async reload(): Promise<void> {
    this.setSnapshot(await loadWorkspace(this.requireRoot(), workspaceOptions()));
    this.events.emit('workspace:changed', this.workspaceView());
  }

  async mintToken(options: { aud?: string; sub?: string; claims?: Record<string, unknown>; ttlSeconds?: number }): Promise<{ token: string; claims: Record<string, unknown>; expiresAt: string }> {
    const token = await this.issuer.mint(options);
    const claims = decodeJwt(token) as Record<string, unknown>;
    return { token, claims, expiresAt: new Date(Number(claims.exp) * 1000).toISOString() };
  }

  async updateSettings(patch: Partial<Settings>): Promise<AppInfo> {
    checkSettings(patch, 'settings');
    const before = this.effective();
    const nextHost = patch.host ?? this.effective().host;
    if (!isLoopbackHost(nextHost) && patch.allowRemote !== true && !(patch.host === undefined && this.effective().allowRemote === true)) {
      throw new WorkbenchError('RemoteBindingNeedsConfirmation', `Listening on ${nextHost} would accept calls from other machines on your network. Confirm it (allowRemote: true, the confirmation in Settings), or use 127.0.0.1 to stay on this machine.`);
    }
    this.settings = { ...this.settings, ...patch, retention: { ...this.settings.retention, ...patch.retention } };
    // The choice goes with the address it was made for: back on loopback, it is cleared.
    if (isLoopbackHost(this.settings.host)) delete this.settings.allowRemote;
    if (patch.limits) this.settings.limits = { ...this.settings.limits, ...patch.limits };
    for (const key of Object.keys(patch) as (keyof Settings)[]) delete this.overrides[key];
    await saveSettings(this.dataDir, this.settings);
    if (patch.retention) this.history.setRetention(this.settings.retention);
    if (patch.limits) this.history.setRecordValueBytes(runtimeLimits(this.settings).recordValueBytes);
    const after = this.effective();
    // Restart on a new address, or to retry one that failed (a port that was in use).
    if (this.started && (after.host !== before.host || after.port !== before.port || this.listenerError)) await this.start();
    return this.info('web');
  }

  /**
   * Replaces the local CA with a new name-constrained one (docs/tls.md) and restarts the
   * listener on the new server certificates. Clients must trust the new CA again.
   */
  async regenerateCa(): Promise<AppInfo> {
    this.tls = await regenerateCertificateAuthority(this.dataDir, { hostnames: [this.effective().host] });
    if (this.started) await this.start();
    return this.info('web');
  }

  async regenerateKey(which: KeyType): Promise<void> {
    this.keys = await regenerateAccessKey(this.dataDir, which);
    this.events.emit('workspace:changed', this.workspaceView());
  }

  caPem(): string {
    return this.tls.caCertPem;
  }

  async listTrustedJwks(): Promise<{ name: string; kids: string[]; addedAt: string }[]> {
    return (await listTrustedJwks(this.dataDir)).map((entry) => ({ name: entry.name, kids: entry.jwks.keys.map((k) => String(k.kid ?? '')), addedAt: entry.addedAt }));
  }

  async addTrustedJwks(name: string, text: string): Promise<{ name: string; kids: string[]; addedAt: string }[]> {
    await addTrustedJwks(this.dataDir, name, text);
    await this.verifier.reload();
    return this.listTrustedJwks();
  }

  async removeTrustedJwks(name: string): Promise<{ name: string; kids: string[]; addedAt: string }[]> {
    await removeTrustedJwks(this.dataDir, name);
    await this.verifier.reload();
    return this.listTrustedJwks();
  }
}

/** Creates the workbench core. */
export async function createWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  return Workbench.create(options);
}
