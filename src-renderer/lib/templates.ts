import { schemaFromSample } from '../../src-shared/schema/index.ts';
import { validateWorkflowName } from '../../src-shared/workflow/workflow-name.ts';

/** Templates offered by "New workflow". */
export type WorkflowTemplate = 'blank' | 'sample';

const WDL_SCHEMA = 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#';

/**
 * The WDL definition of a new Request → Response workflow. With a sample payload, the
 * trigger gets the schema generated from it and POST; validation stays off, as in the
 * designer, until the user turns it on. The Response echoes the body as JSON (the
 * brief's walkthrough).
 */
export function newWorkflowDefinition(template: WorkflowTemplate, sample?: unknown): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  if (template === 'sample') {
    inputs.method = 'POST';
    inputs.schema = schemaFromSample(sample);
  }
  return {
    $schema: WDL_SCHEMA,
    contentVersion: '1.0.0.0',
    triggers: {
      manual: {
        type: 'Request',
        kind: 'Http',
        inputs,
      },
    },
    actions: {
      Response: {
        type: 'Response',
        kind: 'Http',
        inputs: { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: '@triggerBody()' },
        runAfter: {},
      },
    },
    outputs: {},
  };
}

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
