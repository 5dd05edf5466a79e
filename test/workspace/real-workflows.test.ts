import { describe, expect, it } from 'vitest';
import { validateWorkflowFile } from '../../src-shared/workflow/validate-workflow.ts';
import { REAL_WORKFLOWS_PRESENT, REAL_WORKFLOWS_SKIP_REASON } from '../helpers/real-workflows.ts';
import { loadFixtureWorkflows } from './helpers/fixtures.ts';

const ENGINE_TYPES = ['Response', 'Compose', 'Wait'];
const fixtures = loadFixtureWorkflows();

function validate(json: unknown, checkExpression?: (text: string) => { code: string; message: string }[]) {
  return validateWorkflowFile(json, { file: 'w/workflow.json', workflow: 'w', supportedActionTypes: ENGINE_TYPES, checkExpression });
}

describe.skipIf(!REAL_WORKFLOWS_PRESENT)('real Logic Apps workflows from public repositories' + REAL_WORKFLOWS_SKIP_REASON, () => {
  it('finds every workflow: 13 Standard files, 3 bare definitions and the ARM resources', () => {
    expect(fixtures.filter((f) => f.format === 'standard')).toHaveLength(13);
    expect(fixtures.filter((f) => f.format === 'definition')).toHaveLength(3);
    // basic-template 1, calculate-area 1, jobscheduler 2 + 1 nested, recurrence-jobs 3 + 1 nested
    expect(fixtures.filter((f) => f.format === 'arm')).toHaveLength(9);
  });

  it.each(fixtures.map((f) => [f.label, f] as const))('%s validates with no errors and is callable', (_label, fixture) => {
    const result = validate(fixture.json);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.workflow?.kind).toMatch(/^(Stateful|Stateless)$/);
    // The name of the trigger the callback URL uses, as the file spells it.
    expect(Object.keys((fixture.json as { definition: { triggers: object } }).definition.triggers)).toContain(result.requestTrigger);
  });

  it('reports exactly the unsupported Blob action of the stateless LogicAppUnit workflow', () => {
    const fixture = fixtures.find((f) => f.file.includes('stateless-workflow'))!;
    const result = validate(fixture.json);
    expect(result.workflow?.kind).toBe('Stateless');
    expect(result.problems.map((p) => [p.severity, p.code, p.pointer])).toEqual([
      ['warning', 'UnsupportedActionType', '/definition/actions/Upload_Blob/type'],
    ]);
    expect(result.problems[0]!.message).toContain('will fail when it runs in Triggerbench');
  });

  it('reports nothing for the asynchronous Wait → Response workflow, whose types the engine runs', () => {
    const fixture = fixtures.find((f) => f.file.includes('asynchronous-response'))!;
    expect(validate(fixture.json).problems).toEqual([]);
  });

  it('warns once per unsupported action at any depth, naming its pointer (loop workflow)', () => {
    const fixture = fixtures.find((f) => f.file.includes('loop-workflow'))!;
    const pointers = validate(fixture.json).problems.filter((p) => p.code === 'UnsupportedActionType').map((p) => p.pointer);
    expect(pointers).toContain('/definition/actions/Until_Loop/type');
    expect(pointers).toContain('/definition/actions/Until_Loop/actions/Call_Service_One/type');
    expect(new Set(pointers).size).toBe(pointers.length);
  });

  it('passes expression strings, and not schema text, to the expression checker', () => {
    const seen = new Map<string, string>();
    const fixture = fixtures.find((f) => f.file.includes('loop-workflow'))!;
    validateWorkflowFile(fixture.json, {
      file: 'w/workflow.json',
      workflow: 'w',
      supportedActionTypes: ENGINE_TYPES,
      checkExpression: (text) => {
        seen.set(text, text);
        return [];
      },
    });
    expect(seen.has("@equals(variables('loopCounter'), triggerBody()?['numberOfIterations'])")).toBe(true);
    const all = fixtures.flatMap((f) => {
      const texts: string[] = [];
      validate(f.json, (text) => {
        texts.push(text);
        return [];
      });
      return texts;
    });
    expect(all.length).toBeGreaterThan(200);
    expect(all.every((t) => t.startsWith('@') || t.includes('@{'))).toBe(true);
  });
});
