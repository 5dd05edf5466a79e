import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAccessControl } from '../../src-main/auth/access-control.ts';
import { SUPPORTED_ACTION_TYPES } from '../../src-main/runtime/actions/registry.ts';
import { loadWorkspace, type LoadedWorkflow } from '../../src-main/workspace/workspace.ts';
import { diagnose } from '../../src-shared/expression/diagnose.ts';
import { schemaFromSample } from '../../src-shared/schema/schema-from-sample.ts';

const ROOT = join(import.meta.dirname, '..', '..', 'resources', 'sample-workspace');
// The options the CLI and the workbench use, plus the real expression checker.
const OPTIONS = { supportedActionTypes: [...SUPPORTED_ACTION_TYPES], parseAccessControl, checkExpression: diagnose };

const EXPECTED = [
  'account',
  'address-lookup',
  'all-responses-skipped',
  'conditional-trigger',
  'fire-and-forget',
  'header-rules',
  'parameters-and-settings',
  'secured',
  'slow-response',
  'text-echo',
  'two-responses',
  'validated-order',
];

describe('resources/sample-workspace', async () => {
  const snapshot = await loadWorkspace(ROOT, OPTIONS);
  const byName = (name: string): LoadedWorkflow => snapshot.workflows.find((w) => w.name === name)!;

  it('holds every demonstration workflow', () => {
    expect(snapshot.workflows.map((w) => w.name)).toEqual(EXPECTED);
  });

  it.each(EXPECTED)('%s loads with zero errors, is callable and describes itself in its trigger', (name) => {
    const workflow = byName(name);
    expect(workflow.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(workflow.callable).toBe(true);
    const trigger = workflow.definition!.triggers![workflow.trigger!.name]!;
    expect(typeof trigger.description).toBe('string');
  });

  it('has no warnings except the intentional dropped-header one', () => {
    const warnings = snapshot.workflows.flatMap((w) => w.problems).map((p) => `${p.workflow}:${p.code}`);
    expect(warnings).toEqual(['header-rules:DroppedResponseHeaders']);
    expect(byName('header-rules').problems[0]!.message).toContain("'Set-Cookie', 'Expires', 'Content-Language'");
  });

  it('reads parameters.json and local.settings.json without problems', () => {
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.parameters).toEqual({ greeting: 'Hello from Triggerbench', maxItems: 25, apiBaseUrl: 'https://api.example.test' });
    expect(snapshot.appSettings.ENVIRONMENT).toBe('local');
  });

  it("account uses exactly the schema the designer makes from the README's sample payload", () => {
    const payload = JSON.parse(readFileSync(join(ROOT, 'account', 'sample-payload.json'), 'utf8'));
    expect(byName('account').trigger!.inputs.schema).toEqual(schemaFromSample(payload));
  });

  it('secured carries one AAD policy for the local issuer and the sample audience', () => {
    const policies = (byName('secured').accessControl as { triggers: { openAuthenticationPolicies: { policies: Record<string, { claims: { name: string; value: string }[] }> } } }).triggers.openAuthenticationPolicies.policies;
    expect(Object.keys(policies)).toEqual(['triggerbench-sample']);
    expect(policies['triggerbench-sample']!.claims).toEqual([
      { name: 'iss', value: 'https://sts.windows.net/0c0ffee0-7b00-4000-8000-000000000001/' },
      { name: 'aud', value: 'api://triggerbench-sample' },
    ]);
  });

  it('address-lookup declares its relative path and GET', () => {
    expect(byName('address-lookup').trigger!.inputs).toMatchObject({ method: 'GET', relativePath: '/address/{postalCode}' });
  });

  it('every workflow is listed in the sample README with a curl command', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const name of EXPECTED) expect(readme).toMatch(new RegExp(`### \`${name}\`[\\s\\S]*?curl`));
  });
});
