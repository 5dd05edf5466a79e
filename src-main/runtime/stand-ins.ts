import type { Action, WorkflowDefinition } from '../../src-shared/workflow/types.ts';
import type { ActionStatus, ErrorInfo, MockSource } from '../../src-shared/runs.ts';
import { CONNECTOR_ACTION_TYPES } from '../../src-shared/workflow/type-names.ts';

/**
 * A stand-in result for an action that does not run: the shape of an entry of the
 * definition's `staticResults` and of the workspace mock file (docs/runtime.md, "Mocks").
 */
export interface MockEntry {
  status?: string;
  outputs?: unknown;
  error?: ErrorInfo;
}

/** A stand-in picked for an action, already checked. */
export interface StandIn {
  source: MockSource;
  status: ActionStatus;
  outputs?: unknown;
  error?: ErrorInfo;
}

const NEVER_MOCKED = new Set(['response', 'if', 'switch', 'scope', 'foreach', 'until']);

const STATUSES: readonly ActionStatus[] = ['Succeeded', 'Failed', 'Skipped', 'TimedOut', 'Cancelled'];

/** True for an action type only a stand-in can run offline. */
export function isConnectorType(type: string): boolean {
  return CONNECTOR_ACTION_TYPES.some((t) => t.toLowerCase() === type.toLowerCase());
}

/** Checks one entry: a known status (default Succeeded), and an error for failures. */
function toStandIn(entry: unknown, source: MockSource, where: string): StandIn | { invalid: ErrorInfo } {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
    return { invalid: { code: 'InvalidStandIn', message: `${where} must be an object such as {"status": "Succeeded", "outputs": {...}}.` } };
  }
  const { status, outputs, error } = entry as MockEntry;
  const canonical = status === undefined ? 'Succeeded' : STATUSES.find((s) => s.toLowerCase() === String(status).toLowerCase());
  if (!canonical) return { invalid: { code: 'InvalidStandIn', message: `${where} has status ${JSON.stringify(status)}; use one of ${STATUSES.join(', ')}.` } };
  const standIn: StandIn = { source, status: canonical };
  if (outputs !== undefined) standIn.outputs = outputs;
  if (canonical === 'Failed' || canonical === 'TimedOut') {
    standIn.error = error && typeof error.code === 'string' ? { code: error.code, message: String(error.message ?? '') } : { code: canonical === 'Failed' ? 'ActionFailed' : 'ActionTimedOut', message: `${where} makes the action ${canonical}.` };
  }
  return standIn;
}

/**
 * The stand-in for an action, if any: an enabled static result
 * (`runtimeConfiguration.staticResult` naming an entry of the definition's `staticResults`)
 * first, as Azure applies it, then the workspace mock file's entry for the action's name.
 */
export function standInFor(name: string, action: Action, definition: WorkflowDefinition, mockFor: ((name: string) => MockEntry | undefined) | undefined): StandIn | { invalid: ErrorInfo } | undefined {
  const config = action.runtimeConfiguration?.staticResult as { name?: unknown; staticResultOptions?: unknown } | undefined;
  if (config && String(config.staticResultOptions ?? '').toLowerCase() === 'enabled') {
    const resultName = String(config.name ?? '');
    const entry = definition.staticResults?.[resultName];
    if (entry === undefined) {
      return { invalid: { code: 'StaticResultNotFound', message: `Action '${name}' enables the static result '${resultName}', but the definition's "staticResults" has no entry of that name. Add one, or set staticResultOptions to "Disabled".` } };
    }
    return toStandIn(entry, 'staticResult', `The static result '${resultName}'`);
  }
  // A Response answers the caller and containers only hold other actions: neither is mocked.
  if (NEVER_MOCKED.has(action.type.toLowerCase())) return undefined;
  let mocked: MockEntry | undefined;
  try {
    mocked = mockFor?.(name);
  } catch (error) {
    return { invalid: { code: (error as { code?: string }).code ?? 'InvalidMockFile', message: (error as Error).message } };
  }
  return mocked === undefined ? undefined : toStandIn(mocked, 'mockFile', `The mock of '${name}' in mocks.json`);
}
