import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A throwaway workspace folder; `write` creates parents; `dispose` removes it all. */
export interface TempWorkspace {
  root: string;
  write(relative: string, content: string | object): Promise<void>;
  dispose(): Promise<void>;
}

/** Creates an empty temp workspace folder. */
export async function createTempWorkspace(): Promise<TempWorkspace> {
  const root = await mkdtemp(join(tmpdir(), 'triggerbench-ws-'));
  return {
    root,
    async write(relative, content) {
      const path = join(root, relative);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    },
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}

/** A small valid Request → Response workflow.json. */
export function simpleWorkflow(statusCode = 200, method = 'POST'): object {
  return {
    definition: {
      $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
      contentVersion: '1.0.0.0',
      triggers: { manual: { type: 'Request', kind: 'Http', inputs: { method } } },
      actions: { Response: { type: 'Response', kind: 'Http', inputs: { statusCode, body: '@triggerBody()' }, runAfter: {} } },
      outputs: {},
    },
    kind: 'Stateful',
  };
}

/** The engine's action types as the tests assume them. */
export const TEST_OPTIONS = { supportedActionTypes: ['Response', 'Compose', 'Wait'] };
