/** Compares WDL type or kind names the way Logic Apps does: case-insensitively (`Response`/`response`). */
export function sameTypeName(a: unknown, b: string): boolean {
  return typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
}

/** Container action types whose nested actions live in `actions`, `else`, `cases` or `default`. */
export const CONTAINER_ACTION_TYPES: readonly string[] = ['If', 'Switch', 'Scope', 'Foreach', 'Until'];

/** Loop types: a Response action may not run inside one (docs/logic-apps-behaviour.md §5). */
export const LOOP_ACTION_TYPES: readonly string[] = ['Foreach', 'Until'];

/**
 * Action types that call a managed or built-in connector (or code Triggerbench does not
 * host): offline they run only through a static result or the workspace mock file
 * (docs/runtime.md, "Mocks").
 */
export const CONNECTOR_ACTION_TYPES: readonly string[] = ['ApiConnection', 'ApiConnectionWebhook', 'ServiceProvider', 'Function', 'ApiManagement', 'Xslt', 'Liquid', 'XmlValidation', 'FlatFileDecoding', 'FlatFileEncoding', 'IntegrationAccountArtifactLookup', 'Batch', 'SendToBatch', 'HttpWebhook', 'Agent'];
