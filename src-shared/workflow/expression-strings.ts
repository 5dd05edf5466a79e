import { listActions } from './action-tree.ts';
import { childPointer } from './json-pointer.ts';
import { sameTypeName } from './type-names.ts';
import { isExpressionString, isRecord } from './validation-context.ts';
import type { WorkflowDefinition } from './types.ts';

/** One string Logic Apps evaluates, with the JSON pointer of where it is written. */
export interface ExpressionString {
  text: string;
  pointer: string;
}

/** Keys whose values are names or nested actions, never expressions. */
const ACTION_SKIPPED_KEYS = new Set(['type', 'kind', 'runAfter', 'actions', 'else', 'cases', 'default', 'description', 'metadata']);

/** Action types whose `inputs.code` is source code, not WDL text. */
const CODE_ACTION_TYPES = ['JavaScriptCode', 'InlineCode', 'CSharpScriptCode', 'PowershellCode'];

const SCHEMA_ONLY: ReadonlySet<string> = new Set(['schema']);
const SCHEMA_AND_CODE: ReadonlySet<string> = new Set(['schema', 'code']);

/**
 * Every string Logic Apps evaluates (starting with `@` or holding `@{`) in the trigger,
 * the actions and the definition's outputs, in file order. JSON schemas
 * (`inputs.schema`) and inline code are skipped: they are data, not WDL text.
 * `basePointer` is where the definition sits in its file.
 */
export function listExpressionStrings(definition: WorkflowDefinition, basePointer = '/definition'): ExpressionString[] {
  const out: ExpressionString[] = [];
  /** Walks a JSON value; `skipKeys` applies to the first object level only. */
  const walk = (value: unknown, pointer: string, skipKeys?: ReadonlySet<string>): void => {
    if (typeof value === 'string') {
      if (isExpressionString(value)) out.push({ text: value, pointer });
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
      const pointer = childPointer(childPointer(basePointer, 'triggers'), name);
      for (const [key, value] of Object.entries(trigger)) {
        if (key === 'type' || key === 'kind' || key === 'description' || key === 'metadata') continue;
        walk(value, childPointer(pointer, key), key === 'inputs' ? SCHEMA_ONLY : undefined);
      }
    }
  }
  for (const listed of listActions(definition, basePointer)) {
    const isCode = CODE_ACTION_TYPES.some((t) => sameTypeName(listed.type, t));
    for (const [key, value] of Object.entries(listed.action)) {
      if (ACTION_SKIPPED_KEYS.has(key)) continue;
      walk(value, childPointer(listed.pointer, key), key === 'inputs' ? (isCode ? SCHEMA_AND_CODE : SCHEMA_ONLY) : undefined);
    }
  }
  if (isRecord(definition.outputs)) walk(definition.outputs, childPointer(basePointer, 'outputs'));
  return out;
}
