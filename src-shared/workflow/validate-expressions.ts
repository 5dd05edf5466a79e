import { listActions } from './action-tree.ts';
import { childPointer } from './json-pointer.ts';
import { sameTypeName } from './type-names.ts';
import { isExpressionString, isRecord, type ValidationContext } from './validation-context.ts';
import type { WorkflowDefinition } from './types.ts';

/**
 * Checks one expression string; returns its problems (empty when it is fine). Each is an
 * error unless it says `severity: 'warning'` (e.g. a function the engine does not run yet,
 * which should not stop the workflow being called).
 */
export type ExpressionChecker = (text: string) => { code: string; message: string; severity?: 'error' | 'warning' }[];

/** Keys whose values are names or nested actions, never expressions. */
const ACTION_SKIPPED_KEYS = new Set(['type', 'kind', 'runAfter', 'actions', 'else', 'cases', 'default', 'description', 'metadata']);

/** Action types whose `inputs.code` is source code, not WDL text. */
const CODE_ACTION_TYPES = ['JavaScriptCode', 'InlineCode', 'CSharpScriptCode', 'PowershellCode'];

const SCHEMA_ONLY: ReadonlySet<string> = new Set(['schema']);
const SCHEMA_AND_CODE: ReadonlySet<string> = new Set(['schema', 'code']);

/**
 * Runs the checker on every string Logic Apps evaluates: those starting with `@` or
 * holding `@{` in the trigger, the actions and the definition's outputs. JSON schemas
 * (`inputs.schema`) and inline code are skipped because they are data, not WDL text.
 * The checker receives the JSON string value exactly as written.
 */
export function validateExpressions(ctx: ValidationContext, definition: WorkflowDefinition, check: ExpressionChecker): void {
  const report = (text: string, pointer: string): void => {
    for (const issue of check(text)) (issue.severity === 'warning' ? ctx.warning : ctx.error)(issue.code, pointer, issue.message);
  };
  /** Walks a JSON value; `skipKeys` applies to the first object level only. */
  const walk = (value: unknown, pointer: string, skipKeys?: ReadonlySet<string>): void => {
    if (typeof value === 'string') {
      if (isExpressionString(value)) report(value, pointer);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, childPointer(pointer, index)));
    } else if (isRecord(value)) {
      for (const [key, child] of Object.entries(value)) {
        if (!skipKeys?.has(key)) walk(child, childPointer(pointer, key));
      }
    }
  };
  if (isRecord(definition.triggers)) {
    for (const [name, trigger] of Object.entries(definition.triggers)) {
      if (!isRecord(trigger)) continue;
      const pointer = childPointer('/definition/triggers', name);
      for (const [key, value] of Object.entries(trigger)) {
        if (key === 'type' || key === 'kind' || key === 'description' || key === 'metadata') continue;
        walk(value, childPointer(pointer, key), key === 'inputs' ? SCHEMA_ONLY : undefined);
      }
    }
  }
  for (const listed of listActions(definition)) {
    const isCode = CODE_ACTION_TYPES.some((t) => sameTypeName(listed.type, t));
    for (const [key, value] of Object.entries(listed.action)) {
      if (ACTION_SKIPPED_KEYS.has(key)) continue;
      const pointer = childPointer(listed.pointer, key);
      walk(value, pointer, key === 'inputs' ? (isCode ? SCHEMA_AND_CODE : SCHEMA_ONLY) : undefined);
    }
  }
  if (isRecord(definition.outputs)) walk(definition.outputs, '/definition/outputs');
}
