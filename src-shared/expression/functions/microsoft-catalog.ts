/**
 * Every function name in Microsoft's "Reference guide to workflow expression functions"
 * (plus appsetting, from Logic Apps Standard). A call to one of these that the registry
 * lacks is reported as `UnsupportedFunction` ("not supported by Triggerbench yet") rather
 * than `UnknownFunction` (a typo), so the user knows the workflow is fine on Azure.
 */
export const MICROSOFT_FUNCTIONS: readonly string[] = [
  // String
  'chunk', 'concat', 'endsWith', 'formatNumber', 'guid', 'indexOf', 'isFloat', 'isInt', 'lastIndexOf',
  'length', 'nthIndexOf', 'replace', 'slice', 'split', 'startsWith', 'substring', 'toLower', 'toUpper', 'trim',
  // Collection
  'contains', 'empty', 'first', 'intersection', 'item', 'join', 'last', 'reverse', 'skip', 'sort', 'take', 'union',
  // Logical comparison
  'and', 'equals', 'greater', 'greaterOrEquals', 'if', 'less', 'lessOrEquals', 'not', 'or',
  // Conversion
  'array', 'base64', 'base64ToBinary', 'base64ToString', 'binary', 'bool', 'createArray', 'dataUri',
  'dataUriToBinary', 'dataUriToString', 'decimal', 'decodeBase64', 'decodeDataUri', 'decodeUriComponent',
  'encodeUriComponent', 'float', 'int', 'json', 'string', 'uriComponent', 'uriComponentToBinary',
  'uriComponentToString', 'xml',
  // Math
  'add', 'div', 'max', 'min', 'mod', 'mul', 'rand', 'range', 'sub',
  // Date and time
  'addDays', 'addHours', 'addMinutes', 'addSeconds', 'addToTime', 'convertFromUtc', 'convertTimeZone',
  'convertToUtc', 'dateDifference', 'dayOfMonth', 'dayOfWeek', 'dayOfYear', 'formatDateTime', 'getFutureTime',
  'getPastTime', 'parseDateTime', 'startOfDay', 'startOfHour', 'startOfMonth', 'subtractFromTime', 'ticks',
  'utcNow',
  // Workflow
  'action', 'actions', 'actionBody', 'actionOutputs', 'appsetting', 'body', 'formDataMultiValues',
  'formDataValue', 'items', 'iterationIndexes', 'listCallbackUrl', 'multipartBody', 'outputs', 'parameters',
  'result', 'trigger', 'triggerBody', 'triggerFormDataMultiValues', 'triggerFormDataValue',
  'triggerMultipartBody', 'triggerOutputs', 'variables', 'workflow',
  // URI parsing
  'uriHost', 'uriPath', 'uriPathAndQuery', 'uriPort', 'uriQuery', 'uriScheme',
  // Manipulation
  'addProperty', 'coalesce', 'removeProperty', 'setProperty', 'xpath',
];

const BY_LOWER = new Map(MICROSOFT_FUNCTIONS.map((name) => [name.toLowerCase(), name]));

/** Microsoft's spelling of a function name (matched ignoring case), or undefined when Azure has no such function. */
export function microsoftName(name: string): string | undefined {
  return BY_LOWER.get(name.toLowerCase());
}
