import type { Problem } from '../problems.ts';
import { findRequestTrigger, listActions } from '../workflow/action-tree.ts';
import { sameTypeName } from '../workflow/type-names.ts';
import type { WorkflowDefinition } from '../workflow/types.ts';
import { escapeArmStrings } from './arm-escape.ts';
import { cloneJson } from './url-parts.ts';
import { isRecord, type ProjectParameter, type WorkflowBundle } from './exchange-types.ts';

/** The resource type and API version a Consumption logic app deploys as (docs/exchange.md). */
export const ARM_WORKFLOW_TYPE = 'Microsoft.Logic/workflows';
/** API version of exported workflow resources and of the `listCallbackURL` output. */
export const ARM_WORKFLOW_API_VERSION = '2019-05-01';
/** Schema of an ARM deployment template. */
export const ARM_TEMPLATE_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

const APPSETTING_VALUE = /^@appsetting\('((?:[^']|'')*)'\)$/i;
const PARAMETER_REFERENCE = /parameters\(\s*'((?:[^']|'')*)'\s*\)/gi;

/** What `toArmTemplate` needs besides the workflows: the project's raw `parameters.json` entries. */
export interface ArmExportInput {
  workflows: WorkflowBundle[];
  parameters?: Record<string, ProjectParameter>;
}

/** ARM parameter and output names allow letters, digits, `_` (and `-`, avoided for readability). */
function armName(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

/** Maps a parameters.json type to a WDL parameter type, inferring it from the value when absent. */
function wdlType(parameter: ProjectParameter): string {
  if (parameter.type) return parameter.type;
  const value = parameter.value;
  if (typeof value === 'string') return 'String';
  if (typeof value === 'boolean') return 'Bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Int' : 'Float';
  if (Array.isArray(value)) return 'Array';
  return 'Object';
}

/** Names of the parameters a definition reads with `parameters('...')`. */
function referencedParameters(definition: unknown): string[] {
  const names = new Set<string>();
  for (const match of JSON.stringify(definition).matchAll(PARAMETER_REFERENCE)) names.add(match[1]!.replace(/''/g, "'"));
  return [...names];
}

/**
 * Builds a Consumption ARM template (one `Microsoft.Logic/workflows` resource per
 * workflow) that deploys as is: definition, parameters, state and access control, and
 * each Request trigger's callback URL as an output through `listCallbackURL()`.
 * Standard-only features are listed as problems; the template is still produced.
 */
export function toArmTemplate(input: ArmExportInput): { template: Record<string, unknown>; problems: Problem[] } {
  const problems: Problem[] = [];
  const single = input.workflows.length === 1;
  const templateParameters: Record<string, unknown> = {
    location: { type: 'string', defaultValue: '[resourceGroup().location]', metadata: { description: 'Azure region of the logic apps.' } },
  };
  const resources: unknown[] = [];
  const outputs: Record<string, unknown> = {};
  for (const bundle of input.workflows) {
    const file = `${bundle.name}/workflow.json`;
    const warn = (code: string, pointer: string, message: string): void => {
      problems.push({ code, severity: 'warning', message, file, pointer, workflow: bundle.name });
    };
    const nameParameter = single ? 'logicAppName' : `logicAppName_${armName(bundle.name)}`;
    templateParameters[nameParameter] = { type: 'string', defaultValue: bundle.name, metadata: { description: `Name of the logic app for workflow '${bundle.name}'.` } };
    const definition = cloneJson(bundle.workflow.definition);
    if (bundle.workflow.kind === 'Stateless') {
      warn('StatelessNotInConsumption', '/kind', `'${bundle.name}' is Stateless; Consumption logic apps are always stateful, so it deploys as a stateful workflow.`);
    }
    if (/appsetting\(/i.test(JSON.stringify(definition))) {
      warn('AppSettingNotInConsumption', '/definition', `'${bundle.name}' calls appsetting(), which Consumption logic apps do not have; replace it with a workflow parameter before deploying.`);
    }
    for (const action of listActions(definition as WorkflowDefinition)) {
      if (sameTypeName(action.type, 'ServiceProvider')) {
        warn('BuiltInConnectorNotInConsumption', action.pointer, `Action '${action.name}' uses a Standard built-in connector (ServiceProvider), which Consumption does not run; use the managed connector instead.`);
      }
    }
    // Consumption reads parameter values from the resource; Standard from parameters.json.
    // Each parameter the definition reads gets a declaration (when missing) and a value.
    const declared = isRecord(definition.parameters) ? { ...definition.parameters } : {};
    const values: Record<string, { value: unknown }> = {};
    for (const name of referencedParameters(definition)) {
      const project = input.parameters?.[name];
      if (!project) {
        if (!Object.hasOwn(declared, name)) warn('ParameterNotFound', '/definition', `'${bundle.name}' reads parameters('${name}'), which neither its definition nor parameters.json defines; add it before deploying.`);
        continue;
      }
      if (!Object.hasOwn(declared, name)) declared[name] = { type: wdlType(project) };
      const setting = typeof project.value === 'string' ? APPSETTING_VALUE.exec(project.value.trim()) : null;
      if (setting) {
        // An app setting is usually a secret: it becomes a secure template parameter
        // the deployer supplies, never a value written into the template.
        const secure = `appSetting_${armName(setting[1]!.replace(/''/g, "'"))}`;
        templateParameters[secure] = { type: 'securestring', metadata: { description: `Value of app setting '${setting[1]}' (parameter '${name}').` } };
        values[name] = { value: `[parameters('${secure}')]` };
      } else {
        values[name] = { value: escapeArmStrings(project.value) };
      }
    }
    if (Object.keys(declared).length > 0) definition.parameters = declared;
    const properties: Record<string, unknown> = { state: bundle.state ?? 'Enabled', definition: escapeArmStrings(definition) };
    if (Object.keys(values).length > 0) properties.parameters = values;
    if (bundle.accessControl) properties.accessControl = escapeArmStrings(bundle.accessControl);
    resources.push({ type: ARM_WORKFLOW_TYPE, apiVersion: ARM_WORKFLOW_API_VERSION, name: `[parameters('${nameParameter}')]`, location: "[parameters('location')]", properties });
    const request = findRequestTrigger(bundle.workflow.definition as WorkflowDefinition);
    if (request) {
      const trigger = request.name.replace(/'/g, "''");
      outputs[single ? 'callbackUrl' : `callbackUrl_${armName(bundle.name)}`] = {
        type: 'string',
        value: `[listCallbackURL(concat(resourceId('${ARM_WORKFLOW_TYPE}', parameters('${nameParameter}')), '/triggers/${trigger}'), '${ARM_WORKFLOW_API_VERSION}').value]`,
      };
    }
  }
  const template = { $schema: ARM_TEMPLATE_SCHEMA, contentVersion: '1.0.0.0', parameters: templateParameters, resources, outputs };
  return { template, problems };
}
