import { schemaFromSample } from '../schema/index.ts';

/** Templates offered by "New workflow". */
export type WorkflowTemplate = 'blank' | 'sample';

const WDL_SCHEMA = 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#';

/**
 * The WDL definition of a new Request → Response workflow, for the console's "New
 * workflow" and the core's `createWorkflow` without a definition alike. With a sample payload, the
 * trigger gets the schema generated from it and POST; validation stays off, as in the
 * designer, until the user turns it on. The Response echoes the body as JSON (the
 * README's walkthrough).
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

