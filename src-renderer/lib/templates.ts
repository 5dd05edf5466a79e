import { validateWorkflowName } from '../../src-shared/workflow/workflow-name.ts';

export { newWorkflowDefinition, type WorkflowTemplate } from '../../src-shared/workflow/new-workflow.ts';

/**
 * Checks a new workflow's name before asking the core: the same rule the core applies
 * when it writes the folder (validateWorkflowName), plus a clash with existing names.
 */
export function checkWorkflowName(name: string, existing: readonly string[]): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return 'Give the workflow a name.';
  const invalid = validateWorkflowName(trimmed);
  if (invalid) return invalid.message;
  if (existing.some((n) => n.toLowerCase() === trimmed.toLowerCase())) return `A workflow named '${trimmed}' already exists.`;
  return undefined;
}
