import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newWorkflowDefinition } from '../../src-shared/workflow/new-workflow.ts';

/** The workflow the benchmark calls (folder name in the temp workspace). */
export const BENCH_WORKFLOW = 'account';

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
export const BENCH_WORKFLOW_FILE = { definition: benchDefinition(), kind: 'Stateful' };

/** The "New workflow" template from the sample payload, with schema validation turned on. */
function benchDefinition(): Record<string, unknown> {
  const definition = newWorkflowDefinition('sample', ACCOUNT_PAYLOAD);
  const triggers = definition.triggers as { manual: Record<string, unknown> };
  triggers.manual.operationOptions = 'EnableSchemaValidation';
  return definition;
}

/** Writes a Logic Apps Standard project with the one benchmark workflow under `root`. */
export async function writeBenchWorkspace(root: string): Promise<void> {
  await mkdir(join(root, BENCH_WORKFLOW), { recursive: true });
  await writeFile(join(root, 'host.json'), JSON.stringify({ version: '2.0' }, null, 2));
  await writeFile(join(root, BENCH_WORKFLOW, 'workflow.json'), JSON.stringify(BENCH_WORKFLOW_FILE, null, 2));
}
