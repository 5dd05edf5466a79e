import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KeyType } from '../../src-shared/contract.ts';
import type { Problem } from '../../src-shared/problems.ts';
import { isDroppedResponseHeader } from '../../src-shared/workflow/response-headers.ts';
import { toUiError, type UiError } from '../lib/api-error.ts';
import { problemsToDiagnostics, type TextDiagnostic } from '../lib/diagnostic.ts';
import { expressionDiagnostics, fieldExpressionIssues, workflowExpressionDiagnostics, type ExpressionDiagnoser } from '../lib/expression-diagnostics.ts';
import { formatJson, locatePointer, parseJsonText, type JsonParseResult } from '../lib/json-text.ts';
import { rowId, type KeyValueRow } from '../lib/query-string.ts';
import { schemaFromSample } from '../../src-shared/schema/index.ts';
import { checkWorkflowName, newWorkflowDefinition, type WorkflowTemplate } from '../lib/templates.ts';
import { addResponseAction, readResponse, readTrigger, updateResponse, updateTrigger, type ResponseForm, type TriggerForm } from '../lib/workflow-model.ts';
import type { StoreDeps } from './deps.ts';
import type { WorkspaceState } from './workspace.store.ts';

/** Form view (trigger + response), the workflow's picture, or the raw `workflow.json`. */
export type EditorMode = 'form' | 'graph' | 'code';

/** The workflow being edited: its text is the source of truth, the form is a view of it. */
export interface EditorState {
  name: string | null;
  loading: boolean;
  loadError: UiError | null;
  text: string;
  savedText: string;
  parse: JsonParseResult;
  trigger: TriggerForm | undefined;
  response: ResponseForm | undefined;
  /** Drafts of the form's JSON fields: kept while they do not parse, so typing is never lost. */
  schemaText: string;
  schemaError: string | null;
  bodyText: string;
  bodyDiagnostics: TextDiagnostic[];
  headerRows: KeyValueRow[];
  /** Live expression problems of each header value, by row id (rows without problems are absent). */
  headerIssues: Record<string, string[]>;
  /** Live expression problems of the status code. */
  statusIssues: string[];
  /** Response headers shown as a key-value table or as JSON text; both edit the same `inputs.headers`. */
  headersMode: 'table' | 'text';
  /** The headers' JSON text draft: kept as typed while it does not parse. */
  headersText: string;
  headersError: string | null;
  /** The trigger conditions as typed (blank rows kept until removed), with live expression problems per row. */
  conditionRows: string[];
  conditionIssues: string[][];
  /** Draft of the Response's body JSON schema (`inputs.schema`). */
  responseSchemaText: string;
  responseSchemaError: string | null;
  /** Response headers Logic Apps removes silently (docs/logic-apps-behaviour.md §5). */
  droppedHeaders: string[];
  mode: EditorMode;
  saving: boolean;
  saveError: UiError | null;
  /** Problems from the last save (or from the workspace when opened). */
  problems: Problem[];
  codeDiagnostics: TextDiagnostic[];
  /** A range of the code view to select and scroll to (set by `reveal`). */
  codeSelection: { from: number; to: number } | null;
  /** The node selected in the graph (its JSON pointer). */
  graphSelection: string | null;
  createError: string | null;
  creating: boolean;
  sampleError: string | null;
  urlError: UiError | null;

  open(name: string): Promise<void>;
  close(): void;
  setMode(mode: EditorMode): void;
  /** Opens the code view on the value at a JSON pointer (a problem's place, a graph node). */
  reveal(pointer: string): void;
  selectGraphNode(pointer: string | null): void;
  setText(text: string): void;
  setMethod(method: string): void;
  setRelativePath(path: string): void;
  setSchemaValidation(on: boolean): void;
  setSchemaText(text: string): void;
  /** "Use sample payload to generate schema": true when the sample parsed and the schema was set. */
  generateSchema(sampleText: string, target?: 'trigger' | 'response'): boolean;
  setStatusCode(code: string): void;
  setHeaderRows(rows: KeyValueRow[]): void;
  setBodyText(text: string): void;
  setConditionRows(rows: string[]): void;
  setHeadersMode(mode: 'table' | 'text'): void;
  setHeadersText(text: string): void;
  setResponseSchemaText(text: string): void;
  setAsynchronous(on: boolean): void;
  addResponse(): void;
  save(): Promise<boolean>;
  revert(): void;
  /** Creates a workflow from a template and opens it; true on success. */
  create(name: string, template: WorkflowTemplate, sampleText?: string): Promise<boolean>;
  clearCreateError(): void;
  /** Copies a callback URL signed with the given key; returns it, or undefined on failure. */
  copyCallbackUrl(keyType: KeyType): Promise<string | undefined>;
}

/** True when the editor holds changes not yet saved. */
export function isDirty(state: Pick<EditorState, 'text' | 'savedText' | 'name'>): boolean {
  return state.name !== null && state.text !== state.savedText;
}

/** Options: the expression diagnoser (src-shared/expression) when it is available. */
export interface EditorStoreOptions {
  diagnose?: ExpressionDiagnoser;
}

const EMPTY_PARSE: JsonParseResult = { ok: true, value: {} };

/** The form draft the user is typing in, left as typed when the file is re-derived. */
type Draft = 'schema' | 'body' | 'headers' | 'headersText' | 'responseSchema' | 'conditions';

/** Creates the editor store. */
export function createEditorStore(deps: StoreDeps, workspace: StoreApi<WorkspaceState>, options: EditorStoreOptions = {}): StoreApi<EditorState> {
  const { api, clipboard } = deps;

  function bodyDiagnosticsFor(text: string): TextDiagnostic[] {
    if (text.trim() === '') return [];
    const parsed = parseJsonText(text);
    if (!parsed.ok) return [{ from: parsed.error.from, to: parsed.error.to, severity: 'error', message: `${parsed.error.message} Write the body as JSON: text goes in double quotes.` }];
    return options.diagnose ? expressionDiagnostics(parsed.value, text, options.diagnose) : [];
  }

  function headerIssuesFor(rows: KeyValueRow[]): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    if (!options.diagnose) return out;
    for (const row of rows) {
      const issues = fieldExpressionIssues(row.value, options.diagnose);
      if (issues.length > 0) out[row.id] = issues;
    }
    return out;
  }

  function conditionIssuesFor(rows: string[]): string[][] {
    return rows.map((row) => {
      if (row.trim() === '') return [];
      if (!row.trim().startsWith('@')) return ['A trigger condition is an expression starting with @, such as @equals(triggerBody()?[\'kind\'], \'order\').'];
      return options.diagnose ? fieldExpressionIssues(row, options.diagnose) : [];
    });
  }

  function headerRowsOf(response: ResponseForm | undefined, previous: KeyValueRow[]): KeyValueRow[] {
    return (response?.headers ?? []).map(([k, v], i) => ({ id: previous[i]?.id ?? rowId(), enabled: true, key: k, value: v }));
  }

  const store = createStore<EditorState>()((set, get) => {
    /** Derives the form from a text; `keep` names the draft the user is typing in (left as typed). */
    function fromText(text: string, keep?: Draft): Partial<EditorState> {
      const parse = parseJsonText(text);
      const state = get();
      const patch: Partial<EditorState> = { text, parse, codeDiagnostics: codeDiagnosticsFor(text, parse, state.problems) };
      if (!parse.ok) return patch;
      const trigger = readTrigger(parse.value);
      const response = readResponse(parse.value);
      patch.trigger = trigger;
      patch.response = response;
      if (keep !== 'schema') {
        patch.schemaText = trigger?.schema === undefined ? '' : formatJson(trigger.schema);
        patch.schemaError = null;
      }
      if (keep !== 'body') {
        patch.bodyText = response?.body === undefined ? '' : formatJson(response.body);
        patch.bodyDiagnostics = bodyDiagnosticsFor(patch.bodyText);
      }
      if (keep !== 'headers') {
        patch.headerRows = headerRowsOf(response, state.headerRows);
        patch.headerIssues = headerIssuesFor(patch.headerRows);
      }
      if (keep !== 'conditions') {
        patch.conditionRows = trigger?.conditions ?? [];
        patch.conditionIssues = conditionIssuesFor(patch.conditionRows);
      }
      if (keep !== 'headersText') {
        patch.headersText = formatJson(response?.headersValue ?? {});
        patch.headersError = null;
      }
      if (keep !== 'responseSchema') {
        patch.responseSchemaText = response?.schema === undefined ? '' : formatJson(response.schema);
        patch.responseSchemaError = null;
      }
      patch.statusIssues = response && options.diagnose ? fieldExpressionIssues(response.statusCode, options.diagnose) : [];
      patch.droppedHeaders = (response?.headers ?? []).map(([k]) => k).filter(isDroppedResponseHeader);
      return patch;
    }

    function codeDiagnosticsFor(text: string, parse: JsonParseResult, problems: Problem[]): TextDiagnostic[] {
      const out = problemsToDiagnostics(text, problems.filter((p) => p.line === undefined || parse.ok));
      if (!parse.ok) out.unshift({ from: parse.error.from, to: parse.error.to, severity: 'error', message: parse.error.message });
      else if (options.diagnose) {
        // Live: expression errors show while typing, not only after a save (a saved problem
        // with the same message at the same place is not repeated).
        const seen = new Set(out.map((d) => `${d.from}:${d.message}`));
        for (const d of workflowExpressionDiagnostics(parse.value, text, options.diagnose)) {
          if (!out.some((o) => o.message === d.message && o.from <= d.from && d.to <= Math.max(o.to, o.from + 1)) && !seen.has(`${d.from}:${d.message}`)) out.push(d);
        }
      }
      return out;
    }

    /** Applies a form edit to the parsed file, when the text parses (the form is disabled otherwise). */
    function edit(change: (file: unknown) => unknown, keep?: Draft): void {
      const { parse } = get();
      if (!parse.ok) return;
      set(fromText(formatJson(change(parse.value)), keep));
    }

    return {
      name: null,
      loading: false,
      loadError: null,
      text: '',
      savedText: '',
      parse: EMPTY_PARSE,
      trigger: undefined,
      response: undefined,
      schemaText: '',
      schemaError: null,
      bodyText: '',
      bodyDiagnostics: [],
      headerRows: [],
      headerIssues: {},
      statusIssues: [],
      conditionRows: [],
      conditionIssues: [],
      headersMode: 'table',
      headersText: '{}',
      headersError: null,
      responseSchemaText: '',
      responseSchemaError: null,
      droppedHeaders: [],
      mode: 'form',
      saving: false,
      saveError: null,
      problems: [],
      codeDiagnostics: [],
      codeSelection: null,
      graphSelection: null,
      createError: null,
      creating: false,
      sampleError: null,
      urlError: null,

      open: async (name) => {
        set({ name, loading: true, loadError: null, saveError: null, urlError: null, sampleError: null, graphSelection: null, codeSelection: null });
        try {
          const { text } = await api.invoke('workflows:read', { name });
          if (get().name !== name) return; // another workflow was opened meanwhile
          const problems = workspace.getState().workflow(name)?.problems ?? [];
          set({ loading: false, savedText: text, problems, headerRows: [] });
          set(fromText(text));
        } catch (error) {
          if (get().name === name) set({ loading: false, loadError: toUiError(error) });
        }
      },
      close: () => set({ name: null, text: '', savedText: '', parse: EMPTY_PARSE, trigger: undefined, response: undefined, problems: [], codeDiagnostics: [] }),
      setMode: (mode) => set({ mode }),
      reveal: (pointer) => {
        const range = locatePointer(get().text, pointer);
        set({ mode: 'code', codeSelection: range ? { from: range.from, to: range.to } : null });
      },
      selectGraphNode: (graphSelection) => set({ graphSelection }),
      setText: (text) => set(fromText(text)),
      setMethod: (method) => edit((file) => updateTrigger(file, { method })),
      setRelativePath: (relativePath) => edit((file) => updateTrigger(file, { relativePath })),
      setSchemaValidation: (on) => edit((file) => updateTrigger(file, { schemaValidation: on })),
      setSchemaText: (schemaText) => {
        if (schemaText.trim() === '') {
          set({ schemaText, schemaError: null });
          edit((file) => updateTrigger(file, { schema: null }), 'schema');
          return;
        }
        const parsed = parseJsonText(schemaText);
        if (!parsed.ok) {
          set({ schemaText, schemaError: parsed.error.message });
          return;
        }
        if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
          set({ schemaText, schemaError: 'A JSON schema is an object, such as { "type": "object", "properties": { ... } }.' });
          return;
        }
        set({ schemaText, schemaError: null });
        edit((file) => updateTrigger(file, { schema: parsed.value }), 'schema');
      },
      generateSchema: (sampleText, target = 'trigger') => {
        const parsed = parseJsonText(sampleText);
        if (!parsed.ok) {
          set({ sampleError: `The sample payload is not valid JSON. ${parsed.error.message}` });
          return false;
        }
        set({ sampleError: null });
        const schema = formatJson(schemaFromSample(parsed.value));
        if (target === 'response') get().setResponseSchemaText(schema);
        else get().setSchemaText(schema);
        return true;
      },
      setStatusCode: (code) => edit((file) => updateResponse(file, { statusCode: code })),
      setHeaderRows: (rows) => {
        set({ headerRows: rows, headerIssues: headerIssuesFor(rows) });
        edit((file) => updateResponse(file, { headers: rows.filter((r) => r.enabled).map((r) => [r.key, r.value]) }), 'headers');
      },
      setBodyText: (bodyText) => {
        const bodyDiagnostics = bodyDiagnosticsFor(bodyText);
        set({ bodyText, bodyDiagnostics });
        if (bodyText.trim() === '') {
          edit((file) => updateResponse(file, { body: null }), 'body');
          return;
        }
        const parsed = parseJsonText(bodyText);
        if (parsed.ok) edit((file) => updateResponse(file, { body: parsed.value }), 'body');
      },
      setConditionRows: (conditionRows) => {
        set({ conditionRows, conditionIssues: conditionIssuesFor(conditionRows) });
        edit((file) => updateTrigger(file, { conditions: conditionRows }), 'conditions');
      },
      setHeadersMode: (headersMode) => set({ headersMode }),
      setHeadersText: (headersText) => {
        const parsed = parseJsonText(headersText.trim() === '' ? '{}' : headersText);
        if (!parsed.ok) {
          set({ headersText, headersError: parsed.error.message });
          return;
        }
        const value = parsed.value;
        const expression = typeof value === 'string' && value.startsWith('@');
        if (!expression && (typeof value !== 'object' || value === null || Array.isArray(value))) {
          set({ headersText, headersError: 'Headers are a JSON object of name to value, such as { "Content-Type": "application/json" }.' });
          return;
        }
        set({ headersText, headersError: null });
        edit((file) => updateResponse(file, { headersValue: value }), 'headersText');
      },
      setResponseSchemaText: (responseSchemaText) => {
        if (responseSchemaText.trim() === '') {
          set({ responseSchemaText, responseSchemaError: null });
          edit((file) => updateResponse(file, { schema: null }), 'responseSchema');
          return;
        }
        const parsed = parseJsonText(responseSchemaText);
        if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
          set({ responseSchemaText, responseSchemaError: parsed.ok ? 'A JSON schema is an object, such as { "type": "object", "properties": { ... } }.' : parsed.error.message });
          return;
        }
        set({ responseSchemaText, responseSchemaError: null });
        edit((file) => updateResponse(file, { schema: parsed.value }), 'responseSchema');
      },
      setAsynchronous: (on) => edit((file) => updateResponse(file, { asynchronous: on })),
      addResponse: () => edit(addResponseAction),
      save: async () => {
        const { name, text } = get();
        if (name === null) return false;
        set({ saving: true, saveError: null });
        try {
          const result = await api.invoke('workflows:save', { name, text });
          if (result.workflow) workspace.getState().upsertWorkflow(result.workflow);
          const current = get();
          set({ saving: false, savedText: text, problems: result.problems, codeDiagnostics: codeDiagnosticsFor(current.text, current.parse, result.problems) });
          return true;
        } catch (error) {
          set({ saving: false, saveError: toUiError(error) });
          return false;
        }
      },
      revert: () => set(fromText(get().savedText)),
      create: async (name, template, sampleText) => {
        const existing = workspace.getState().workspace?.workflows.map((w) => w.name) ?? [];
        const nameError = checkWorkflowName(name, existing);
        if (nameError) {
          set({ createError: nameError });
          return false;
        }
        let sample: unknown;
        if (template === 'sample') {
          const parsed = parseJsonText(sampleText ?? '');
          if (!parsed.ok) {
            set({ createError: `The sample payload is not valid JSON. ${parsed.error.message}` });
            return false;
          }
          sample = parsed.value;
        }
        set({ creating: true, createError: null });
        try {
          const view = await api.invoke('workflows:create', { name: name.trim(), definition: newWorkflowDefinition(template, sample) });
          workspace.getState().upsertWorkflow(view);
          set({ creating: false, mode: 'form' });
          await get().open(view.name);
          return true;
        } catch (error) {
          set({ creating: false, createError: toUiError(error).message });
          return false;
        }
      },
      clearCreateError: () => set({ createError: null }),
      copyCallbackUrl: async (keyType) => {
        const { name } = get();
        if (name === null) return undefined;
        set({ urlError: null });
        try {
          const known = workspace.getState().workflow(name)?.callbackUrl?.[keyType];
          const url = known ?? (await api.invoke('workflows:callbackUrl', { name, keyType })).url;
          await clipboard.writeText(url);
          return url;
        } catch (error) {
          set({ urlError: toUiError(error) });
          return undefined;
        }
      },
    };
  });

  // The file changed on disk (another editor, git checkout): follow it while nothing here
  // is unsaved, so the form never shows a stale file; unsaved edits are never overwritten.
  workspace.subscribe((next, previous) => {
    if (next.workspace === previous.workspace) return;
    const state = store.getState();
    const name = state.name;
    if (name === null || isDirty(state) || state.loading || state.saving) return;
    void api.invoke('workflows:read', { name }).then(
      ({ text }) => {
        const now = store.getState();
        if (now.name !== name || isDirty(now) || text === now.savedText) return;
        store.setState({ savedText: text, problems: workspace.getState().workflow(name)?.problems ?? now.problems });
        now.setText(text);
      },
      // A workflow deleted on disk: keep what is shown; the next save recreates the file.
      () => undefined,
    );
  });

  return store;
}
