/** What the listener needs from the workbench, and the workflow shape it serves. */
import type { WorkflowDefinition } from '../../src-shared/workflow/types.ts';
import type { AuthInfo, RunRecord } from '../../src-shared/runs.ts';
import type { Problem } from '../../src-shared/problems.ts';
import type { RunServices } from '../runtime/run-types.ts';
import type { RuntimeLimits } from '../../src-shared/contract.ts';
import type { LoadBudget } from './load-budget.ts';

/** A workflow as the listener serves it. */
export interface ServedWorkflow {
  name: string;
  definition?: WorkflowDefinition;
  callable: boolean;
  problems: Problem[];
  accessControl?: unknown;
  mtimeMs: number;
}

/** Result of the auth decision (src-main/auth). */
export type AuthDecision = { ok: true; auth: AuthInfo } | { ok: false; status: number; code: string; message: string };

/** What the listener needs from the workbench. */
export interface TriggerHost {
  findWorkflow(name: string): ServedWorkflow | undefined;
  parameters(): Record<string, unknown>;
  appSettings(): Record<string, string>;
  authorize(input: { workflow: ServedWorkflow; trigger: string; query: URLSearchParams; authorization?: string; remoteAddress: string }): Promise<AuthDecision>;
  timeoutMs(): number;
  /** The bounds on memory and disk in force now (settings over the defaults). */
  limits?(): RuntimeLimits;
  /** The listener's global bound on runs and body bytes in flight. */
  budget?: LoadBudget;
  /**
   * Undefined when calls may go ahead; a promise while the run history has fallen too far
   * behind, resolved once it has caught up (docs/runtime.md, "A call").
   */
  recorderRoom?(): Promise<void> | undefined;
  /** Keeps a call's run record: `final: false` when the answer went out while the run goes on, `true` at the end. */
  saveRun(run: RunRecord, final: boolean): void;
  signal: AbortSignal;
  /** What a run of this workflow may use beyond the call: outbound trust, child workflows, mocks. */
  runServices?(workflow: string): RunServices;
}
