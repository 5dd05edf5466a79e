import { isKnownOperationOption, parseOperationOptions } from './operation-options.ts';
import { childPointer } from './json-pointer.ts';
import { describeJsonType, type ValidationContext } from './validation-context.ts';

/**
 * Checks an `operationOptions` value: it must be a string; an option Logic Apps does not
 * document is a warning, because a misspelt `EnableSchemaValidation` silently turns
 * validation off.
 */
export function validateOperationOptions(ctx: ValidationContext, owner: string, value: unknown, pointer: string): void {
  if (value === undefined) return;
  const at = childPointer(pointer, 'operationOptions');
  if (typeof value !== 'string') {
    ctx.error('InvalidOperationOptions', at, `${owner} has operationOptions set to ${describeJsonType(value)}; it must be a string such as "EnableSchemaValidation, SuppressWorkflowHeadersOnResponse".`);
    return;
  }
  for (const option of parseOperationOptions(value)) {
    if (!isKnownOperationOption(option)) {
      ctx.warning('UnknownOperationOption', at, `${owner} has operation option '${option}', which Logic Apps does not document; Triggerbench ignores it. Check its spelling.`);
    }
  }
}
