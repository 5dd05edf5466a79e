import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The workflow the benchmark calls (folder name in the temp workspace). */
export const BENCH_WORKFLOW = 'account';

/** The sample workspace's account schema (resources/sample-workspace). */
export const ACCOUNT_SCHEMA = {
  type: 'object',
  properties: {
    account: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        ID: { type: 'string' },
        address: {
          type: 'object',
          properties: {
            number: { type: 'string' },
            street: { type: 'string' },
            city: { type: 'string' },
            state: { type: 'string' },
            country: { type: 'string' },
            postalCode: { type: 'string' },
          },
        },
      },
    },
  },
};

/** The README's sample payload, sent on every benchmark request. */
export const ACCOUNT_PAYLOAD = {
  account: {
    name: 'Contoso',
    ID: '12345',
    address: { number: '1234', street: 'Anywhere Street', city: 'AnyTown', state: 'AnyState', country: 'USA', postalCode: '11111' },
  },
};

/**
 * The benchmarked workflow: POST Request trigger with the account schema and
 * `EnableSchemaValidation` (so ajv runs on every call), and a Response that echoes
 * `@triggerBody()` as JSON (so the expression engine and body serialisation run too).
 */
export const BENCH_WORKFLOW_FILE = {
  definition: {
    $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
    contentVersion: '1.0.0.0',
    triggers: {
      manual: {
        type: 'Request',
        kind: 'Http',
        inputs: { method: 'POST', schema: ACCOUNT_SCHEMA },
        operationOptions: 'EnableSchemaValidation',
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
  },
  kind: 'Stateful',
};

/** Writes a Logic Apps Standard project with the one benchmark workflow under `root`. */
export async function writeBenchWorkspace(root: string): Promise<void> {
  await mkdir(join(root, BENCH_WORKFLOW), { recursive: true });
  await writeFile(join(root, 'host.json'), JSON.stringify({ version: '2.0' }, null, 2));
  await writeFile(join(root, BENCH_WORKFLOW, 'workflow.json'), JSON.stringify(BENCH_WORKFLOW_FILE, null, 2));
}
