import { dirname, join } from 'node:path';
import type { LoadedWorkflow } from '../../src-shared/workflow/workspace-snapshot.ts';
import { MOCK_FILE_NAME, mockLookup } from '../runtime/mock-file.ts';
import type { RunServices } from '../runtime/run-types.ts';

/** What the workbench knows that a run's outbound actions and mocks need. */
export interface RunServicesInput {
  root: string;
  workflow: LoadedWorkflow | undefined;
  trustedCaPem: string;
  callbackUrl(workflow: string, trigger: string | undefined): string | undefined;
}

/** The services of one run: the local CA for outbound HTTPS, child workflow URLs, and `<workflow>/mocks.json`. */
export function runServicesFor(input: RunServicesInput): RunServices {
  const services: RunServices = { trustedCaPem: input.trustedCaPem, callbackUrl: input.callbackUrl };
  if (input.root && input.workflow) services.mockFor = mockLookup(join(input.root, dirname(input.workflow.file), MOCK_FILE_NAME));
  return services;
}
