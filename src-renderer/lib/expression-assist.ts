import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, hoverTooltip, type Tooltip } from '@codemirror/view';
import { functionHelp, functionHelpList, type FunctionHelp } from '../../src-shared/expression/index.ts';

/**
 * Where the cursor is inside an expression: the text of the expression so far (from its
 * '@' or '@{'), or undefined when the cursor is not in one (outside a JSON string, in a
 * string without '@', or inside a quoted literal of the expression).
 */
export function expressionBefore(lineBefore: string, jsonText: boolean): string | undefined {
  let content = lineBefore;
  if (jsonText) {
    // Inside a JSON string: an odd number of unescaped quotes before the cursor.
    const quotes = [...lineBefore.matchAll(/(?<!\\)(?:\\\\)*"/g)];
    if (quotes.length % 2 === 0) return undefined;
    const last = quotes[quotes.length - 1]!;
    content = lineBefore.slice(last.index + last[0].length);
  }
  const at = content.startsWith('@') && !content.startsWith('@@') ? 0 : content.lastIndexOf('@{');
  if (at < 0) return undefined;
  const expression = content.slice(at);
  // Inside a single-quoted literal ('' is an escaped quote): no function names there.
  if ((expression.match(/'/g)?.length ?? 0) % 2 === 1) return undefined;
  return expression;
}

function isJsonDocument(state: EditorState): boolean {
  const first = state.doc.sliceString(0, 200).trimStart();
  return first.startsWith('{') || first.startsWith('[') || first.startsWith('"');
}

function option(help: FunctionHelp): Completion {
  return {
    label: help.name,
    type: 'function',
    detail: help.signature,
    info: help.description,
    // A function without parameters is complete with '()'; others wait for their arguments.
    apply: help.maxArgs === 0 ? `${help.name}()` : `${help.name}(`,
  };
}

let options: Completion[] | undefined;

/** Completion of function names inside expressions, with each function's signature and description. */
export function expressionCompletions(context: CompletionContext): CompletionResult | null {
  const line = context.state.doc.lineAt(context.pos);
  const before = line.text.slice(0, context.pos - line.from);
  const expression = expressionBefore(before, isJsonDocument(context.state));
  if (expression === undefined) return null;
  const word = /[A-Za-z][A-Za-z0-9]*$/.exec(expression);
  // After '.', a property name is typed, not a function.
  const start = word ? context.pos - word[0].length : context.pos;
  const charBefore = expression[expression.length - (word?.[0].length ?? 0) - 1];
  if (charBefore === '.') return null;
  if (!word && !context.explicit) return null;
  options ??= functionHelpList().map(option);
  return { from: start, options, validFor: /^[A-Za-z0-9]*$/ };
}

/** The function name under `pos` and its range, when it is called there (a name followed by '('). */
export function functionAt(lineText: string, column: number): { name: string; from: number; to: number } | undefined {
  let from = column;
  let to = column;
  while (from > 0 && /[A-Za-z0-9]/.test(lineText[from - 1]!)) from--;
  while (to < lineText.length && /[A-Za-z0-9]/.test(lineText[to]!)) to++;
  if (from === to || !/^[A-Za-z]/.test(lineText.slice(from, to))) return undefined;
  if (!/^\s*\(/.test(lineText.slice(to))) return undefined;
  return { name: lineText.slice(from, to), from, to };
}

/** The function called at `pos` inside an expression, with its help and the name's range in the document. */
export function hoverHelp(state: EditorState, pos: number): { from: number; to: number; help: FunctionHelp } | undefined {
  const line = state.doc.lineAt(pos);
  const found = functionAt(line.text, pos - line.from);
  if (!found) return undefined;
  if (expressionBefore(line.text.slice(0, found.from), isJsonDocument(state)) === undefined) return undefined;
  const help = functionHelp(found.name);
  return help && { from: line.from + found.from, to: line.from + found.to, help };
}

/** Hover on a function name inside an expression: its signature and one-line description. */
export function expressionHover(state: EditorState, pos: number): Tooltip | null {
  const found = hoverHelp(state, pos);
  if (!found) return null;
  const { help } = found;
  return {
    pos: found.from,
    end: found.to,
    above: true,
    create: () => {
      const dom = document.createElement('div');
      dom.className = 'cm-expression-help';
      const signature = document.createElement('code');
      signature.textContent = help.signature;
      const description = document.createElement('div');
      description.textContent = help.description;
      dom.append(signature, description);
      return { dom };
    },
  };
}

/**
 * Completion and hover for workflow expressions, as one extension. Completion is given as
 * language data, so other sources (dynamic content) add to the same list instead of
 * replacing it.
 */
export function expressionAssist(): Extension {
  return [
    EditorState.languageData.of(() => [{ autocomplete: expressionCompletions }]),
    hoverTooltip((view, pos) => expressionHover(view.state, pos)),
    EditorView.theme({
      '.cm-expression-help': { padding: '6px 10px', maxWidth: '480px', fontFamily: 'var(--font-ui)', fontSize: 'var(--fs-sm)' },
      '.cm-expression-help code': { display: 'block', fontFamily: 'var(--font-mono)', marginBottom: '4px', color: 'var(--syntax-key)' },
    }),
  ];
}
