import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnose, evaluateValue, referencedActions } from '../../src-shared/expression/index.ts';
import { readRealWorkflow, REAL_WORKFLOWS_DIR, REAL_WORKFLOWS_PRESENT, REAL_WORKFLOWS_SKIP_REASON } from '../helpers/real-workflows.ts';
import { makeContext, triggerWith } from './helpers.ts';

/**
 * Functions the real workflows call that Triggerbench does not implement yet. When one is
 * implemented (or a fixture changes), this list must change with it.
 */
const STILL_MISSING: string[] = [];

/** Every string (and object key) of a JSON value that Logic Apps would treat as an expression. */
function expressionStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    // ARM's own "[...]" expressions are not ours; only '@' strings and '@{' interpolations are.
    if (value.startsWith('@') || value.includes('@{')) out.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) expressionStrings(item, out);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      expressionStrings(key, out);
      expressionStrings(item, out);
    }
  }
  return out;
}

const files = REAL_WORKFLOWS_PRESENT ? readdirSync(REAL_WORKFLOWS_DIR).filter((name) => name.endsWith('.json')) : [];

describe.skipIf(!REAL_WORKFLOWS_PRESENT)('real workflows: every expression parses and validates' + REAL_WORKFLOWS_SKIP_REASON, () => {
  it('finds the fixture files', () => {
    expect(files.length).toBe(20);
  });

  const missing = new Set<string>();
  let checked = 0;

  for (const file of files) {
    it(file, () => {
      const json: unknown = JSON.parse(readRealWorkflow(file));
      for (const text of expressionStrings(json)) {
        checked++;
        for (const d of diagnose(text)) {
          // Anything but a not-yet-supported Azure function is a bug in the parser or registry.
          expect({ text, code: d.code, message: d.message }).toMatchObject({ text, code: 'UnsupportedFunction' });
          missing.add(text.slice(d.start, d.end));
        }
      }
    });
  }

  it('reports exactly the known set of functions still missing', () => {
    expect(checked).toBeGreaterThan(250);
    const canonical = [...missing].map((name) => STILL_MISSING.find((m) => m.toLowerCase() === name.toLowerCase()) ?? name);
    expect([...new Set(canonical)].sort()).toEqual(STILL_MISSING);
  });
});

describe.skipIf(!REAL_WORKFLOWS_PRESENT)('real workflows: referenced actions' + REAL_WORKFLOWS_SKIP_REASON, () => {
  it('lists the actions a Response body uses', () => {
    const json = JSON.parse(readRealWorkflow('LogicAppUnit__TestingFramework__http-workflow.json')) as {
      definition: { actions: Record<string, unknown> };
    };
    expect(referencedActions(json.definition.actions)).toEqual(
      expect.arrayContaining(['Get_Customer_Details_from_Service_One', 'Parse_Customer', 'Update_Customer_Details_in_Service_Two']),
    );
  });
});

describe.skipIf(!REAL_WORKFLOWS_PRESENT)('real workflows: Response inputs evaluate' + REAL_WORKFLOWS_SKIP_REASON, () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking fixture JSON by hand
  function responseInputs(file: string, path: (json: any) => unknown): unknown {
    return path(JSON.parse(readRealWorkflow(file)));
  }

  it('calculate-area multiplies the relative path parameters', () => {
    const inputs = responseInputs(
      'MicrosoftDocs__mslearn-logic-apps-and-arm-templates__calculate-area.json',
      (j) => j.resources[0].properties.definition.actions.Response.inputs,
    );
    const trigger = triggerWith(null);
    (trigger as { outputs: { relativePathParameters: unknown } }).outputs.relativePathParameters = { width: '3', height: '4' };
    expect(evaluateValue(inputs, makeContext({ trigger }))).toMatchObject({
      statusCode: 200,
      body: 'Response from wf  Total area = 12',
    });
  });

  it('http-hello-world interpolates the phone into its object body', () => {
    const inputs = responseInputs(
      'JanneMattila__azure-logic-apps-demos__http-hello-world.json',
      (j) => j.definition.actions.Condition.actions.Record_inside_Finland.inputs,
    );
    const out = evaluateValue(inputs, makeContext({ trigger: triggerWith({ phone: '+358 40 123' }) }));
    expect(out).toEqual({ statusCode: 200, body: { phone: '+358 40 123' } });
  });
});
