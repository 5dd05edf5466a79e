/**
 * Operation options Logic Apps documents for triggers and actions, in canonical case.
 * Others are kept as written, and the validator warns about them (a typo such as
 * `EnableSchemaValidaton` would otherwise silently turn validation off).
 */
export const KNOWN_OPERATION_OPTIONS: readonly string[] = [
  'EnableSchemaValidation',
  'SuppressWorkflowHeadersOnResponse',
  'IncludeAuthorizationHeadersInOutputs',
  'SuppressWorkflowHeaders',
  'Asynchronous',
  'DisableAsyncPattern',
  'DisableAutomaticDecompression',
  'Sequential',
  'SingleInstance',
  'FailWhenLimitsReached',
];

const BY_LOWER = new Map(KNOWN_OPERATION_OPTIONS.map((o) => [o.toLowerCase(), o]));

/**
 * Parses `operationOptions` ("EnableSchemaValidation, SuppressWorkflowHeadersOnResponse")
 * into a set. Matching is case-insensitive: known options are stored in canonical case,
 * so `set.has('EnableSchemaValidation')` works whatever case the file used.
 */
export function parseOperationOptions(value: unknown): Set<string> {
  const result = new Set<string>();
  if (typeof value !== 'string') return result;
  for (const part of value.split(',')) {
    const option = part.trim();
    if (option) result.add(BY_LOWER.get(option.toLowerCase()) ?? option);
  }
  return result;
}

/** True when the option is documented by Logic Apps (case-insensitive). */
export function isKnownOperationOption(option: string): boolean {
  return BY_LOWER.has(option.toLowerCase());
}
