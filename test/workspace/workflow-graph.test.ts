import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../src-shared/workflow/types.ts';
import { workflowGraph } from '../../src-shared/workflow/workflow-graph.ts';

describe('workflow graph model', () => {
  it('a Switch is a container with one branch box per case and Default; edges stay inside their scope', () => {
    const definition = {
      triggers: { manual: { type: 'Request', kind: 'Http' } },
      actions: {
        Route: {
          type: 'Switch',
          expression: "@triggerBody()?['kind']",
          cases: { 'A/B': { case: 'a', actions: { Do_a: { type: 'Compose', inputs: 1 } } } },
          default: { actions: { Do_default: { type: 'Compose', inputs: 2 }, Then: { type: 'Compose', inputs: 3, runAfter: { Do_default: ['Succeeded', 'Failed'] } } } },
          runAfter: {},
        },
        Missing_target: { type: 'Compose', inputs: 4, runAfter: { Nowhere: ['Succeeded'] } },
      },
    } as unknown as WorkflowDefinition;
    const graph = workflowGraph(definition);
    const node = (id: string) => graph.nodes.find((n) => n.id === id);
    expect(node('/definition/actions/Route')).toMatchObject({ kind: 'container', type: 'Switch' });
    expect(node('/definition/actions/Route/cases/A~1B/actions')).toMatchObject({ kind: 'branch', label: 'A/B', parent: '/definition/actions/Route' });
    expect(node('/definition/actions/Route/default/actions')).toMatchObject({ kind: 'branch', label: 'Default' });
    expect(node('/definition/actions/Route/cases/A~1B/actions/Do_a')?.parent).toBe('/definition/actions/Route/cases/A~1B/actions');
    const inner = graph.edges.find((e) => e.target.endsWith('/Then'));
    expect(inner).toMatchObject({ source: '/definition/actions/Route/default/actions/Do_default', statuses: ['Succeeded', 'Failed'], parent: '/definition/actions/Route/default/actions' });
    // The trigger starts the top-level actions with no runAfter; a runAfter naming no sibling draws nothing.
    expect(graph.edges.filter((e) => e.source === '/definition/triggers/manual').map((e) => e.target)).toEqual(['/definition/actions/Route']);
    expect(graph.edges.some((e) => e.target.endsWith('/Missing_target'))).toBe(false);
    // Parents come before their children (React Flow needs that order).
    const index = new Map(graph.nodes.map((n, i) => [n.id, i]));
    for (const n of graph.nodes) if (n.parent) expect(index.get(n.parent)!).toBeLessThan(index.get(n.id)!);
  });
});
