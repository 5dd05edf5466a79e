import type { Problem } from '../problems.ts';
import { validateActions } from './validate-actions.ts';
import { validateExpressions, type ExpressionChecker } from './validate-expressions.ts';
import { validateTriggers } from './validate-trigger.ts';
import { createValidationContext, describeJsonType, isRecord } from './validation-context.ts';
import type { WorkflowDefinition, WorkflowFile, WorkflowKind } from './types.ts';

/** What `validateWorkflowFile` needs besides the JSON. */
export interface ValidateWorkflowOptions {
  /** Path of the file relative to the workspace root, stamped on each problem. */
  file: string;
  /** Workflow name, stamped on each problem. */
  workflow: string;
  /** Action types the engine runs (case-insensitive); others get a warning. */
  supportedActionTypes: readonly string[];
  /** Syntax check for each expression string, when the caller has a parser. */
  checkExpression?: ExpressionChecker;
}

/** The outcome: the workflow when its shape is usable, and every problem found. */
export interface WorkflowValidation {
  /** Present when `definition` is an object; `kind` normalised (default Stateful). */
  workflow?: WorkflowFile;
  /** Name of the trigger Triggerbench can serve (exactly one trigger, of type Request). */
  requestTrigger?: string;
  problems: Problem[];
}

const KINDS: readonly WorkflowKind[] = ['Stateful', 'Stateless'];

/**
 * Validates a parsed Logic Apps Standard `workflow.json` (`{ definition, kind }`).
 * Pure: problems carry JSON pointers; the caller maps them to line and column.
 * Unknown keys are accepted everywhere, as Logic Apps does.
 */
export function validateWorkflowFile(json: unknown, options: ValidateWorkflowOptions): WorkflowValidation {
  const ctx = createValidationContext(options.file, options.workflow);
  if (!isRecord(json)) {
    ctx.error('InvalidWorkflowFile', '', `workflow.json holds ${describeJsonType(json)}; it must be an object of the form {"definition": {...}, "kind": "Stateful"}.`);
    return { problems: ctx.problems };
  }
  const kind = checkKind(json.kind, ctx);
  const definition = json.definition;
  if (definition === undefined) {
    const hint = isRecord(json.triggers) || isRecord(json.actions) ? ' This looks like a bare definition: wrap it as {"definition": <this>, "kind": "Stateful"}.' : '';
    ctx.error('DefinitionMissing', '', `workflow.json has no "definition".${hint}`);
    return { problems: ctx.problems };
  }
  if (!isRecord(definition)) {
    ctx.error('InvalidDefinition', '/definition', `"definition" is ${describeJsonType(definition)}; it must be an object with "triggers" and "actions".`);
    return { problems: ctx.problems };
  }
  const typed = definition as WorkflowDefinition;
  const requestTrigger = validateTriggers(ctx, typed.triggers, '/definition/triggers');
  const splitOn = Object.values(typed.triggers ?? {}).some((trigger) => isRecord(trigger) && trigger.splitOn !== undefined);
  validateActions(ctx, typed, { supportedActionTypes: options.supportedActionTypes, hasRequestTrigger: requestTrigger !== undefined || hasAnyRequestTrigger(typed), triggerSplitOn: splitOn });
  if (options.checkExpression) validateExpressions(ctx, typed, options.checkExpression);
  return { workflow: { ...json, definition: typed, kind }, requestTrigger, problems: ctx.problems };
}

function hasAnyRequestTrigger(definition: WorkflowDefinition): boolean {
  if (!isRecord(definition.triggers)) return false;
  return Object.values(definition.triggers).some((t) => isRecord(t) && typeof t.type === 'string' && t.type.toLowerCase() === 'request');
}

function checkKind(kind: unknown, ctx: ReturnType<typeof createValidationContext>): WorkflowKind {
  if (kind === undefined) {
    ctx.warning('WorkflowKindMissing', '', 'workflow.json has no "kind"; Triggerbench treats it as "Stateful". Add "kind": "Stateful" or "Stateless".');
    return 'Stateful';
  }
  const match = typeof kind === 'string' ? KINDS.find((k) => k.toLowerCase() === kind.toLowerCase()) : undefined;
  if (!match) {
    ctx.error('InvalidWorkflowKind', '/kind', `"kind" is ${JSON.stringify(kind)}; it must be "Stateful" or "Stateless".`);
    return 'Stateful';
  }
  return match;
}
