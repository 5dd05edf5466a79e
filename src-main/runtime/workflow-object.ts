/** What `workflow()` returns inside expressions for one run. */
export function workflowObject(name: string, runId: string): unknown {
  return {
    id: `/workflows/${name}`,
    name,
    type: 'Microsoft.Logic/workflows',
    run: { id: `/workflows/${name}/runs/${runId}`, name: runId, type: 'Microsoft.Logic/workflows/runs' },
  };
}
