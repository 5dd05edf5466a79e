// A small in-memory WorkbenchApi for host tests: it records what the hosts ask of the
// core, so the tests check the hosts' own behaviour (routing, validation, transport).
import { EventEmitter } from 'node:events';
import { CodedError } from '../../src-shared/coded-error.ts';
import { workflowNotFound } from '../../src-shared/workflow/find-trigger.ts';
import type { AppInfo, KeyType, Settings, WorkflowView, WorkspaceView } from '../../src-shared/contract.ts';
import type { RunQuery, RunRecord, RunSummary } from '../../src-shared/runs.ts';
import type { WorkbenchApi, WorkbenchEvents } from '../../src-main/core/workbench-api.ts';
import type { RunHistory } from '../../src-main/history/history.ts';

/** Options of the fake. */
export interface FakeOptions {
  baseUrl?: string;
  running?: boolean;
  caPem?: string;
  runs?: RunRecord[];
}

/** The fake plus what it saw. */
export interface FakeWorkbench extends WorkbenchApi {
  calls: { method: string; args: unknown[] }[];
  settings: Settings;
}

function summary(run: RunRecord): RunSummary {
  return { id: run.id, workflow: run.workflow, trigger: run.trigger, status: run.status, method: run.request.method, url: run.request.url, startTime: run.startTime };
}

/** Builds the fake. Unknown workflow names throw `WorkflowNotFound`, as the core does. */
export function createFakeWorkbench(options: FakeOptions = {}): FakeWorkbench {
  const calls: { method: string; args: unknown[] }[] = [];
  const note = (method: string, ...args: unknown[]): void => {
    calls.push({ method, args });
  };
  const runs = new Map((options.runs ?? []).map((run) => [run.id, run]));
  const baseUrl = options.baseUrl ?? 'https://127.0.0.1:7071';
  const settings: Settings = { host: '127.0.0.1', port: 7071, timeoutSeconds: 60, retention: { maxRuns: 1000 } };
  const workspace: WorkspaceView = { root: '/ws', workflows: [], problems: [] };
  const keys: Record<KeyType, string> = { primary: 'PRIMARY', secondary: 'SECONDARY' };
  const requireWorkflow = (name: string): void => {
    // The core's own rule and message (src-shared/workflow/find-trigger.ts), so host tests assert what users see.
    if (name !== 'orders') throw new CodedError('WorkflowNotFound', workflowNotFound(name).message);
  };

  const history: RunHistory = {
    file: '/data/history.sqlite',
    record: (run) => void runs.set(run.id, run),
    flush: () => {},
    list: (query?: RunQuery) => [...runs.values()].filter((r) => !query?.workflow || r.workflow === query.workflow).map(summary),
    count: (query?: RunQuery) => [...runs.values()].filter((r) => !query?.workflow || r.workflow === query.workflow).length,
    get: (id) => runs.get(id),
    delete: (ids) => ids.filter((id) => runs.delete(id)).length,
    clear: (workflow) => {
      const gone = [...runs.values()].filter((r) => !workflow || r.workflow === workflow);
      for (const run of gone) runs.delete(run.id);
      return gone.length;
    },
    setRetention: () => {},
    setRecordValueBytes: () => {},
    onChange: () => () => {},
    room: () => undefined,
    close: () => {},
  };

  const info = (host: 'electron' | 'web'): AppInfo => ({
    version: '0.0.0-test',
    dataDir: '/data',
    listener: { running: options.running ?? true, host: '127.0.0.1', port: 7071, baseUrl },
    settings,
    ca: { path: '/data/tls/ca.pem', fingerprint256: 'AA:BB', notAfter: '2035-01-01T00:00:00.000Z', nameConstrained: true, hostsOutsideCa: [] },
    issuer: { issuer: 'https://sts.windows.net/t/', tenantId: 't', jwksUrl: `${baseUrl}/jwks`, openIdConfigurationUrl: `${baseUrl}/.well-known/openid-configuration` },
    host,
  });

  return {
    calls,
    settings,
    dataDir: '/data',
    events: new EventEmitter<WorkbenchEvents>(),
    history,
    async start() {
      return info('web').listener;
    },
    async stop() {
      note('stop');
    },
    info(host) {
      note('info', host);
      return info(host);
    },
    workspaceView: () => workspace,
    async openWorkspace(root) {
      note('openWorkspace', root);
      return { ...workspace, root };
    },
    async readWorkflow(name) {
      requireWorkflow(name);
      return { name, text: '{}' };
    },
    async saveWorkflow(name, text) {
      note('saveWorkflow', name, text);
      return { problems: [] };
    },
    async createWorkflow(name, definition) {
      note('createWorkflow', name, definition);
      return { name, file: `${name}/workflow.json`, kind: 'Stateful', callable: false, hasResponse: false, oauthPolicies: [], sasEnabled: true, problems: [] } satisfies WorkflowView;
    },
    callbackUrl(name, keyType, notAfter) {
      note('callbackUrl', name, keyType, notAfter);
      requireWorkflow(name);
      const se = notAfter ? `&se=${encodeURIComponent(notAfter.toISOString())}` : '';
      return `${baseUrl}/api/${name}/triggers/manual/invoke?api-version=2022-05-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0${se}&sig=FRESH-${keys[keyType]}`;
    },
    async mintToken(request) {
      note('mintToken', request);
      return { token: 'minted.jwt.token', claims: { ...request.claims, aud: request.aud, sub: request.sub }, expiresAt: '2035-01-01T00:00:00.000Z' };
    },
    async updateSettings(patch) {
      note('updateSettings', patch);
      Object.assign(settings, patch);
      return info('web');
    },
    async regenerateCa() {
      note('regenerateCa');
      return info('web');
    },
    async regenerateKey(which) {
      note('regenerateKey', which);
    },
    caPem: () => options.caPem ?? '-----BEGIN CERTIFICATE-----\nfake\n-----END CERTIFICATE-----\n',
    listTrustedJwks: async () => [],
    addTrustedJwks: async (name) => [{ name, kids: ['k1'], addedAt: '2026-01-01T00:00:00.000Z' }],
    removeTrustedJwks: async () => [],
  };
}

/** A recorded run, with overrides. */
export function recordedRun(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id: '08584000000000000000000000000CU00',
    workflow: 'orders',
    trigger: 'manual',
    status: 'Succeeded',
    startTime: '2026-01-01T00:00:00.000Z',
    correlationId: 'c1',
    actions: [],
    request: {
      method: 'POST',
      url: '/api/orders/triggers/manual/invoke/items/7?api-version=2022-05-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=***&extra=a%20b',
      headers: { Host: '127.0.0.1:7071', 'Content-Type': 'application/json', 'Content-Length': '11', 'X-Custom': 'yes', Connection: 'keep-alive' },
      body: { size: 11, text: '{"n":12345}', contentType: 'application/json' },
      remoteAddress: '127.0.0.1',
      httpVersion: '1.1',
    },
    auth: { scheme: 'SAS', keyType: 'secondary' },
    ...overrides,
  };
}
