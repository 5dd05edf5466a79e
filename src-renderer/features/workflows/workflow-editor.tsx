import { useEffect, useMemo, useRef } from 'react';
import type { DynamicContentContext } from '../../../src-shared/workflow/dynamic-content.ts';
import { dynamicContentCompletion, workflowFileTokens } from '../../lib/dynamic-content-completion.ts';
import { Badge } from '../../components/badges.tsx';
import { Button } from '../../components/button.tsx';
import { CodeEditor } from '../../components/code-editor.tsx';
import { EmptyState, ErrorNotice, Notice } from '../../components/notices.tsx';
import { Tabs, tabPanelProps } from '../../components/tabs.tsx';
import { expressionAssist } from '../../lib/expression-assist.ts';
import { isDirty, type EditorMode } from '../../stores/editor.store.ts';
import { useSlice, useStores } from '../../stores/context.tsx';
import { CallbackUrlBar } from './callback-url-bar.tsx';
import { ProblemsList } from './problems-list.tsx';
import { ResponseCard } from './response-card.tsx';
import { TriggerCard } from './trigger-card.tsx';
import { WorkflowGraphPanel } from './workflow-graph-panel.tsx';

/** Function completion and hover in the code view (created once: editors take their extensions at mount). */
const EXPRESSION_ASSIST = expressionAssist();

/** The Workflows view: the open workflow's designer form and raw `workflow.json`, with save and its problems. */
export function WorkflowEditor({ onNew, onCompose }: { onNew(): void; onCompose(name: string): void }) {
  const { editor, workspace, ui } = useStores();
  const name = useSlice(editor, (s) => s.name);
  const loading = useSlice(editor, (s) => s.loading);
  const loadError = useSlice(editor, (s) => s.loadError);
  const text = useSlice(editor, (s) => s.text);
  const parseOk = useSlice(editor, (s) => s.parse.ok);
  const parseError = useSlice(editor, (s) => (s.parse.ok ? null : s.parse.error.message));
  const mode = useSlice(editor, (s) => s.mode);
  const saving = useSlice(editor, (s) => s.saving);
  const saveError = useSlice(editor, (s) => s.saveError);
  const problems = useSlice(editor, (s) => s.problems);
  const codeDiagnostics = useSlice(editor, (s) => s.codeDiagnostics);
  const codeSelection = useSlice(editor, (s) => s.codeSelection);
  const dirty = useSlice(editor, isDirty);
  const droppedHeaders = useSlice(editor, (s) => s.droppedHeaders);
  const workflow = useSlice(workspace, (s) => (name ? s.workflow(name) : undefined));
  const workspaceState = useSlice(workspace, (s) => s.workspace);
  // Dynamic content completes in the code view beside function names, for the action under the caret.
  const names = useRef<DynamicContentContext>({});
  names.current = { parameterNames: workspaceState?.parameterNames ?? [], appSettingNames: workspaceState?.appSettingNames ?? [] };
  const codeExtensions = useMemo(() => [EXPRESSION_ASSIST, dynamicContentCompletion(workflowFileTokens(() => names.current))], []);

  const save = async () => {
    if (await editor.getState().save()) {
      const count = editor.getState().problems.filter((p) => p.severity === 'error').length;
      ui.getState().notify(count > 0 ? 'info' : 'success', count > 0 ? `Saved, with ${count} error${count === 1 ? '' : 's'} to fix.` : 'Saved. The workflow is live.');
      // Bring the first field that has a problem into view: the list at the top may be scrolled away from it.
      if (count > 0) requestAnimationFrame(() => document.querySelector('.designer [aria-invalid="true"], .designer .field-error, .designer .cm-lintRange-error')?.scrollIntoView({ block: 'center' }));
    }
  };

  // Ctrl/Cmd+S saves, as in every editor.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        if (isDirty(editor.getState())) void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (name === null) {
    return (
      <EmptyState icon="workflow" title="Open or create a workflow" actions={<Button variant="primary" icon="plus" onClick={onNew}>New workflow</Button>}>
        Pick a workflow on the left to edit its Request trigger and Response action, or create one from a sample payload. Saved workflows are live at once on the local HTTPS listener.
      </EmptyState>
    );
  }
  if (loadError) {
    return (
      <div className="view-pad">
        <ErrorNotice error={loadError} title={`Could not open ${name}`} action={<Button size="sm" onClick={() => void editor.getState().open(name)}>Try again</Button>} />
      </div>
    );
  }
  const tabs: { id: EditorMode; label: string }[] = [
    { id: 'form', label: 'Designer' },
    { id: 'graph', label: 'Graph' },
    { id: 'code', label: 'Code (workflow.json)' },
  ];
  return (
    <div className="editor-view">
      <div className="view-head">
        <div className="view-title">
          <h1>{name}</h1>
          {workflow ? <Badge tone="neutral">{workflow.kind}</Badge> : null}
          {workflow ? (
            workflow.callable ? (
              <Badge tone="success">Callable</Badge>
            ) : (
              <Badge tone="warning">Not callable</Badge>
            )
          ) : null}
          {dirty ? <Badge tone="accent">Unsaved changes</Badge> : null}
        </div>
        <div className="view-actions">
          <Button icon="undo" onClick={() => editor.getState().revert()} disabled={!dirty || saving}>
            Revert
          </Button>
          <Button variant="primary" icon="save" onClick={() => void save()} disabled={!dirty || saving} title="Save (Ctrl+S)" aria-keyshortcuts="Control+S">
            {saving ? 'Saving…' : 'Save'}
          </Button>
        </div>
      </div>
      <div className="view-scroll">
        <div className="editor-content">
          {workflow ? <CallbackUrlBar workflow={workflow} onCompose={() => onCompose(name)} /> : null}
          <ErrorNotice error={saveError} title="The workflow was not saved" />
          <ProblemsList
            problems={problems}
            onReveal={(problem) => editor.getState().reveal(problem.pointer)}
          />
          {droppedHeaders.length > 0 ? (
            <Notice tone="warning" title="Headers Logic Apps drops">
              {droppedHeaders.join(', ')} will not reach callers: Logic Apps removes them from responses silently.
            </Notice>
          ) : null}
          <Tabs items={tabs} active={mode} onChange={(m) => editor.getState().setMode(m)} label="Editor mode" idBase="editor" />
          {loading ? <div className="muted pad">Loading…</div> : null}
          {!loading && mode === 'form' ? (
            <div {...tabPanelProps('editor', 'form')} className="designer">
              {!parseOk ? (
                <Notice tone="danger" title="workflow.json is not valid JSON" action={<Button size="sm" onClick={() => editor.getState().setMode('code')}>Open the code view</Button>}>
                  {parseError} The designer is read-only until the JSON parses.
                </Notice>
              ) : null}
              <TriggerCard disabled={!parseOk} />
              <div className="designer-arrow" aria-hidden="true" />
              <ResponseCard disabled={!parseOk} />
            </div>
          ) : null}
          {!loading && mode === 'graph' ? (
            <div {...tabPanelProps('editor', 'graph')}>
              <WorkflowGraphPanel />
            </div>
          ) : null}
          {!loading && mode === 'code' ? (
            <div {...tabPanelProps('editor', 'code')} className="code-panel">
              <div className="editor-box editor-box-code">
                <CodeEditor value={text} onChange={(t) => editor.getState().setText(t)} label={`${name}/workflow.json`} diagnostics={codeDiagnostics} selection={codeSelection} extensions={codeExtensions} />
              </div>
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}
