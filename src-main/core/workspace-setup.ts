import { diagnose } from '../../src-shared/expression/index.ts';
import { parseAccessControl } from '../auth/access-control.ts';
import { CONNECTOR_ACTION_TYPES } from '../../src-shared/workflow/type-names.ts';
import { SUPPORTED_ACTION_TYPES } from '../runtime/actions/registry.ts';
import type { WorkspaceOptions } from '../workspace/workspace.ts';

/**
 * How the workbench and the CLI load workspaces: the engine's action types, the real
 * access-control parser, and expression checking. A function Microsoft documents but
 * the engine does not run yet is a warning (the workflow still serves), any other
 * expression problem an error.
 */
export function workspaceOptions(): WorkspaceOptions {
  return {
    // Connector actions load without a warning: they run through a static result or
    // mocks.json, and fail with a message saying so when they have neither.
    supportedActionTypes: [...SUPPORTED_ACTION_TYPES, ...CONNECTOR_ACTION_TYPES],
    parseAccessControl,
    checkExpression: (text) => diagnose(text).map((d) => ({ code: d.code, message: d.message, severity: d.code === 'UnsupportedFunction' ? 'warning' : 'error' })),
  };
}
