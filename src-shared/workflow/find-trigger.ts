import type { Problem } from '../problems.ts';
import type { WorkflowDefinition } from './types.ts';
import { planFor, type WorkflowPlan } from './workflow-plan.ts';

/** What a trigger lookup needs of a loaded workflow. */
export interface TriggerCandidate {
  name: string;
  definition?: WorkflowDefinition;
  callable: boolean;
  problems: readonly Problem[];
}

/** Why a workflow's trigger cannot be reached: status, Azure's code and a message that says the fix. */
export interface TriggerLookupError {
  status: 400 | 404;
  code: 'WorkflowNotFound' | 'WorkflowNotCallable' | 'WorkflowTriggerNotFound';
  message: string;
  /**
   * What a caller that has not authenticated may learn (docs/runtime.md, "Before
   * authentication"): never the real trigger name or the problem texts.
   */
  publicMessage: string;
}

/** A workflow and its plan, or why there is none. */
export type TriggerLookup<W extends TriggerCandidate> = { ok: true; workflow: W; plan: WorkflowPlan } | ({ ok: false } & TriggerLookupError);

/** The 404 for a workflow name the workspace does not hold; local tools pass the names it does hold. */
export function workflowNotFound(name: string, available?: readonly string[]): TriggerLookupError {
  const there = available ? ` Workflows there: ${available.join(', ') || 'none'}.` : '';
  const message = `The workflow '${name}' could not be found in the open workspace.${there} Check the name, or add '${name}/workflow.json' to the workspace.`;
  return { status: 404, code: 'WorkflowNotFound', message, publicMessage: available ? `The workflow '${name}' could not be found in the open workspace.` : message };
}

/** What is asked for: the workflow by name, optionally its trigger's name, and whether it must be callable now. */
export interface TriggerRequest {
  workflow: string;
  /** Checked case-insensitively against the Request trigger's name when given. */
  trigger?: string;
  /** A call needs a workflow without errors; a callback URL only needs a Request trigger. */
  mustBeCallable: boolean;
  /** The workspace's workflow names, listed in the 404 (local tools only: callers over HTTP never see them). */
  available?: readonly string[];
}

/**
 * Finds a workflow's Request trigger, the one rule the listener, the core and the CLI share
 * (docs/runtime.md, "A call"): unknown workflow → 404 WorkflowNotFound, no Request trigger
 * or (for a call) errors → 400 WorkflowNotCallable, another trigger name → 404 WorkflowTriggerNotFound.
 */
export function findTrigger<W extends TriggerCandidate>(find: (name: string) => W | undefined, request: TriggerRequest): TriggerLookup<W> {
  const workflow = find(request.workflow);
  if (!workflow) return { ok: false, ...workflowNotFound(request.workflow, request.available) };
  const plan = workflow.definition ? planFor(workflow.definition) : null;
  if (!plan || (request.mustBeCallable && !workflow.callable)) {
    // A file with errors (invalid JSON, say) has no plan either: its first error is the news.
    const firstError = request.mustBeCallable ? workflow.problems.find((p) => p.severity === 'error') : undefined;
    const message = firstError
      ? `The workflow '${workflow.name}' cannot be called until its problems are fixed. First problem: ${firstError.file}${firstError.pointer ? ` at ${firstError.pointer}` : ''}: ${firstError.message}`
      : plan
        ? `The workflow '${workflow.name}' cannot be called until its problems are fixed.`
        : `The workflow '${workflow.name}' cannot be called: it has no Request trigger ("When an HTTP request is received"), so it has no callback URL.`;
    const publicMessage = `The workflow '${request.workflow}' cannot be called until its problems are fixed. Its problems are listed in Triggerbench.`;
    return { ok: false, status: 400, code: 'WorkflowNotCallable', message, publicMessage };
  }
  if (request.trigger !== undefined && plan.triggerName.toLowerCase() !== request.trigger.toLowerCase()) {
    const publicMessage = `The workflow '${request.workflow}' has no trigger '${request.trigger}'.`;
    return { ok: false, status: 404, code: 'WorkflowTriggerNotFound', message: `${publicMessage} Its Request trigger is '${plan.triggerName}'.`, publicMessage };
  }
  return { ok: true, workflow, plan };
}
