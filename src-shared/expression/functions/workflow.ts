import { formValues, isMultipartBody, mediaTypeOf } from '../content.ts';
import type { FunctionCall, FunctionSpec } from '../registry.ts';
import { isPlainObject, typeName } from '../values.ts';
import { integerArg, stringArg } from './args.ts';

/** A member of a context object, null when the object or the member is missing. */
function member(obj: unknown, name: string): unknown {
  return isPlainObject(obj) && obj[name] !== undefined ? obj[name] : null;
}

function triggerOutputs(call: FunctionCall): unknown {
  return member(call.ctx.trigger(), 'outputs');
}

/** The action named by argument 0, or an ActionNotFound error that says how to fix it. */
function actionNamed(args: unknown[], call: FunctionCall): unknown {
  const name = stringArg(args, 0, call);
  const action = call.ctx.action(name);
  if (action === undefined) {
    return call.fail(
      'ActionNotFound',
      `${call.prefix} cannot find an action named '${name}' that has run. Check the name (spaces in action names become underscores) and that the action using it runs after '${name}' (runAfter).`,
      0,
    );
  }
  return action;
}

function actionFunction(name: string, pick: (action: unknown) => unknown): FunctionSpec {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    signature: `${name}(actionName)`,
    namesAction: true,
    fn: (args, call) => pick(actionNamed(args, call)),
  };
}

function notAvailable(call: FunctionCall, where: string): never {
  return call.fail('NotAvailable', `${call.prefix} ${where}`);
}

/** Form values under `key` in `body`, or a clear error when the body is not form data. */
function formData(body: unknown, key: string, call: FunctionCall, keyIndex: number): string[] {
  const values = formValues(body, key);
  if (values === undefined) {
    const type = isPlainObject(body) ? mediaTypeOf(body) || 'none' : typeName(body);
    return call.fail(
      'InvalidArgument',
      `${call.prefix} expects a form body (application/x-www-form-urlencoded or multipart/form-data), but the body is '${type}'.`,
      keyIndex,
    );
  }
  return values;
}

function singleFormValue(values: string[], key: string, call: FunctionCall, keyIndex: number): string | null {
  if (values.length > 1) {
    return call.fail(
      'InvalidArgument',
      `${call.prefix} found ${values.length} values for the key '${key}'; use the multi-value function (formDataMultiValues) to read them all.`,
      keyIndex,
    );
  }
  return values[0] ?? null;
}

function multipartPart(body: unknown, indexArg: number, args: unknown[], call: FunctionCall): unknown {
  const index = integerArg(args, indexArg, call);
  if (!isMultipartBody(body)) {
    return call.fail(
      'InvalidArgument',
      `${call.prefix} expects a multipart body, but the body is of type '${isPlainObject(body) ? mediaTypeOf(body) || 'Object' : typeName(body)}'.`,
      indexArg,
    );
  }
  const parts = body.$multipart;
  if (index < 0 || index >= parts.length) {
    return call.fail(
      'IndexOutOfRange',
      `${call.prefix} was given the index ${index}, but the body has ${parts.length} part(s) (indexes 0 to ${parts.length - 1}).`,
      indexArg,
    );
  }
  return parts[index]!.body ?? null;
}

/** Workflow functions (Microsoft's "Workflow functions" table) that read the run through ExpressionContext. */
export const workflowFunctions: readonly FunctionSpec[] = [
  { name: 'trigger', minArgs: 0, maxArgs: 0, signature: 'trigger()', fn: (_a, call) => call.ctx.trigger() ?? null },
  { name: 'triggerOutputs', minArgs: 0, maxArgs: 0, signature: 'triggerOutputs()', fn: (_a, call) => triggerOutputs(call) },
  {
    name: 'triggerBody',
    minArgs: 0,
    maxArgs: 0,
    signature: 'triggerBody()',
    fn: (_a, call) => member(triggerOutputs(call), 'body'),
  },
  {
    name: 'action',
    minArgs: 0,
    maxArgs: 0,
    signature: 'action()',
    fn: (_a, call) => {
      const current = call.ctx.currentAction ? call.ctx.currentAction() : undefined;
      if (current === undefined) {
        return notAvailable(call, "can only be used where an action is running, such as in its trackedProperties; use actions('Name') elsewhere.");
      }
      return current;
    },
  },
  actionFunction('actions', (action) => action ?? null),
  actionFunction('outputs', (action) => member(action, 'outputs')),
  actionFunction('body', (action) => member(member(action, 'outputs'), 'body')),
  // Older names Microsoft still accepts for outputs() and body().
  actionFunction('actionOutputs', (action) => member(action, 'outputs')),
  actionFunction('actionBody', (action) => member(member(action, 'outputs'), 'body')),
  {
    name: 'result',
    minArgs: 1,
    maxArgs: 1,
    signature: 'result(scopeName)',
    namesAction: true,
    fn: (args, call) => {
      const name = stringArg(args, 0, call);
      if (!call.ctx.result) return notAvailable(call, 'cannot be used here: no scope results are available.');
      const value = call.ctx.result(name);
      if (value === undefined) {
        return call.fail(
          'ActionNotFound',
          `${call.prefix} cannot find a scope named '${name}' that has run. Check the name and that the action using it runs after '${name}' (runAfter).`,
          0,
        );
      }
      return value;
    },
  },
  {
    name: 'parameters',
    minArgs: 1,
    maxArgs: 1,
    signature: 'parameters(parameterName)',
    fn: (args, call) => {
      const name = stringArg(args, 0, call);
      const found = call.ctx.parameter(name);
      if (!found.found) {
        return call.fail(
          'ParameterNotFound',
          `The workflow parameter '${name}' is not found. Declare it in the definition's parameters or in parameters.json.`,
          0,
        );
      }
      return found.value ?? null;
    },
  },
  {
    name: 'appsetting',
    minArgs: 1,
    maxArgs: 1,
    signature: 'appsetting(settingName)',
    fn: (args, call) => {
      const name = stringArg(args, 0, call);
      const value = call.ctx.appsetting(name);
      if (value === undefined) {
        return call.fail(
          'AppSettingNotFound',
          `The app setting '${name}' is not found. Add it under "Values" in local.settings.json.`,
          0,
        );
      }
      return value;
    },
  },
  { name: 'workflow', minArgs: 0, maxArgs: 0, signature: 'workflow()', fn: (_a, call) => call.ctx.workflow() ?? null },
  {
    name: 'variables',
    minArgs: 1,
    maxArgs: 1,
    signature: 'variables(variableName)',
    fn: (args, call) => {
      const name = stringArg(args, 0, call);
      if (!call.ctx.variable) return notAvailable(call, 'cannot be used here: no variables are available.');
      const found = call.ctx.variable(name);
      if (!found.found) {
        return call.fail(
          'VariableNotFound',
          `The variable '${name}' is not found. Create it with an Initialize variable action that runs before this one.`,
          0,
        );
      }
      return found.value ?? null;
    },
  },
  {
    name: 'item',
    minArgs: 0,
    maxArgs: 0,
    signature: 'item()',
    fn: (_a, call) => {
      if (!call.ctx.item) return notAvailable(call, 'can only be used inside a Foreach loop or a Query or Select action.');
      return call.ctx.item() ?? null;
    },
  },
  {
    name: 'items',
    minArgs: 1,
    maxArgs: 1,
    signature: 'items(loopName)',
    fn: (args, call) => {
      const name = stringArg(args, 0, call);
      const value = call.ctx.items ? call.ctx.items(name) : undefined;
      if (value === undefined) {
        return call.fail(
          'NotAvailable',
          `${call.prefix} can only name a Foreach loop that contains this action, and '${name}' is not one.`,
          0,
        );
      }
      return value;
    },
  },
  {
    name: 'iterationIndexes',
    minArgs: 1,
    maxArgs: 1,
    signature: 'iterationIndexes(loopName)',
    fn: (args, call) => {
      const name = stringArg(args, 0, call);
      const index = call.ctx.iterationIndexes ? call.ctx.iterationIndexes(name) : undefined;
      if (index === undefined) {
        return call.fail('NotAvailable', `${call.prefix} can only name an Until or Foreach loop that contains this action, and '${name}' is not one.`, 0);
      }
      return index;
    },
  },
  {
    name: 'listCallbackUrl',
    minArgs: 0,
    maxArgs: 0,
    signature: 'listCallbackUrl()',
    fn: (_a, call) => {
      const url = call.ctx.callbackUrl ? call.ctx.callbackUrl() : undefined;
      if (url === undefined) return notAvailable(call, 'needs a workflow whose trigger has a callback URL (a Request trigger) served by the listener.');
      return url;
    },
  },
  {
    name: 'triggerFormDataValue',
    minArgs: 1,
    maxArgs: 1,
    signature: 'triggerFormDataValue(key)',
    fn: (args, call) => {
      const key = stringArg(args, 0, call);
      return singleFormValue(formData(member(triggerOutputs(call), 'body'), key, call, 0), key, call, 0);
    },
  },
  {
    name: 'triggerFormDataMultiValues',
    minArgs: 1,
    maxArgs: 1,
    signature: 'triggerFormDataMultiValues(key)',
    fn: (args, call) => formData(member(triggerOutputs(call), 'body'), stringArg(args, 0, call), call, 0),
  },
  {
    name: 'triggerMultipartBody',
    minArgs: 1,
    maxArgs: 1,
    signature: 'triggerMultipartBody(index)',
    fn: (args, call) => multipartPart(member(triggerOutputs(call), 'body'), 0, args, call),
  },
  {
    name: 'formDataValue',
    minArgs: 2,
    maxArgs: 2,
    signature: 'formDataValue(actionName, key)',
    namesAction: true,
    fn: (args, call) => {
      const body = member(member(actionNamed(args, call), 'outputs'), 'body');
      const key = stringArg(args, 1, call);
      return singleFormValue(formData(body, key, call, 1), key, call, 1);
    },
  },
  {
    name: 'formDataMultiValues',
    minArgs: 2,
    maxArgs: 2,
    signature: 'formDataMultiValues(actionName, key)',
    namesAction: true,
    fn: (args, call) =>
      formData(member(member(actionNamed(args, call), 'outputs'), 'body'), stringArg(args, 1, call), call, 1),
  },
  {
    name: 'multipartBody',
    minArgs: 2,
    maxArgs: 2,
    signature: 'multipartBody(actionName, index)',
    namesAction: true,
    fn: (args, call) => multipartPart(member(member(actionNamed(args, call), 'outputs'), 'body'), 1, args, call),
  },
];
