// Public API of the Logic Apps workflow expression language (docs/expression.md).
export type { ExpressionContext } from './context.ts';
export { evaluateTemplate, evaluateValue } from './evaluate.ts';
export { diagnose } from './diagnose.ts';
export type { ExpressionDiagnostic } from './diagnose.ts';
export { referencedActions } from './references.ts';
export { isExpression, parseTemplate } from './template.ts';
export type { ExpressionPart, Template } from './template.ts';
export { ExpressionError, caretLines } from './errors.ts';
export type { ExpressionErrorCode } from './errors.ts';
export { EXPRESSION_LIMITS } from './limits.ts';
export type { ExpressionNode } from './ast.ts';
export { FUNCTIONS, functionHelp, functionHelpList, lookupFunction } from './functions/index.ts';
export type { FunctionHelp } from './functions/index.ts';
export { MICROSOFT_FUNCTIONS } from './functions/microsoft-catalog.ts';
export type { FunctionSpec, FunctionCall, FunctionRegistry } from './registry.ts';
export { toText } from './values.ts';
