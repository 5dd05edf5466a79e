import { describe, expect, it } from 'vitest';
import { validateWorkflowFile } from '../../src-shared/workflow/validate-workflow.ts';

const TYPES = ['Response', 'Compose', 'If', 'Scope', 'Foreach', 'Until', 'InitializeVariable', 'SetVariable', 'Terminate'];

function problems(actions: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const json = { definition: { $schema: 'x', contentVersion: '1.0.0.0', triggers: { manual: { type: 'Request', kind: 'Http' } }, actions, outputs: {}, ...extra }, kind: 'Stateful' };
  return validateWorkflowFile(json, { file: 'w/workflow.json', workflow: 'w', supportedActionTypes: TYPES }).problems.map((p) => `${p.severity}:${p.code}@${p.pointer}`);
}

describe('loop, variable and Terminate rules checked at load', () => {
  it('InitializeVariable only at the top level', () => {
    expect(problems({ Init: { type: 'InitializeVariable', inputs: { variables: [{ name: 'a', type: 'string' }] } } })).toEqual([]);
    expect(problems({ S: { type: 'Scope', actions: { Init: { type: 'InitializeVariable', inputs: { variables: [] } } } } })).toEqual(['error:InitializeVariableNotAtTopLevel@/definition/actions/S/actions/Init']);
  });

  it('Set variable in a parallel Foreach warns; in a sequential one it does not', () => {
    const loop = (extra: Record<string, unknown>) => ({ L: { type: 'Foreach', foreach: '@triggerBody()', ...extra, actions: { Set: { type: 'SetVariable', inputs: { name: 'a', value: 1 } } } } });
    expect(problems(loop({}))).toEqual(['warning:SetVariableInConcurrentLoop@/definition/actions/L/actions/Set']);
    expect(problems(loop({ runtimeConfiguration: { concurrency: { repetitions: 1 } } }))).toEqual([]);
    expect(problems(loop({ operationOptions: 'Sequential' }))).toEqual([]);
  });

  it('a Foreach needs its array and concurrency 1-50; an Until its expression and a count of 1-5000', () => {
    expect(problems({ L: { type: 'Foreach', runtimeConfiguration: { concurrency: { repetitions: 51 } }, actions: {} } })).toEqual([
      'error:ForeachArrayMissing@/definition/actions/L',
      'error:InvalidForeachConcurrency@/definition/actions/L/runtimeConfiguration/concurrency/repetitions',
    ]);
    expect(problems({ U: { type: 'Until', limit: { count: 6000 }, actions: {} } })).toEqual(['error:UntilExpressionMissing@/definition/actions/U', 'error:InvalidUntilLimit@/definition/actions/U/limit/count']);
  });

  it('Terminate accepts Succeeded, Failed and Cancelled only', () => {
    expect(problems({ T: { type: 'Terminate', inputs: { runStatus: 'Failed' } } })).toEqual([]);
    expect(problems({ T: { type: 'Terminate', inputs: { runStatus: 'Aborted' } } })).toEqual(['error:InvalidTerminateStatus@/definition/actions/T/inputs/runStatus']);
  });

  it('a Response inside an Until is refused', () => {
    expect(problems({ U: { type: 'Until', expression: '@true', actions: { R: { type: 'Response', inputs: { statusCode: 200 } } } } })).toContain('error:ResponseInsideLoop@/definition/actions/U/actions/R');
  });

  it('an enabled static result must exist in the definition', () => {
    const action = { A: { type: 'Compose', inputs: 1, runtimeConfiguration: { staticResult: { name: 'A0', staticResultOptions: 'Enabled' } } } };
    expect(problems(action)).toEqual(['warning:StaticResultNotFound@/definition/actions/A/runtimeConfiguration/staticResult/name']);
    expect(problems(action, { staticResults: { A0: { status: 'Succeeded' } } })).toEqual([]);
  });
});
