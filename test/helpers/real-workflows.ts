import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The third-party workflow files the tests read. They are not the project's to ship, so
 * they live outside the repository, in `../shared/fixtures/real-workflows/` beside the
 * checkout (see docs/integration-tests.md, "Real workflows").
 */
export const REAL_WORKFLOWS_DIR = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'real-workflows');

/** True when the folder is there; tests that need it skip themselves when it is not. */
export const REAL_WORKFLOWS_PRESENT = existsSync(REAL_WORKFLOWS_DIR);

/** Appended to the name of a skipped suite so the report says why it did not run. */
export const REAL_WORKFLOWS_SKIP_REASON = REAL_WORKFLOWS_PRESENT
  ? ''
  : ` (skipped: ${REAL_WORKFLOWS_DIR} is absent; put the shared real-workflows folder at ../shared/fixtures/real-workflows beside the repository to run it)`;

/** The text of one fixture file, by its file name. */
export function readRealWorkflow(file: string): string {
  return readFileSync(join(REAL_WORKFLOWS_DIR, file), 'utf8');
}
