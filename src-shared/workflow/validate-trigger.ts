import { normalizeMethod, REQUEST_TRIGGER_METHODS } from './http-methods.ts';
import { childPointer } from './json-pointer.ts';
import { parseOperationOptions } from './operation-options.ts';
import { parseRelativePathTemplate } from './relative-path.ts';
import { sameTypeName } from './type-names.ts';
import { validateOperationOptions } from './validate-operation-options.ts';
import { describeJsonType, isRecord, type ValidationContext } from './validation-context.ts';

/**
 * Checks `definition.triggers`. Triggerbench serves a workflow that has exactly one
 * trigger of type Request; any other shape loads but is not callable, with a warning.
 * Returns the name of the servable Request trigger, if there is one.
 */
export function validateTriggers(ctx: ValidationContext, triggers: unknown, pointer: string): string | undefined {
  if (triggers === undefined) {
    ctx.warning('NoTrigger', pointer, 'The definition has no triggers, so the workflow loads but cannot be called. Add a Request trigger ("When an HTTP request is received").');
    return undefined;
  }
  if (!isRecord(triggers)) {
    ctx.error('InvalidTriggers', pointer, `"triggers" is ${describeJsonType(triggers)}; it must be an object that maps each trigger name to its definition.`);
    return undefined;
  }
  const names = Object.keys(triggers);
  if (names.length === 0) {
    ctx.warning('NoTrigger', pointer, 'The definition has no triggers, so the workflow loads but cannot be called. Add a Request trigger ("When an HTTP request is received").');
    return undefined;
  }
  let requestTrigger: string | undefined;
  for (const name of names) {
    if (validateTrigger(ctx, name, triggers[name], childPointer(pointer, name))) requestTrigger ??= name;
  }
  if (names.length > 1) {
    ctx.warning('MultipleTriggers', pointer, `The definition has ${names.length} triggers (${names.map((n) => `'${n}'`).join(', ')}); Triggerbench serves workflows with exactly one trigger, so this one loads but cannot be called. Keep one Request trigger.`);
    return undefined;
  }
  return requestTrigger;
}

/** Checks one trigger; returns true when it is a Request trigger. */
function validateTrigger(ctx: ValidationContext, name: string, trigger: unknown, pointer: string): boolean {
  if (!isRecord(trigger)) {
    ctx.error('InvalidTrigger', pointer, `Trigger '${name}' is ${describeJsonType(trigger)}; it must be an object with a "type".`);
    return false;
  }
  if (typeof trigger.type !== 'string' || trigger.type === '') {
    ctx.error('TriggerTypeMissing', childPointer(pointer, 'type'), `Trigger '${name}' has no "type". For an HTTP endpoint use "type": "Request" with "kind": "Http".`);
    return false;
  }
  if (!sameTypeName(trigger.type, 'Request')) {
    ctx.warning('UnsupportedTriggerType', childPointer(pointer, 'type'), `Trigger '${name}' is of type '${trigger.type}'. Triggerbench only serves Request triggers, so this workflow loads but cannot be called.`);
    return false;
  }
  if (trigger.kind !== undefined && !sameTypeName(trigger.kind, 'Http')) {
    ctx.warning('UnsupportedTriggerKind', childPointer(pointer, 'kind'), `Trigger '${name}' has kind '${String(trigger.kind)}'; Triggerbench serves it as a plain HTTP request trigger (kind "Http").`);
  }
  validateRequestInputs(ctx, name, trigger.inputs, childPointer(pointer, 'inputs'));
  validateConditions(ctx, name, trigger.conditions, childPointer(pointer, 'conditions'));
  validateOperationOptions(ctx, `Trigger '${name}'`, trigger.operationOptions, pointer);
  const options = parseOperationOptions(trigger.operationOptions);
  const schema = isRecord(trigger.inputs) ? trigger.inputs.schema : undefined;
  if (options.has('EnableSchemaValidation') && (!isRecord(schema) || Object.keys(schema).length === 0)) {
    ctx.warning('SchemaValidationWithoutSchema', childPointer(pointer, 'operationOptions'), `Trigger '${name}' turns on EnableSchemaValidation but has no schema, so every body passes. Add inputs.schema.`);
  }
  return true;
}

function validateRequestInputs(ctx: ValidationContext, name: string, inputs: unknown, pointer: string): void {
  if (inputs === undefined) return;
  if (!isRecord(inputs)) {
    ctx.error('InvalidTriggerInputs', pointer, `Trigger '${name}' has "inputs" set to ${describeJsonType(inputs)}; it must be an object with optional "method", "relativePath" and "schema".`);
    return;
  }
  const { method, relativePath, schema } = inputs;
  if (method !== undefined) {
    const at = childPointer(pointer, 'method');
    if (typeof method !== 'string' || normalizeMethod(method) === undefined) {
      ctx.error('InvalidTriggerMethod', at, `Trigger '${name}' has method ${JSON.stringify(method)}; use one of ${REQUEST_TRIGGER_METHODS.join(', ')}, or remove "method" to accept any method.`);
    }
  }
  if (relativePath !== undefined) {
    const at = childPointer(pointer, 'relativePath');
    if (typeof relativePath !== 'string') {
      ctx.error('InvalidRelativePath', at, `Trigger '${name}' has relativePath set to ${describeJsonType(relativePath)}; it must be a string such as "/address/{postalCode}".`);
    } else {
      const parsed = parseRelativePathTemplate(relativePath);
      if ('error' in parsed) ctx.error(parsed.error.code, at, `Trigger '${name}': ${parsed.error.message}`);
    }
  }
  if (schema !== undefined && !isRecord(schema)) {
    ctx.error('InvalidTriggerSchema', childPointer(pointer, 'schema'), `Trigger '${name}' has "schema" set to ${describeJsonType(schema)}; it must be a JSON Schema object such as {"type": "object", "properties": {...}}.`);
  }
}

function validateConditions(ctx: ValidationContext, name: string, conditions: unknown, pointer: string): void {
  if (conditions === undefined) return;
  if (!Array.isArray(conditions)) {
    ctx.error('InvalidTriggerConditions', pointer, `Trigger '${name}' has "conditions" set to ${describeJsonType(conditions)}; it must be an array of {"expression": "@..."} objects.`);
    return;
  }
  conditions.forEach((condition, index) => {
    const at = childPointer(pointer, index);
    if (!isRecord(condition) || typeof condition.expression !== 'string') {
      ctx.error('InvalidTriggerCondition', at, `Condition ${index} of trigger '${name}' must be an object with an "expression" string, such as {"expression": "@equals(triggerOutputs()?['headers']?['x-kind'], 'order')"}.`);
    } else if (!condition.expression.startsWith('@')) {
      ctx.warning('ConstantTriggerCondition', childPointer(at, 'expression'), `Condition ${index} of trigger '${name}' is plain text, not an expression starting with '@', so it never changes. Write it as "@equals(...)".`);
    }
  });
}
