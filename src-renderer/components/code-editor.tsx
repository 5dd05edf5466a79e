import { json } from '@codemirror/lang-json';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState, Prec, type Extension } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderExt } from '@codemirror/view';
// @lezer/highlight comes with @codemirror/language (its own dependency); only its tag names are used.
import { tags } from '@lezer/highlight';
import { basicSetup, minimalSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import type { TextDiagnostic } from '../lib/diagnostic.ts';

/** Colours from the design tokens, so the editor follows the light/dark theme with the page. */
const highlight = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--syntax-key)' },
  { tag: tags.string, color: 'var(--syntax-string)' },
  { tag: tags.number, color: 'var(--syntax-number)' },
  { tag: tags.bool, color: 'var(--syntax-bool)' },
  { tag: tags.null, color: 'var(--syntax-null)' },
  { tag: [tags.punctuation, tags.brace, tags.squareBracket, tags.separator], color: 'var(--syntax-punct)' },
]);

const theme = EditorView.theme({
  '&': { fontSize: 'var(--fs-md)', backgroundColor: 'var(--bg-inset)', color: 'var(--text)', height: '100%' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.55' },
  '.cm-content': { caretColor: 'var(--text)', padding: '6px 0' },
  '.cm-gutters': { backgroundColor: 'var(--bg-subtle)', color: 'var(--text-faint)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--accent) 6%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'color-mix(in srgb, var(--accent) 10%, transparent)', color: 'var(--text-muted)' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground, ::selection': { backgroundColor: 'color-mix(in srgb, var(--accent) 28%, transparent) !important' },
  '.cm-cursor': { borderLeftColor: 'var(--text)' },
  '.cm-tooltip': { backgroundColor: 'var(--bg)', border: '1px solid var(--border-strong)', borderRadius: 'var(--radius-sm)', boxShadow: 'var(--shadow-lg)', color: 'var(--text)' },
  '.cm-tooltip-lint': { padding: '0' },
  '.cm-diagnostic': { fontFamily: 'var(--font-ui)', fontSize: 'var(--fs-sm)', padding: '6px 10px' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--danger)' },
  '.cm-diagnostic-warning': { borderLeftColor: 'var(--warning)' },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--bg-muted)', border: '1px solid var(--border)', color: 'var(--text-muted)' },
  '.cm-placeholder': { color: 'var(--text-faint)' },
  '.cm-matchingBracket': { backgroundColor: 'color-mix(in srgb, var(--accent) 18%, transparent)', outline: 'none' },
});

/** Props of `CodeEditor`. */
export interface CodeEditorProps {
  value: string;
  onChange?(value: string): void;
  /** Accessible name of the editing area. */
  label: string;
  language?: 'json' | 'text';
  readOnly?: boolean;
  diagnostics?: readonly TextDiagnostic[];
  placeholder?: string;
  /** Ctrl/Cmd+Enter inside the editor (send), which CodeMirror would otherwise take for "insert blank line". */
  onModEnter?(): void;
  className?: string;
  lineNumbers?: boolean;
  /** A range to select and scroll into view; applied each time a new object is passed. */
  selection?: { from: number; to: number } | null;
  /** Receives the CodeMirror view once created (null when it goes), for inserting at the caret. */
  onReady?(view: EditorView | null): void;
  /**
   * A lighter editor for very large documents: no language parsing, highlighting, lint,
   * folding or line wrapping, which cost hundreds of ms per keystroke on megabytes of
   * text (docs/console.md, big bodies). Undo, selection and search keys stay.
   */
  lightweight?: boolean;
  /** More CodeMirror extensions (e.g. completion sources), fixed for the editor's life. */
  extensions?: Extension;
}

/** CodeMirror 6 as a controlled React component (JSON highlighting, folding, lint underlines). */
export function CodeEditor({ value, onChange, label, language = 'json', readOnly = false, diagnostics, placeholder, onModEnter, className, lineNumbers = true, selection, extensions, onReady, lightweight = false }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const callbacks = useRef({ onChange, onModEnter, onReady });
  callbacks.current = { onChange, onModEnter, onReady };
  const readOnlyCompartment = useRef(new Compartment());
  /** The last text this editor reported through onChange. */
  const emitted = useRef<string | null>(null);

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          Prec.highest(
            keymap.of([
              {
                key: 'Mod-Enter',
                run: () => {
                  if (!callbacks.current.onModEnter) return false;
                  callbacks.current.onModEnter();
                  return true;
                },
              },
            ]),
          ),
          lightweight ? minimalSetup : basicSetup,
          lineNumbers ? [] : EditorView.theme({ '.cm-gutters': { display: 'none' } }),
          language === 'json' && !lightweight ? json() : [],
          lightweight ? [] : syntaxHighlighting(highlight),
          lightweight ? [] : lintGutter(),
          theme,
          lightweight ? [] : EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': label }),
          placeholder ? placeholderExt(placeholder) : [],
          readOnlyCompartment.current.of(EditorState.readOnly.of(readOnly)),
          extensions ?? [],
          EditorView.updateListener.of((update) => {
            if (!update.docChanged) return;
            const text = update.state.doc.toString();
            emitted.current = text;
            callbacks.current.onChange?.(text);
          }),
        ],
      }),
    });
    view.current = editor;
    callbacks.current.onReady?.(editor);
    return () => {
      editor.destroy();
      view.current = null;
      callbacks.current.onReady?.(null);
    };
    // The editor is created once per mount; value, diagnostics and readOnly are synced below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [language, label, lineNumbers, lightweight]);

  // Controlled value: replace the document only when it differs (typing round-trips through the store).
  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    // Our own keystroke coming back through the store: the document already holds it
    // (skips serialising a multi-megabyte document a second time per key).
    if (value === emitted.current) return;
    const current = editor.state.doc.toString();
    if (current !== value) {
      const head = Math.min(editor.state.selection.main.head, value.length);
      editor.dispatch({ changes: { from: 0, to: current.length, insert: value }, selection: { anchor: head } });
    }
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: readOnlyCompartment.current.reconfigure(EditorState.readOnly.of(readOnly)) });
  }, [readOnly]);

  useEffect(() => {
    const editor = view.current;
    if (!editor || !selection) return;
    const length = editor.state.doc.length;
    const from = Math.min(Math.max(selection.from, 0), length);
    const to = Math.min(Math.max(selection.to, from), length);
    editor.dispatch({ selection: { anchor: from, head: to }, effects: EditorView.scrollIntoView(from, { y: 'center' }) });
    editor.focus();
  }, [selection]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const length = editor.state.doc.length;
    const list: Diagnostic[] = (diagnostics ?? []).map((d) => {
      const from = Math.min(Math.max(d.from, 0), length);
      return { from, to: Math.min(Math.max(d.to, from), length), severity: d.severity, message: d.message };
    });
    editor.dispatch(setDiagnostics(editor.state, list));
  }, [diagnostics, value]);

  return <div ref={host} className={`code-editor ${className ?? ''}`} data-readonly={readOnly || undefined} />;
}
