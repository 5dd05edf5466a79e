/** The workflow module's public surface: WDL types, helpers and validation. */
export type * from './types.ts';
export type * from './workspace-snapshot.ts';
export { normalizeStatus, RUN_AFTER_STATUSES } from './status.ts';
export { parseOperationOptions, isKnownOperationOption, KNOWN_OPERATION_OPTIONS } from './operation-options.ts';
export { isDroppedResponseHeader, RESPONSE_DROPPED_HEADERS } from './response-headers.ts';
export { normalizeMethod, REQUEST_TRIGGER_METHODS } from './http-methods.ts';
export { parseRelativePathTemplate, matchRelativePath, type RelativePathTemplate, type RelativePathSegment, type RelativePathError } from './relative-path.ts';
export { findRequestTrigger, listActions, listScopes, type ActionScope, type ListedAction, type ScopeBranch } from './action-tree.ts';
export { sameTypeName, CONTAINER_ACTION_TYPES, LOOP_ACTION_TYPES } from './type-names.ts';
export { toPointer, childPointer, fromPointer } from './json-pointer.ts';
export { parseJsonFile, locateProblems, stripBom, createPositionIndex, type TextPosition } from './json-text.ts';
export { validateWorkflowFile, type ValidateWorkflowOptions, type WorkflowValidation } from './validate-workflow.ts';
export { RESPONSE_3XX_MESSAGE } from './validate-response.ts';
export type { ExpressionChecker } from './validate-expressions.ts';
