import type { Problem } from '../problems.ts';
import { listActions } from '../workflow/action-tree.ts';
import { CONNECTOR_ACTION_TYPES } from '../workflow/type-names.ts';
import type { WorkflowDefinition } from '../workflow/types.ts';
import { validateWorkflowName } from '../workflow/workflow-name.ts';
import { isArmExpression, unescapeArmStrings } from './arm-escape.ts';
import { ARM_WORKFLOW_TYPE } from './arm-export.ts';
import { isRecord, type ImportedWorkflow, type ProjectParameter, type WorkflowFileFormat, type WorkflowImport } from './exchange-types.ts';

/** Tells a Standard `workflow.json`, a bare definition and an ARM template apart. */
export function detectWorkflowFormat(json: unknown): WorkflowFileFormat | undefined {
  if (!isRecord(json)) return undefined;
  if (Array.isArray(json.resources)) return 'arm';
  if (isRecord(json.definition)) return 'standard';
  if (isRecord(json.triggers) || isRecord(json.actions) || (typeof json.$schema === 'string' && /workflowdefinition/i.test(json.$schema))) return 'definition';
  return undefined;
}

/** Turns any name into a valid workflow name (letters, digits, `-`, `_`), or undefined when nothing is left. */
export function toWorkflowName(raw: string): string | undefined {
  let name = raw.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[_-]+/, '').slice(0, 80);
  if (!name) return undefined;
  if (validateWorkflowName(name)) name = `${name}_workflow`.slice(0, 80);
  return validateWorkflowName(name) ? undefined : name;
}

/** The workflow name a file suggests: its folder for `<name>/workflow.json`, else its base name. */
export function workflowNameFromPath(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  const base = parts.at(-1) ?? 'workflow';
  if (base.toLowerCase() === 'workflow.json' && parts.length > 1) return parts.at(-2)!;
  return base.replace(/\.json$/i, '');
}

/**
 * Connector actions (managed or built-in connectors, hosted code) do not run offline:
 * each one without an enabled static result is listed, saying how to stand it in
 * (docs/runtime.md, "Mocks").
 */
export function offlineProblems(definition: Record<string, unknown>, file: string, workflow: string, basePointer: string): Problem[] {
  const problems: Problem[] = [];
  let actions;
  try {
    actions = listActions(definition as WorkflowDefinition, basePointer);
  } catch {
    return problems; // a malformed definition: the workspace loader reports it
  }
  for (const action of actions) {
    if (!CONNECTOR_ACTION_TYPES.some((type) => type.toLowerCase() === String(action.type).toLowerCase())) continue;
    const staticResult = isRecord(action.action.runtimeConfiguration) && isRecord(action.action.runtimeConfiguration.staticResult) ? action.action.runtimeConfiguration.staticResult : undefined;
    if (staticResult && String(staticResult.staticResultOptions ?? '').toLowerCase() === 'enabled') continue;
    problems.push({
      code: 'ConnectorNeedsMock',
      severity: 'warning',
      message: `Action '${action.name}' (${action.type}) calls a connector that does not run offline; give it a static result or an entry in ${workflow}/mocks.json, or it fails when it runs.`,
      file,
      pointer: action.pointer,
      workflow,
    });
  }
  return problems;
}

function kindOf(value: unknown): 'Stateful' | 'Stateless' | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.toLowerCase() === 'stateful') return 'Stateful';
  if (value.toLowerCase() === 'stateless') return 'Stateless';
  return undefined;
}

/**
 * Reads one imported JSON document (`file` is its display name, used for problems and the
 * workflow name). Never throws: what cannot be carried over becomes a problem on the
 * workflow it concerns, or on the file. Definitions are kept exactly as written.
 */
export function importWorkflowDocument(json: unknown, file: string): WorkflowImport {
  const format = detectWorkflowFormat(json);
  const fileProblem = (code: string, message: string): Problem => ({ code, severity: 'error', message, file, pointer: '' });
  if (!format || !isRecord(json)) {
    return { workflows: [], problems: [fileProblem('NotAWorkflowFile', `${file} is not a workflow file: expected a Logic Apps Standard workflow.json ({"definition", "kind"}), a workflow definition ({"triggers", "actions"}) or an ARM template with Microsoft.Logic/workflows resources.`)] };
  }
  if (format === 'arm') return importArmTemplate(json, file);
  const suggested = workflowNameFromPath(file);
  const name = toWorkflowName(suggested);
  if (!name) return { format, workflows: [], problems: [fileProblem('InvalidWorkflowName', `No workflow name can be made from '${suggested}'; rename the file (letters, digits, '-' and '_').`)] };
  const problems: Problem[] = [];
  if (name !== suggested) problems.push({ code: 'WorkflowRenamed', severity: 'warning', message: `'${suggested}' is not a valid workflow name, so the workflow is imported as '${name}'.`, file, pointer: '', workflow: name });
  if (format === 'definition') {
    problems.push(...offlineProblems(json, file, name, ''));
    return { format, problems: [], workflows: [{ name, source: file, workflow: { definition: json, kind: 'Stateful' }, problems }] };
  }
  problems.push(...offlineProblems(json.definition as Record<string, unknown>, file, name, '/definition'));
  const kind = kindOf(json.kind);
  if (!kind) problems.push({ code: 'UnknownWorkflowKind', severity: 'warning', message: `"kind" is ${JSON.stringify(json.kind)}; it is imported as Stateful. Set "kind" to "Stateful" or "Stateless".`, file, pointer: '/kind', workflow: name });
  return { format, problems: [], workflows: [{ name, source: file, workflow: { definition: json.definition as Record<string, unknown>, kind: kind ?? 'Stateful' }, problems }] };
}

interface FoundResource {
  resource: Record<string, unknown>;
  pointer: string;
  /** The template that declares it (nested deployments have their own parameters). */
  template: Record<string, unknown>;
}

function findWorkflowResources(template: Record<string, unknown>, pointer: string, found: FoundResource[], others: { type: string; pointer: string }[]): void {
  const resources = Array.isArray(template.resources) ? template.resources : [];
  resources.forEach((resource, i) => {
    const at = `${pointer}/resources/${i}`;
    if (!isRecord(resource)) return;
    const type = typeof resource.type === 'string' ? resource.type : '';
    if (type.toLowerCase() === ARM_WORKFLOW_TYPE.toLowerCase()) {
      found.push({ resource, pointer: at, template });
    } else if (type.toLowerCase() === 'microsoft.resources/deployments' && isRecord(resource.properties) && isRecord(resource.properties.template)) {
      findWorkflowResources(resource.properties.template, `${at}/properties/template`, found, others);
    } else {
      others.push({ type: type || '(no type)', pointer: at });
    }
    if (Array.isArray(resource.resources)) findWorkflowResources(resource, at, found, others);
  });
}

/** A literal value of an ARM expression `[parameters('x')]` / `[variables('x')]`, when the template gives one. */
function resolveArmString(value: string, template: Record<string, unknown>, root: Record<string, unknown>): { value?: string; from?: string } {
  if (!isArmExpression(value)) return { value: value.startsWith('[[') ? value.slice(1) : value };
  const match = /^\[\s*(parameters|variables)\(\s*'([^']*)'\s*\)\s*\]$/i.exec(value);
  if (!match) return {};
  const [, kind, key] = match as unknown as [string, string, string];
  for (const scope of [template, root]) {
    if (kind.toLowerCase() === 'parameters') {
      const declared = isRecord(scope.parameters) ? scope.parameters[key] : undefined;
      if (isRecord(declared) && typeof declared.defaultValue === 'string' && !isArmExpression(declared.defaultValue)) return { value: declared.defaultValue, from: key };
    } else {
      const variable = isRecord(scope.variables) ? scope.variables[key] : undefined;
      if (typeof variable === 'string' && !isArmExpression(variable)) return { value: variable, from: key };
    }
  }
  return { from: key };
}

/** Reads the Consumption workflows of an ARM template (nested deployments included). */
function importArmTemplate(template: Record<string, unknown>, file: string): WorkflowImport {
  const found: FoundResource[] = [];
  const others: { type: string; pointer: string }[] = [];
  findWorkflowResources(template, '', found, others);
  const problems: Problem[] = [];
  if (found.length === 0) {
    problems.push({ code: 'NoWorkflowsInTemplate', severity: 'error', message: `${file} is an ARM template without Microsoft.Logic/workflows resources, so there is nothing to import.`, file, pointer: '/resources' });
    return { format: 'arm', workflows: [], problems };
  }
  for (const other of others) {
    problems.push({ code: 'ResourceNotImported', severity: 'warning', message: `The ${other.type} resource is not a workflow and is not imported (connections and other Azure resources have no local equivalent).`, file, pointer: other.pointer });
  }
  const byName = new Map<string, ImportedWorkflow>();
  found.forEach(({ resource, pointer, template: scope }, index) => {
    const workflowProblems: Problem[] = [];
    const rawName = typeof resource.name === 'string' ? resource.name : '';
    const resolved = resolveArmString(rawName, scope, template);
    const suggested = resolved.value ?? resolved.from ?? `workflow${index + 1}`;
    const name = toWorkflowName(suggested) ?? `workflow${index + 1}`;
    const warn = (code: string, at: string, message: string, severity: 'warning' | 'error' = 'warning'): void => {
      workflowProblems.push({ code, severity, message, file, pointer: at, workflow: name });
    };
    if (resolved.value === undefined) {
      warn('WorkflowNameFromTemplate', `${pointer}/name`, `The resource's name ${JSON.stringify(rawName)} is only known when ARM deploys it; the workflow is imported as '${name}'. Rename its folder if you prefer another name.`);
    } else if (name !== resolved.value) {
      warn('WorkflowRenamed', `${pointer}/name`, `'${resolved.value}' is not a valid workflow name, so the workflow is imported as '${name}'.`);
    }
    if (resource.copy !== undefined) warn('ArmCopyLoopNotExpanded', `${pointer}/copy`, 'The resource is deployed in an ARM copy loop; only one workflow is imported.');
    const properties = isRecord(resource.properties) ? resource.properties : {};
    const expression = (at: string, text: string): void =>
      warn('ArmExpressionInWorkflow', at, `${text.length > 80 ? `${text.slice(0, 77)}...` : text} is an ARM template expression, which only ARM evaluates at deployment; it stays as written. Replace it with a value or a workflow parameter.`);
    if (!isRecord(properties.definition)) {
      warn('MissingDefinition', `${pointer}/properties/definition`, 'The workflow resource has no definition object; an empty workflow is imported.', 'error');
    }
    const definition = (isRecord(properties.definition) ? unescapeArmStrings(properties.definition, `${pointer}/properties/definition`, expression) : { triggers: {}, actions: {} }) as Record<string, unknown>;
    workflowProblems.push(...offlineProblems(definition, file, name, `${pointer}/properties/definition`));
    const imported: ImportedWorkflow = { name, source: `${file}#${pointer}`, workflow: { definition, kind: 'Stateful' }, problems: workflowProblems };
    if (typeof properties.state === 'string' && properties.state.toLowerCase() !== 'enabled') {
      imported.state = 'Disabled';
      imported.appSettings = { [`Workflows.${name}.FlowState`]: 'Disabled' };
      warn('WorkflowDisabled', `${pointer}/properties/state`, `The workflow's state is '${properties.state}'; it is imported disabled (app setting Workflows.${name}.FlowState), so calls get 400 until you enable it.`);
    }
    if (isRecord(properties.accessControl)) {
      imported.accessControl = unescapeArmStrings(properties.accessControl, `${pointer}/properties/accessControl`, expression) as Record<string, unknown>;
    }
    if (properties.integrationAccount !== undefined) warn('IntegrationAccountNotSupported', `${pointer}/properties/integrationAccount`, 'Integration accounts have no local equivalent; actions that need one fail locally.');
    if (isRecord(properties.parameters)) {
      const declarations = isRecord(definition.parameters) ? definition.parameters : {};
      const parameters: Record<string, ProjectParameter> = {};
      for (const [key, entry] of Object.entries(properties.parameters)) {
        const at = `${pointer}/properties/parameters/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (key === '$connections') {
          warn('ManagedConnectionsNotSupported', at, 'The workflow uses managed API connections ($connections); Triggerbench does not run managed connectors, so actions that use them fail locally.');
          continue;
        }
        if (!isRecord(entry) || !Object.hasOwn(entry, 'value')) {
          warn('ParameterWithoutValue', at, `Parameter '${key}' has no "value" (a Key Vault reference or a template-only value); add it to parameters.json by hand.`);
          continue;
        }
        const declared = declarations[key];
        const type = isRecord(declared) && typeof declared.type === 'string' ? declared.type : undefined;
        parameters[key] = { ...(type ? { type } : {}), value: unescapeArmStrings(entry.value, `${at}/value`, expression) };
      }
      if (Object.keys(parameters).length > 0) imported.parameters = parameters;
    }
    const previous = byName.get(name.toLowerCase());
    if (previous) {
      // ARM deploys resources in dependency order and the later deployment wins, as it
      // does in the quickstart that redeploys a workflow from a nested template.
      warn('DuplicateWorkflowInTemplate', pointer, `The template deploys '${name}' more than once (also at ${previous.source}); the later one is imported.`);
    }
    byName.set(name.toLowerCase(), imported);
  });
  return { format: 'arm', workflows: [...byName.values()], problems };
}
