import type { Settings } from '../../src-shared/contract.ts';
import type { RunRecord } from '../../src-shared/runs.ts';
import { findTrigger } from '../../src-shared/workflow/find-trigger.ts';
import type { AccessKeys } from '../auth/access-keys.ts';
import type { AccessControl } from '../auth/access-control.ts';
import { authorizeCall } from '../auth/authorize.ts';
import type { TokenVerifier } from '../auth/token-verifier.ts';
import { LoadBudget } from '../listener/load-budget.ts';
import type { ServedWorkflow, TriggerHost } from '../listener/trigger-host.ts';
import type { LoadedWorkflow, WorkspaceSnapshot } from '../workspace/workspace.ts';
import { runServicesFor } from './run-services.ts';
import { runtimeLimits } from './settings.ts';

/** What the listener's view of the workbench reads; accessors, since keys, settings and the workspace change while it runs. */
export interface TriggerHostSources {
  workflow(name: string): LoadedWorkflow | undefined;
  snapshot(): WorkspaceSnapshot;
  keys(): AccessKeys;
  verifier: TokenVerifier;
  settings(): Settings;
  trustedCaPem(): string;
  /** Room left in the history's write queue (back-pressure on new calls). */
  recorderRoom(): Promise<void> | undefined;
  /** Keeps a run record (the history) and announces a final one. */
  saveRun(run: RunRecord, final: boolean): void;
  /** The primary-key callback URL of a workflow, for child workflow calls. */
  callbackUrl(workflow: string): string;
  signal: AbortSignal;
}

/** The listener's view of the workbench (src-main/listener/trigger-host.ts). */
export function bindTriggerHost(sources: TriggerHostSources): TriggerHost {
  return {
    findWorkflow: (name) => sources.workflow(name) as ServedWorkflow | undefined,
    parameters: () => sources.snapshot().parameters,
    appSettings: () => sources.snapshot().appSettings,
    authorize: ({ workflow, trigger, query, authorization, remoteAddress }) =>
      authorizeCall({ workflow: workflow.name, trigger, query, authorization, remoteAddress, accessControl: workflow.accessControl as AccessControl | undefined, keys: sources.keys(), verifier: sources.verifier }),
    timeoutMs: () => sources.settings().timeoutSeconds * 1000,
    limits: () => runtimeLimits(sources.settings()),
    budget: new LoadBudget(() => runtimeLimits(sources.settings())),
    recorderRoom: () => sources.recorderRoom(),
    saveRun: (run, final) => sources.saveRun(run, final),
    signal: sources.signal,
    runServices: (name) =>
      runServicesFor({
        root: sources.snapshot().root,
        workflow: sources.workflow(name),
        trustedCaPem: sources.trustedCaPem(),
        callbackUrl: (child, trigger) => {
          const found = findTrigger(sources.workflow, { workflow: child, trigger, mustBeCallable: true });
          return found.ok ? sources.callbackUrl(found.workflow.name) : undefined;
        },
      }),
  };
}
