import { describe, expect, it } from 'vitest';
import { layoutGraph, type GraphLayout, type PlacedNode } from '../../src-renderer/lib/graph-layout.ts';
import { workflowGraph } from '../../src-shared/workflow/workflow-graph.ts';
import type { WorkflowDefinition } from '../../src-shared/workflow/types.ts';
import { loadFixtureWorkflows } from '../workspace/helpers/fixtures.ts';
import { REAL_WORKFLOWS_SKIP_REASON } from '../helpers/real-workflows.ts';

/** Pairs of boxes that overlap though neither holds the other. */
function overlaps(layout: GraphLayout): string[] {
  const ancestors = (n: PlacedNode): Set<string> => {
    const out = new Set<string>();
    let parent = n.node.parent;
    while (parent !== undefined) {
      out.add(parent);
      parent = layout.nodes.find((m) => m.node.id === parent)?.node.parent;
    }
    return out;
  };
  const found: string[] = [];
  for (const [i, a] of layout.nodes.entries()) {
    for (const b of layout.nodes.slice(i + 1)) {
      if (ancestors(a).has(b.node.id) || ancestors(b).has(a.node.id)) continue;
      const apart = a.absX + a.width <= b.absX || b.absX + b.width <= a.absX || a.absY + a.height <= b.absY || b.absY + b.height <= a.absY;
      if (!apart) found.push(`${a.node.id} overlaps ${b.node.id}`);
    }
  }
  return found;
}

const nested: WorkflowDefinition = {
  triggers: { manual: { type: 'Request', kind: 'Http' } },
  actions: {
    Init: { type: 'InitializeVariable', inputs: {}, runAfter: {} },
    Check: {
      type: 'If',
      expression: { equals: [1, 1] },
      actions: { Yes: { type: 'Compose', inputs: 1 }, Then: { type: 'Compose', inputs: 2, runAfter: { Yes: ['Succeeded'] } } },
      else: { actions: { No: { type: 'Compose', inputs: 3 } } },
      runAfter: { Init: ['Succeeded'] },
    },
    Loop: { type: 'Foreach', foreach: '@triggerBody()', actions: { Each: { type: 'Compose', inputs: '@item()' } }, runAfter: { Check: ['Succeeded'] } },
    Response: { type: 'Response', kind: 'Http', inputs: { statusCode: 500 }, runAfter: { Loop: ['Failed', 'TimedOut'] } },
  } as WorkflowDefinition['actions'],
};

describe('workflow graph layout (ELK)', () => {
  it('draws containers around their branches and actions, runAfter edges labelled with their statuses', async () => {
    const layout = await layoutGraph(workflowGraph(nested));
    const box = (id: string) => layout.nodes.find((n) => n.node.id === id)!;
    expect(overlaps(layout)).toEqual([]);
    const check = box('/definition/actions/Check');
    const trueBranch = box('/definition/actions/Check/actions');
    const falseBranch = box('/definition/actions/Check/else/actions');
    expect(trueBranch.node).toMatchObject({ kind: 'branch', label: 'True' });
    expect(falseBranch.node).toMatchObject({ kind: 'branch', label: 'False' });
    for (const inner of [trueBranch, falseBranch]) {
      expect(inner.absX).toBeGreaterThanOrEqual(check.absX);
      expect(inner.absX + inner.width).toBeLessThanOrEqual(check.absX + check.width);
    }
    const yes = box('/definition/actions/Check/actions/Yes');
    const then = box('/definition/actions/Check/actions/Then');
    expect(yes.node.parent).toBe(trueBranch.node.id);
    expect(then.absY).toBeGreaterThan(yes.absY + yes.height);
    // A nested edge is drawn in canvas coordinates too: from Yes down to Then, inside the branch.
    const inner = layout.edges.find((e) => e.edge.target === then.node.id)!;
    expect(inner.label?.text).toBe('Succeeded');
    expect(inner.points[0]!.y).toBeCloseTo(yes.absY + yes.height, 0);
    expect(inner.points.at(-1)!.y).toBeCloseTo(then.absY, 0);
    expect(inner.label!.x).toBeGreaterThanOrEqual(trueBranch.absX);
    expect(inner.label!.y).toBeGreaterThanOrEqual(yes.absY + yes.height - 1);
    // Top to bottom in runAfter order.
    const order = ['/definition/triggers/manual', '/definition/actions/Init', '/definition/actions/Check', '/definition/actions/Loop', '/definition/actions/Response'].map((id) => box(id).absY);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const failed = layout.edges.find((e) => e.edge.target === '/definition/actions/Response')!;
    expect(failed.label?.text).toBe('Failed, TimedOut');
    // The label sits between the loop and the Response.
    const loop = box('/definition/actions/Loop');
    expect(failed.label!.y).toBeGreaterThanOrEqual(loop.absY + loop.height - 1);
    expect(failed.label!.y + failed.label!.height).toBeLessThanOrEqual(box('/definition/actions/Response').absY + 1);
  });

  const fixtures = loadFixtureWorkflows();
  it.skipIf(fixtures.length === 0)(`every real workflow lays out with no overlapping boxes${REAL_WORKFLOWS_SKIP_REASON}`, async () => {
    for (const fixture of fixtures) {
      const definition = (fixture.json as { definition: WorkflowDefinition }).definition;
      const graph = workflowGraph(definition);
      const layout = await layoutGraph(graph);
      // Every box placed with a size, every edge routed.
      expect(layout.nodes.length, fixture.label).toBe(graph.nodes.length);
      expect(layout.nodes.every((n) => n.width > 0 && n.height > 0), fixture.label).toBe(true);
      expect(layout.edges.every((e) => e.points.length >= 2), fixture.label).toBe(true);
      expect(overlaps(layout), fixture.label).toEqual([]);
    }
  });
});
