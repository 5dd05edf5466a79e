import { CodedError } from '../../src-shared/coded-error.ts';
import { EventEmitter } from 'node:events';
import { decodeJwt } from 'jose';
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import type { AppInfo, KeyType, ListenerStatus, Settings, WorkflowView, WorkspaceView } from '../../src-shared/contract.ts';
import type { Problem } from '../../src-shared/problems.ts';
import type { RunRecord } from '../../src-shared/runs.ts';
import { accessKeysPath, loadOrCreateAccessKeys, regenerateAccessKey, type AccessKeys } from '../auth/access-keys.ts';
import type { AccessControl } from '../auth/access-control.ts';
import { authorizeCall } from '../auth/authorize.ts';
import { issuerRoutes, loadOrCreateLocalIssuer, type LocalIssuer } from '../auth/local-issuer.ts';
import { sasQuery } from '../auth/sas.ts';
import { createTokenVerifier, type TokenVerifier } from '../auth/token-verifier.ts';
import { addTrustedJwks, listTrustedJwks, removeTrustedJwks } from '../auth/trusted-jwks.ts';
import { loadOrCreateTlsMaterial, regenerateCertificateAuthority, type TlsMaterial } from '../tls/certificate-authority.ts';
import { API_VERSIONS, standardTriggerPath } from '../../src-shared/workflow/routes.ts';
import { baseUrlFor, startListener, type RunningListener } from '../listener/server.ts';
import type { ServedWorkflow, TriggerHost } from '../listener/trigger-host.ts';
import { findTrigger, workflowNotFound } from '../../src-shared/workflow/find-trigger.ts';
import { planFor } from '../../src-shared/workflow/workflow-plan.ts';
import { ensurePrivateDir } from '../files/files.ts';
import { openRunHistoryAsync, type RunHistory } from '../history/history.ts';
import { createWorkflow, loadWorkspace, saveWorkflow, watchWorkspace, type LoadedWorkflow, type WorkspaceSnapshot } from '../workspace/workspace.ts';
import { loadSettings, saveSettings, checkSettings, runtimeLimits } from './settings.ts';
import { LoadBudget } from '../listener/load-budget.ts';
import { isLoopbackHost } from '../../src-shared/loopback.ts';
import { workspaceOptions } from './workspace-setup.ts';
import { runServicesFor } from './run-services.ts';
import type { WorkbenchApi, WorkbenchEvents } from './workbench-api.ts';

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
 * app, the CLI and the web host (design: one core, several hosts).
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

  /** The listener's view of the workbench (src-main/listener/trigger-host.ts). */
  private triggerHost(): TriggerHost {
    return {
      findWorkflow: (name) => this.byName.get(name.toLowerCase()) as ServedWorkflow | undefined,
      parameters: () => this.snapshot.parameters,
      appSettings: () => this.snapshot.appSettings,
      authorize: ({ workflow, trigger, query, authorization, remoteAddress }) =>
        authorizeCall({ workflow: workflow.name, trigger, query, authorization, remoteAddress, accessControl: workflow.accessControl as AccessControl | undefined, keys: this.keys, verifier: this.verifier }),
      timeoutMs: () => this.effective().timeoutSeconds * 1000,
      limits: () => runtimeLimits(this.effective()),
      budget: new LoadBudget(() => runtimeLimits(this.effective())),
      recorderRoom: () => this.history.room(),
      saveRun: (run: RunRecord, final: boolean) => {
        this.history.record(run);
        if (final) this.events.emit('run', run);
      },
      signal: this.stopping.signal,
      runServices: (name) =>
        runServicesFor({
          root: this.snapshot.root,
          workflow: this.byName.get(name.toLowerCase()),
          trustedCaPem: this.tls.caCertPem,
          callbackUrl: (child, trigger) => {
            const target = this.byName.get(child.toLowerCase());
            const plan = target?.callable && target.definition ? planFor(target.definition) : null;
            if (!plan || (trigger !== undefined && trigger.toLowerCase() !== plan.triggerName.toLowerCase())) return undefined;
            return this.callbackUrl(target!.name, 'primary');
          },
        }),
    };
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
    const { host, port, allowRemote } = this.effective();
    if (!isLoopbackHost(host) && allowRemote !== true) {
      // Never silently: other machines could call every workflow (docs/hosts.md).
      this.listenerError = {
        code: 'RemoteBindingNotAllowed',
        message: `Listening on ${host} would accept calls from other machines, so it needs an explicit choice: pass --allow-remote to 'triggerbench serve', or confirm it in Settings. Use 127.0.0.1 to stay on this machine.`,
      };
      const refused = this.listenerStatus();
      this.events.emit('listener:status', refused);
      return refused;
    }
    try {
      const routes = issuerRoutes(this.issuer.tenantId);
      this.listener = await startListener({
        host,
        port,
        tls: this.tls,
        triggers: this.triggerHost(),
        documents: (pathname, baseUrl) => {
          if (pathname === routes.openIdConfiguration || pathname === '/.well-known/openid-configuration') return this.issuer.openIdConfiguration(baseUrl);
          if (pathname === routes.jwks || pathname === '/discovery/keys') return this.issuer.jwks();
          return undefined;
        },
      });
    } catch (error) {
      // A port in use or a bad host is the user's to fix (Settings, --port): report it in
      // the status, which the console shows, rather than fail the whole app.
      this.listenerError = { code: (error as { code?: string }).code ?? 'ListenFailed', message: (error as Error).message };
      const failed = this.listenerStatus();
      this.events.emit('listener:status', failed);
      return failed;
    }
    if (this.watch && this.snapshot.root && !this.watcher) this.startWatching();
    if (this.watch && !this.keysWatcher) this.watchKeys();
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

  /**
   * `triggerbench keys regenerate` in another process rewrites keys.json: re-read it so
   * URLs signed with the old key stop working here too, without a restart.
   */
  private watchKeys(): void {
    const file = accessKeysPath(this.dataDir);
    this.keysWatcher = watch(this.dataDir, (_event, name) => {
      if (name !== basename(file)) return;
      loadOrCreateAccessKeys(this.dataDir).then(
        (keys) => {
          if (keys.primary === this.keys.primary && keys.secondary === this.keys.secondary) return;
          this.keys = keys;
          this.events.emit('workspace:changed', this.workspaceView());
        },
        () => undefined, // a half-written file: the rename that completes it fires again
      );
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
    const { host, port } = this.effective();
    const status: ListenerStatus = { running: !!this.listener, host, port: this.listener?.port ?? port, baseUrl: this.listener?.baseUrl ?? baseUrlFor(host, port) };
    if (this.listenerError) status.error = this.listenerError;
    if (this.listener && !isLoopbackHost(host)) status.remote = true;
    return status;
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
    const plan = workflow.definition ? planFor(workflow.definition) : null;
    const access = workflow.accessControl as AccessControl | undefined;
    const policies = access?.triggers?.openAuthenticationPolicies?.policies ?? {};
    const view: WorkflowView = {
      name: workflow.name,
      file: workflow.file,
      kind: workflow.kind,
      callable: workflow.callable,
      hasResponse: plan?.hasResponse ?? false,
      oauthPolicies: Object.entries(policies).map(([name, policy]) => ({ name, type: policy.type, claims: policy.claims })),
      sasEnabled: access?.triggers?.sasAuthenticationPolicy?.state?.toLowerCase() !== 'disabled',
      problems: workflow.problems,
    };
    if (plan) {
      const inputs = plan.trigger.inputs ?? {};
      view.trigger = { name: plan.triggerName, method: plan.method, relativePath: inputs.relativePath, schema: inputs.schema, operationOptions: plan.trigger.operationOptions };
      if (workflow.callable) {
        // A URL that cannot be built is a problem of this workflow only, never of the workspace view.
        try {
          view.callbackUrl = {
            primary: buildCallbackUrl(this.baseUrl(), workflow.name, plan.triggerName, this.keys, 'primary'),
            secondary: buildCallbackUrl(this.baseUrl(), workflow.name, plan.triggerName, this.keys, 'secondary'),
          };
        } catch (error) {
          view.callable = false;
          view.problems = [...view.problems, { code: 'NoCallbackUrl', severity: 'error', file: workflow.file, pointer: '', workflow: workflow.name, message: `No callback URL can be made for '${workflow.name}': ${(error as Error).message}` }];
        }
      }
    }
    return view;
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
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return { problems: [{ code: 'InvalidJson', severity: 'error', message: `The workflow is not valid JSON: ${(error as Error).message}. Nothing was saved.`, file: `${name}/workflow.json`, pointer: '' }] };
    }
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

/** A Standard-shape callback URL (reference section 3) signed with one access key. */
export function buildCallbackUrl(baseUrl: string, workflow: string, trigger: string, keys: AccessKeys, keyType: KeyType, notAfter?: Date): string {
  const query = new URLSearchParams({ 'api-version': API_VERSIONS.standard });
  for (const [key, value] of sasQuery({ workflow, trigger, keys, keyType, notAfter })) query.append(key, value);
  return `${baseUrl}${standardTriggerPath(workflow, trigger)}?${query.toString()}`;
}

/** Creates the workbench core. */
export async function createWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  return Workbench.create(options);
}
