import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { EditorState, type Extension } from '@codemirror/state';
import { getLocation } from 'jsonc-parser';
import { listActions } from '../../src-shared/workflow/action-tree.ts';
import { dynamicContent, type DynamicContentContext, type DynamicToken } from '../../src-shared/workflow/dynamic-content.ts';
import { toPointer } from '../../src-shared/workflow/json-pointer.ts';
import type { WorkflowDefinition } from '../../src-shared/workflow/types.ts';
import { expressionBefore } from './expression-assist.ts';
import { parseJsonText } from './json-text.ts';
import { definitionOf } from './workflow-model.ts';

/** Supplies the dynamic content for the place `pos` in the editor's document. */
export type TokenSource = (state: EditorState, pos: number) => readonly DynamicToken[];

function option(token: DynamicToken): Completion {
  return {
    label: token.label,
    type: 'variable',
    detail: token.group.replace(/_/g, ' '),
    info: `${token.detail ? `${token.detail}\n` : ''}@${token.expression}`,
    apply: token.expression,
    // Below function names when both match: a function name typed in full wins.
    boost: -1,
  };
}

/**
 * Dynamic content as CodeMirror completion inside expressions (after `@` or `@{`): picking
 * an entry inserts its expression. Given as language data, so it adds to the function
 * completion of `expressionAssist()` instead of replacing it.
 */
export function dynamicContentCompletion(source: TokenSource): Extension {
  return EditorState.languageData.of(() => [{ autocomplete: dynamicContentCompletions(source) }]);
}

/** The completion source itself: dynamic content where a value starts inside an expression. */
export function dynamicContentCompletions(source: TokenSource): (context: CompletionContext) => CompletionResult | null {
  return (context) => {
    const line = context.state.doc.lineAt(context.pos);
    const before = line.text.slice(0, context.pos - line.from);
    const first = context.state.doc.sliceString(0, 200).trimStart();
    const expression = expressionBefore(before, first.startsWith('{') || first.startsWith('[') || first.startsWith('"'));
    if (expression === undefined) return null;
    const word = /[A-Za-z_][A-Za-z0-9_.-]*$/.exec(expression);
    const prefix = expression.slice(0, expression.length - (word?.[0].length ?? 0));
    const atStart = prefix === '@' || prefix === '@{';
    // Only where a value starts (right after '@' or '@{'), or when asked (Ctrl+Space).
    if (!atStart && !context.explicit) return null;
    const tokens = source(context.state, context.pos);
    if (tokens.length === 0) return null;
    return { from: word ? context.pos - word[0].length : context.pos, options: tokens.map(option), validFor: /^[A-Za-z0-9_.-]*$/ };
  };
}

/**
 * Tokens for a place in a whole `workflow.json`: those of the action whose definition
 * holds the cursor, or the trigger's when the cursor is elsewhere.
 */
export function workflowFileTokens(context: () => DynamicContentContext): TokenSource {
  return (state, pos) => {
    const text = state.doc.toString();
    const parsed = parseJsonText(text);
    if (!parsed.ok) return [];
    const definition = definitionOf(parsed.value) as WorkflowDefinition | undefined;
    if (!definition) return [];
    const base = definition === parsed.value ? '' : '/definition';
    const at = toPointer(getLocation(text, pos).path);
    let target: string | undefined;
    let longest = -1;
    for (const listed of listActions(definition, base)) {
      if ((at === listed.pointer || at.startsWith(`${listed.pointer}/`)) && listed.pointer.length > longest) {
        target = listed.name;
        longest = listed.pointer.length;
      }
    }
    return dynamicContent(definition, target, context());
  };
}
