import { describe, expect, it } from 'vitest';
import { validateWorkflowFile } from '../../src-shared/workflow/validate-workflow.ts';
import type { Problem } from '../../src-shared/problems.ts';

const TYPES = ['Response', 'Compose', 'Wait', 'If', 'Switch', 'Scope', 'Foreach', 'Until'];

function requestTrigger(inputs: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return { manual: { type: 'Request', kind: 'Http', inputs, ...extra } };
}

function workflow(actions: Record<string, unknown>, triggers: unknown = requestTrigger(), extra: Record<string, unknown> = {}) {
  return { definition: { $schema: 'x', contentVersion: '1.0.0.0', triggers, actions, outputs: {} }, kind: 'Stateful', ...extra };
}

function run(json: unknown, checkExpression?: (text: string) => { code: string; message: string }[]) {
  return validateWorkflowFile(json, { file: 'orders/workflow.json', workflow: 'orders', supportedActionTypes: TYPES, checkExpression });
}

function codes(problems: Problem[]) {
  return problems.map((p) => `${p.severity}:${p.code}@${p.pointer}`);
}

const ok = { Response: { type: 'Response', kind: 'Http', inputs: { statusCode: 200 }, runAfter: {} } };

describe('validateWorkflowFile: file shape', () => {
  it('accepts a minimal Request → Response workflow with no problems', () => {
    const result = run(workflow(ok));
    expect(result.problems).toEqual([]);
    expect(result.requestTrigger).toBe('manual');
    expect(result.workflow?.kind).toBe('Stateful');
  });

  it('stamps the file and workflow on every problem', () => {
    const [problem] = run(workflow({ A: { type: 'Compose', runAfter: { Nope: ['Succeeded'] } } })).problems;
    expect(problem).toMatchObject({ file: 'orders/workflow.json', workflow: 'orders', severity: 'error' });
  });

  it('rejects a file that is not an object', () => {
    const result = run([1, 2]);
    expect(result.workflow).toBeUndefined();
    expect(codes(result.problems)).toEqual(['error:InvalidWorkflowFile@']);
  });

  it('rejects a missing definition and recognises a bare definition', () => {
    const result = run({ triggers: {}, actions: {} });
    expect(result.workflow).toBeUndefined();
    expect(codes(result.problems)).toEqual(['warning:WorkflowKindMissing@', 'error:DefinitionMissing@']);
    expect(result.problems[1]!.message).toContain('wrap it as {"definition"');
  });

  it('rejects a definition that is not an object', () => {
    expect(codes(run({ definition: 'x', kind: 'Stateful' }).problems)).toEqual(['error:InvalidDefinition@/definition']);
  });

  it('warns when kind is missing and defaults to Stateful', () => {
    const { definition } = workflow(ok);
    const result = run({ definition });
    expect(result.workflow?.kind).toBe('Stateful');
    expect(codes(result.problems)).toEqual(['warning:WorkflowKindMissing@']);
  });

  it('accepts kind in any case and normalises it', () => {
    expect(run(workflow(ok, undefined, { kind: 'stateless' })).workflow?.kind).toBe('Stateless');
  });

  it('rejects an unknown kind', () => {
    expect(codes(run(workflow(ok, undefined, { kind: 'Durable' })).problems)).toEqual(['error:InvalidWorkflowKind@/kind']);
  });

  it('ignores unknown top-level and definition keys', () => {
    const json = workflow(ok, undefined, { somethingNew: 1 });
    (json.definition as Record<string, unknown>).futureFeature = { a: 1 };
    expect(run(json).problems).toEqual([]);
  });
});

describe('validateWorkflowFile: trigger', () => {
  it('loads a workflow without triggers but makes it uncallable, with a warning', () => {
    const result = run(workflow(ok, {}));
    expect(result.requestTrigger).toBeUndefined();
    expect(codes(result.problems)).toContain('warning:NoTrigger@/definition/triggers');
  });

  it('loads a Recurrence workflow as not callable with a plain warning', () => {
    const result = run(workflow({ A: { type: 'Compose', inputs: 1 } }, { Recurrence: { type: 'Recurrence', recurrence: { frequency: 'Hour', interval: 1 } } }));
    expect(result.workflow?.kind).toBe('Stateful');
    expect(result.requestTrigger).toBeUndefined();
    expect(codes(result.problems)).toEqual(['warning:UnsupportedTriggerType@/definition/triggers/Recurrence/type']);
    expect(result.problems[0]!.message).toMatch(/loads but cannot be called/);
  });

  it('serves only workflows with exactly one trigger', () => {
    const triggers = { a: { type: 'Request', kind: 'Http' }, b: { type: 'Request', kind: 'Http' } };
    const result = run(workflow(ok, triggers));
    expect(result.requestTrigger).toBeUndefined();
    expect(codes(result.problems)).toEqual(['warning:MultipleTriggers@/definition/triggers']);
  });

  it('compares the trigger type and kind case-insensitively', () => {
    const result = run(workflow(ok, { manual: { type: 'request', kind: 'http' } }));
    expect(result.requestTrigger).toBe('manual');
    expect(result.problems).toEqual([]);
  });

  it('warns about a Request kind other than Http', () => {
    expect(codes(run(workflow(ok, { manual: { type: 'Request', kind: 'Button' } })).problems)).toEqual(['warning:UnsupportedTriggerKind@/definition/triggers/manual/kind']);
  });

  it('requires a trigger type', () => {
    expect(codes(run(workflow(ok, { manual: { kind: 'Http' } })).problems)).toContain('error:TriggerTypeMissing@/definition/triggers/manual/type');
  });

  it.each(['GET', 'post', 'Put', 'PATCH', 'DELETE'])('accepts method %s', (method) => {
    expect(run(workflow(ok, requestTrigger({ method }))).problems).toEqual([]);
  });

  it('accepts a missing method (any method is allowed)', () => {
    expect(run(workflow(ok, requestTrigger({}))).problems).toEqual([]);
  });

  it.each([['FETCH'], ['GET, POST'], [42]])('rejects method %j', (method) => {
    const result = run(workflow(ok, requestTrigger({ method })));
    expect(codes(result.problems)).toEqual(['error:InvalidTriggerMethod@/definition/triggers/manual/inputs/method']);
    expect(result.problems[0]!.message).toContain('remove "method" to accept any method');
  });

  it.each(['/address/{postalCode}', '{width}/{height}', 'boom/{bang}/pow/{whack}', '/files/{name}.{ext}', '/'])('accepts relativePath %s', (relativePath) => {
    expect(run(workflow(ok, requestTrigger({ relativePath }))).problems).toEqual([]);
  });

  it.each(['/address/{postalCode', '/a/{}', '/a/{x}/{x}', '/a//b', '/a?b=1', '/a/{x}{y}', 5])('rejects relativePath %j', (relativePath) => {
    expect(codes(run(workflow(ok, requestTrigger({ relativePath }))).problems)).toEqual(['error:InvalidRelativePath@/definition/triggers/manual/inputs/relativePath']);
  });

  it.each([[[]], ['{"type":"object"}'], [true]])('rejects schema %j that is not an object', (schema) => {
    expect(codes(run(workflow(ok, requestTrigger({ schema }))).problems)).toEqual(['error:InvalidTriggerSchema@/definition/triggers/manual/inputs/schema']);
  });

  it('rejects trigger inputs that are not an object', () => {
    expect(codes(run(workflow(ok, { manual: { type: 'Request', kind: 'Http', inputs: 'x' } })).problems)).toEqual(['error:InvalidTriggerInputs@/definition/triggers/manual/inputs']);
  });

  it('checks trigger conditions', () => {
    const good = requestTrigger({}, { conditions: [{ expression: "@equals(triggerOutputs()?['headers']?['x-kind'], 'order')" }] });
    expect(run(workflow(ok, good)).problems).toEqual([]);
    expect(codes(run(workflow(ok, requestTrigger({}, { conditions: {} }))).problems)).toEqual(['error:InvalidTriggerConditions@/definition/triggers/manual/conditions']);
    expect(codes(run(workflow(ok, requestTrigger({}, { conditions: [{ when: 'x' }] }))).problems)).toEqual(['error:InvalidTriggerCondition@/definition/triggers/manual/conditions/0']);
    expect(codes(run(workflow(ok, requestTrigger({}, { conditions: [{ expression: 'true' }] }))).problems)).toEqual(['warning:ConstantTriggerCondition@/definition/triggers/manual/conditions/0/expression']);
  });

  it('accepts known operation options in any case and warns about unknown ones', () => {
    expect(run(workflow(ok, requestTrigger({ schema: { type: 'object' } }, { operationOptions: 'enableschemavalidation, SuppressWorkflowHeadersOnResponse' }))).problems).toEqual([]);
    const result = run(workflow(ok, requestTrigger({}, { operationOptions: 'EnableSchemaValidaton' })));
    expect(codes(result.problems)).toEqual(['warning:UnknownOperationOption@/definition/triggers/manual/operationOptions']);
    expect(result.problems[0]!.message).toContain("'EnableSchemaValidaton'");
    expect(codes(run(workflow(ok, requestTrigger({}, { operationOptions: ['EnableSchemaValidation'] }))).problems)).toEqual(['error:InvalidOperationOptions@/definition/triggers/manual/operationOptions']);
  });

  it('warns when schema validation is on without a schema', () => {
    expect(codes(run(workflow(ok, requestTrigger({}, { operationOptions: 'EnableSchemaValidation' }))).problems)).toEqual(['warning:SchemaValidationWithoutSchema@/definition/triggers/manual/operationOptions']);
  });
});

describe('validateWorkflowFile: actions and runAfter', () => {
  it('accepts upper-case runAfter statuses written by the newer designer', () => {
    const actions = { A: { type: 'Compose', inputs: 1, runAfter: {} }, B: { type: 'Compose', inputs: 2, runAfter: { A: ['SUCCEEDED', 'FAILED', 'skipped', 'TimedOut'] } } };
    expect(run(workflow(actions)).problems).toEqual([]);
  });

  it('rejects an unknown status', () => {
    const actions = { A: { type: 'Compose', runAfter: {} }, B: { type: 'Compose', runAfter: { A: ['Succeeded', 'Done'] } } };
    const result = run(workflow(actions));
    expect(codes(result.problems)).toEqual(['error:InvalidRunAfterStatus@/definition/actions/B/runAfter/A/1']);
    expect(result.problems[0]!.message).toContain('Succeeded, Failed, Skipped, TimedOut');
  });

  it('rejects an empty or non-array status list, and a non-object runAfter', () => {
    const actions = { A: { type: 'Compose' }, B: { type: 'Compose', runAfter: { A: [] } }, C: { type: 'Compose', runAfter: { A: 'Succeeded' } }, D: { type: 'Compose', runAfter: ['A'] } };
    expect(codes(run(workflow(actions)).problems)).toEqual([
      'error:EmptyRunAfterStatuses@/definition/actions/B/runAfter/A',
      'error:InvalidRunAfterStatuses@/definition/actions/C/runAfter/A',
      'error:InvalidRunAfter@/definition/actions/D/runAfter',
    ]);
  });

  it('rejects runAfter naming an action that does not exist', () => {
    const result = run(workflow({ A: { type: 'Compose', runAfter: { Ghost: ['Succeeded'] } } }));
    expect(codes(result.problems)).toEqual(['error:RunAfterUnknownAction@/definition/actions/A/runAfter/Ghost']);
  });

  it('rejects runAfter naming an action of another scope, and says where it is', () => {
    const actions = {
      Scope: { type: 'Scope', actions: { Inner: { type: 'Compose', runAfter: {} } }, runAfter: {} },
      After: { type: 'Compose', runAfter: { Inner: ['Succeeded'] } },
    };
    const result = run(workflow(actions));
    expect(codes(result.problems)).toEqual(['error:RunAfterUnknownAction@/definition/actions/After/runAfter/Inner']);
    expect(result.problems[0]!.message).toContain("'Inner' exists inside 'Scope'");
  });

  it('accepts runAfter between siblings inside If, Switch cases and default', () => {
    const actions = {
      Check: {
        type: 'If',
        expression: { and: [{ equals: [1, 1] }] },
        actions: { A: { type: 'Compose' }, B: { type: 'Compose', runAfter: { A: ['Succeeded'] } } },
        else: { actions: { C: { type: 'Compose' }, D: { type: 'Compose', runAfter: { C: ['Failed'] } } } },
      },
      Pick: {
        type: 'Switch',
        expression: '@triggerBody()',
        cases: { one: { case: 1, actions: { E: { type: 'Compose' }, F: { type: 'Compose', runAfter: { E: ['Succeeded'] } } } } },
        default: { actions: { G: { type: 'Compose' }, H: { type: 'Compose', runAfter: { G: ['Succeeded'] } } } },
        runAfter: { Check: ['Succeeded'] },
      },
    };
    expect(run(workflow(actions)).problems).toEqual([]);
  });

  it('rejects runAfter from an else branch to the true branch of the same If', () => {
    const actions = { Check: { type: 'If', expression: true, actions: { A: { type: 'Compose' } }, else: { actions: { B: { type: 'Compose', runAfter: { A: ['Succeeded'] } } } } } };
    expect(codes(run(workflow(actions)).problems)).toEqual(['error:RunAfterUnknownAction@/definition/actions/Check/else/actions/B/runAfter/A']);
  });

  it('reports a runAfter cycle once, naming the actions in order', () => {
    const actions = { A: { type: 'Compose', runAfter: { C: ['Succeeded'] } }, B: { type: 'Compose', runAfter: { A: ['Succeeded'] } }, C: { type: 'Compose', runAfter: { B: ['Succeeded'] } } };
    const result = run(workflow(actions));
    expect(codes(result.problems)).toEqual(['error:RunAfterCycle@/definition/actions/B/runAfter/A']);
    expect(result.problems[0]!.message).toContain("'A' → 'C' → 'B' → 'A'");
  });

  it('reports an action that runs after itself', () => {
    expect(codes(run(workflow({ A: { type: 'Compose', runAfter: { A: ['Succeeded'] } } })).problems)).toEqual(['error:RunAfterCycle@/definition/actions/A/runAfter/A']);
  });

  it('rejects the same action name in two scopes', () => {
    const actions = { Work: { type: 'Scope', actions: { Step: { type: 'Compose' } } }, Step: { type: 'Compose', runAfter: { Work: ['Succeeded'] } } };
    expect(codes(run(workflow(actions)).problems)).toEqual(['error:DuplicateActionName@/definition/actions/Step']);
  });

  it('requires an action type and objects for actions', () => {
    expect(codes(run(workflow({ A: { inputs: 1 }, B: 'x' })).problems)).toEqual(['error:InvalidAction@/definition/actions/B', 'error:ActionTypeMissing@/definition/actions/A/type']);
  });

  it('rejects actions that are not an object', () => {
    expect(codes(run(workflow([] as unknown as Record<string, unknown>)).problems)).toEqual(['error:InvalidActions@/definition/actions']);
  });

  it('warns that an unsupported action type will fail when it runs, compared case-insensitively', () => {
    const result = validateWorkflowFile(workflow({ Call: { type: 'Http', inputs: { method: 'GET', uri: 'https://example.com' } }, Done: { type: 'response', inputs: { statusCode: 200 }, runAfter: { Call: ['Succeeded'] } } }), {
      file: 'f',
      workflow: 'w',
      supportedActionTypes: ['Response', 'Compose'],
    });
    expect(codes(result.problems)).toEqual(['warning:UnsupportedActionType@/definition/actions/Call/type']);
    expect(result.problems[0]!.message).toBe("Action 'Call' has type 'Http', which Triggerbench does not run yet: the workflow still loads and can be called, but this action will fail when it runs in Triggerbench.");
  });
});

describe('validateWorkflowFile: Response action', () => {
  const respond = (inputs: unknown, extra: Record<string, unknown> = {}) => workflow({ Response: { type: 'Response', kind: 'Http', inputs, runAfter: {}, ...extra } });

  it.each([200, 201, 202, 204, 400, 404, 429, 500, 502, 599, '200'])('accepts statusCode %j', (statusCode) => {
    expect(run(respond({ statusCode })).problems).toEqual([]);
  });

  it.each([301, 302, 304, 307, '308'])('rejects the 3xx statusCode %j with Logic Apps\' own rule', (statusCode) => {
    const result = run(respond({ statusCode }));
    expect(codes(result.problems)).toEqual(['error:ResponseStatusCode3xx@/definition/actions/Response/inputs/statusCode']);
    expect(result.problems[0]!.message).toContain('Logic Apps does not allow 3xx status codes in a Response action');
  });

  it.each([100, 199, 600, 20, 200.5, 'OK', true])('rejects statusCode %j', (statusCode) => {
    expect(codes(run(respond({ statusCode })).problems)).toEqual(['error:InvalidResponseStatusCode@/definition/actions/Response/inputs/statusCode']);
  });

  it('does not judge a statusCode expression before it runs', () => {
    expect(run(respond({ statusCode: "@outputs('Call')['statusCode']" })).problems).toEqual([]);
    expect(run(respond({ statusCode: '@{variables(\'code\')}' })).problems).toEqual([]);
  });

  it('warns about a missing statusCode (Triggerbench answers 200)', () => {
    expect(codes(run(respond({ body: 'x' })).problems)).toEqual(['warning:ResponseStatusCodeMissing@/definition/actions/Response/inputs']);
  });

  it('warns about headers Logic Apps drops, naming only those', () => {
    const headers = { 'Content-Type': 'application/json', 'Set-Cookie': 'a=1', expires: '0', 'Content-Language': 'en', 'Content-Disposition': 'inline', 'X-Custom': 'kept' };
    const result = run(respond({ statusCode: 200, headers }));
    expect(codes(result.problems)).toEqual(['warning:DroppedResponseHeaders@/definition/actions/Response/inputs/headers']);
    expect(result.problems[0]!.message).toContain("'Set-Cookie', 'expires', 'Content-Language'");
    expect(result.problems[0]!.message).not.toContain('X-Custom');
    expect(result.problems[0]!.message).not.toContain("'Content-Disposition'");
  });

  it('rejects headers that are neither an object nor an expression', () => {
    expect(codes(run(respond({ statusCode: 200, headers: ['a'] })).problems)).toEqual(['error:InvalidResponseHeaders@/definition/actions/Response/inputs/headers']);
    expect(run(respond({ statusCode: 200, headers: "@outputs('Call')['headers']" })).problems).toEqual([]);
  });

  it('rejects a Response inside Foreach or Until, at any depth', () => {
    const inForeach = workflow({ Loop: { type: 'Foreach', foreach: '@triggerBody()', actions: { Inner: { type: 'Scope', actions: { Reply: { type: 'Response', inputs: { statusCode: 200 } } } } } } });
    const result = run(inForeach);
    expect(codes(result.problems)).toEqual(['error:ResponseInsideLoop@/definition/actions/Loop/actions/Inner/actions/Reply']);
    const inUntil = workflow({ Loop: { type: 'until', expression: '@true', limit: { count: 2 }, actions: { Reply: { type: 'Response', inputs: { statusCode: 200 } } } } });
    expect(codes(run(inUntil).problems)).toEqual(['error:ResponseInsideLoop@/definition/actions/Loop/actions/Reply']);
  });

  it('allows a Response inside If, Switch and Scope branches', () => {
    const actions = {
      Check: { type: 'If', expression: true, actions: { Yes: { type: 'Response', inputs: { statusCode: 200 } } }, else: { actions: { No: { type: 'Response', inputs: { statusCode: 400 } } } } },
    };
    expect(run(workflow(actions)).problems).toEqual([]);
  });

  it('compares the Response type case-insensitively (the rules still apply)', () => {
    expect(codes(run(workflow({ R: { type: 'response', kind: 'http', inputs: { statusCode: 302 } } })).problems)).toEqual(['error:ResponseStatusCode3xx@/definition/actions/R/inputs/statusCode']);
  });

  it('warns about a Response in a workflow with no Request trigger', () => {
    const result = run(workflow(ok, { Every_hour: { type: 'Recurrence' } }));
    expect(codes(result.problems)).toEqual(['warning:UnsupportedTriggerType@/definition/triggers/Every_hour/type', 'warning:ResponseWithoutRequestTrigger@/definition/actions/Response']);
  });
});

describe('validateWorkflowFile: expressions', () => {
  const checker = (text: string) => {
    const open = [...text].filter((c) => c === '(').length;
    const close = [...text].filter((c) => c === ')').length;
    return open === close ? [] : [{ code: 'ExpressionSyntaxError', message: `Unbalanced parentheses in '${text}'.` }];
  };

  it('reports each broken expression at its own pointer, in trigger, actions, conditions and outputs', () => {
    const json = workflow(
      {
        A: { type: 'Compose', inputs: { deep: ['ok', '@concat(1,2'] } },
        B: { type: 'Compose', inputs: 'Hello @{concat(\'a\'}', runAfter: { A: ['Succeeded'] } },
        R: { type: 'Response', inputs: { statusCode: 200, body: '@body(\'A\')' }, runAfter: { B: ['Succeeded'] } },
      },
      requestTrigger({ schema: { type: 'object', description: '@not(an expression(' } }, { conditions: [{ expression: '@equals(1, 1' }] }),
    );
    (json.definition.outputs as Record<string, unknown>).result = { type: 'String', value: '@string(1' };
    const result = run(json, checker);
    expect(codes(result.problems)).toEqual([
      'error:ExpressionSyntaxError@/definition/triggers/manual/conditions/0/expression',
      'error:ExpressionSyntaxError@/definition/actions/A/inputs/deep/1',
      'error:ExpressionSyntaxError@/definition/actions/B/inputs',
      'error:ExpressionSyntaxError@/definition/outputs/result/value',
    ]);
  });

  it("keeps a checker's warning a warning (the workflow stays callable)", () => {
    const result = run(workflow({ R: { type: 'Response', inputs: { statusCode: 200, body: "@xpath(triggerBody(), '/a')" } } }), () => [
      { code: 'FunctionNotSupported', message: "Triggerbench does not run xpath() yet.", severity: 'warning' },
    ]);
    expect(codes(result.problems)).toEqual(['warning:FunctionNotSupported@/definition/actions/R/inputs/body']);
  });

  it('does not call the checker on plain text, schemas or inline code', () => {
    const seen: string[] = [];
    const json = workflow({
      Code: { type: 'JavaScriptCode', inputs: { code: 'return "@{x}";' } },
      Text: { type: 'Compose', inputs: 'mail me at a@example.com' },
    }, requestTrigger({ schema: { properties: { '@odata': { type: 'string', pattern: '@{' } } } }));
    run(json, (text) => {
      seen.push(text);
      return [];
    });
    expect(seen).toEqual([]);
  });
});
