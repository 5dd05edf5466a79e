import { readdirSync } from 'node:fs';
import { readRealWorkflow, REAL_WORKFLOWS_DIR, REAL_WORKFLOWS_PRESENT } from '../../helpers/real-workflows.ts';

/** One workflow.json-shaped value found in a fixture file. */
export interface FixtureWorkflow {
  /** `<file>` or `<file>#<pointer>` for ARM resources. */
  label: string;
  file: string;
  format: 'standard' | 'definition' | 'arm';
  json: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every workflow in the fixture folder (none when the folder is absent): Standard files as they are, bare definitions
 * wrapped as `{ definition, kind: 'Stateful' }`, and for ARM templates every
 * `Microsoft.Logic/workflows` resource (nested deployments included).
 */
export function loadFixtureWorkflows(): FixtureWorkflow[] {
  const result: FixtureWorkflow[] = [];
  if (!REAL_WORKFLOWS_PRESENT) return result;
  for (const file of readdirSync(REAL_WORKFLOWS_DIR).filter((f) => f.endsWith('.json')).sort()) {
    const json = JSON.parse(readRealWorkflow(file)) as Record<string, unknown>;
    if (isRecord(json.definition)) {
      result.push({ label: file, file, format: 'standard', json });
    } else if (isRecord(json.triggers) || isRecord(json.actions)) {
      result.push({ label: file, file, format: 'definition', json: { definition: json, kind: 'Stateful' } });
    } else {
      const walk = (value: unknown, pointer: string): void => {
        if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${pointer}/${i}`));
        else if (isRecord(value)) {
          if (value.type === 'Microsoft.Logic/workflows' && isRecord(value.properties) && isRecord(value.properties.definition)) {
            result.push({ label: `${file}#${pointer}`, file, format: 'arm', json: { definition: value.properties.definition, kind: 'Stateful' } });
          }
          for (const [k, v] of Object.entries(value)) walk(v, `${pointer}/${k}`);
        }
      };
      walk(json, '');
    }
  }
  return result;
}
