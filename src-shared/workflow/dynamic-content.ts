import { listActions, type ListedAction } from './action-tree.ts';
import { parseRelativePathTemplate } from './relative-path.ts';
import { sameTypeName } from './type-names.ts';
import type { WorkflowDefinition } from './types.ts';

/**
 * The portal's "dynamic content" list: what an expression-bearing field can use, each
 * entry with the expression that reads it (docs/console.md, "Dynamic content"). Pure,
 * so the console's picker and the code view's completion share it.
 */

/** One entry of the list. */
export interface DynamicToken {
  /** Heading it is listed under: the trigger's or action's name, "Parameters", "App settings", "Variables". */
  group: string;
  /** What the user reads: a property name, "Body", "Headers"... */
  label: string;
  /** Where it comes from, e.g. `account.address.city` or the schema's description. */
  detail?: string;
  /** JSON schema type, when known. */
  type?: string;
  /** The expression, without the leading `@`. */
  expression: string;
}

/** Names the console knows from the workspace besides the workflow file. */
export interface DynamicContentContext {
  /** parameters.json names (workflow parameters of a Standard project). */
  parameterNames?: readonly string[];
  /** local.settings.json `Values` names, read with appsetting(). */
  appSettingNames?: readonly string[];
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `'name'` as a WDL string literal (single quotes doubled). */
export function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function schemaType(schema: Json): string | undefined {
  const type = schema.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.filter((t) => t !== 'null').join(' | ') || undefined;
  return undefined;
}

/**
 * Every property of a JSON schema, nested, as tokens reading `base`. A property the
 * schema does not list in `required` may be absent, so it is read with `?[...]`, which
 * gives null instead of failing the run; array items are read through first() outside a
 * loop over them, or through the loop's items() inside one.
 */
export function schemaTokens(schema: unknown, base: string, group: string, options: { path?: string; loops?: ReadonlyMap<string, string>; depth?: number } = {}): DynamicToken[] {
  const out: DynamicToken[] = [];
  const depth = options.depth ?? 0;
  if (!isRecord(schema) || depth > 8) return out;
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);
  for (const [name, child] of Object.entries(properties)) {
    if (!isRecord(child)) continue;
    const access = `${required.has(name) ? '' : '?'}[${quoteLiteral(name)}]`;
    const expression = `${base}${access}`;
    const path = options.path ? `${options.path}.${name}` : name;
    const type = schemaType(child);
    out.push({ group, label: name, detail: typeof child.description === 'string' ? `${path}: ${child.description}` : path, ...(type ? { type } : {}), expression });
    if (type === 'object' || isRecord(child.properties)) out.push(...schemaTokens(child, expression, group, { ...options, path, depth: depth + 1 }));
    if (type === 'array' && isRecord(child.items)) {
      // Inside a Foreach over this very array, items('Loop') is the current item.
      const loop = options.loops?.get(expression.replace(/\s+/g, ''));
      const item = loop !== undefined ? `items(${quoteLiteral(loop)})` : `first(${expression})`;
      out.push(...schemaTokens(child.items, item, group, { ...options, path: `${path}[${loop !== undefined ? 'current' : 0}]`, depth: depth + 1 }));
    }
  }
  return out;
}

/** The actions that finish before `target` starts: its runAfter predecessors, transitively, and theirs of each enclosing container. */
export function actionsBefore(actions: readonly ListedAction[], target: ListedAction): ListedAction[] {
  const byScopeAndName = new Map(actions.map((a) => [`${a.scope.pointer}\u0000${a.name}`, a]));
  const seen = new Set<ListedAction>();
  const visit = (action: ListedAction): void => {
    const runAfter = isRecord(action.action.runAfter) ? action.action.runAfter : {};
    for (const name of Object.keys(runAfter)) {
      const before = byScopeAndName.get(`${action.scope.pointer}\u0000${name}`);
      if (before && !seen.has(before)) {
        seen.add(before);
        visit(before);
      }
    }
  };
  visit(target);
  // What ran before an enclosing container also ran before everything inside it.
  for (const ancestor of target.ancestors) {
    const container = actions.find((a) => a.name === ancestor && target.pointer.startsWith(`${a.pointer}/`));
    if (container) visit(container);
  }
  return actions.filter((a) => seen.has(a));
}

/** Everything an action's outputs offer, by type. */
function actionTokens(listed: ListedAction): DynamicToken[] {
  const name = quoteLiteral(listed.name);
  const group = listed.name;
  const type = listed.type;
  const inputs = isRecord(listed.action.inputs) ? listed.action.inputs : {};
  if (sameTypeName(type, 'Response') || sameTypeName(type, 'If') || sameTypeName(type, 'Switch') || sameTypeName(type, 'Scope') || sameTypeName(type, 'Terminate')) return [];
  if (sameTypeName(type, 'InitializeVariable')) {
    const variables = Array.isArray(inputs.variables) ? inputs.variables : [];
    return variables.filter(isRecord).filter((v) => typeof v.name === 'string').map((v) => ({ group: 'Variables', label: v.name as string, ...(typeof v.type === 'string' ? { type: v.type } : {}), detail: `set by ${listed.name}`, expression: `variables(${quoteLiteral(v.name as string)})` }));
  }
  if (sameTypeName(type, 'Compose')) return [{ group, label: 'Outputs', expression: `outputs(${name})` }];
  if (sameTypeName(type, 'ParseJson')) return [{ group, label: 'Body', type: 'object', expression: `body(${name})` }, ...schemaTokens(inputs.schema, `body(${name})`, group)];
  if (sameTypeName(type, 'Http') || sameTypeName(type, 'HttpWebhook')) {
    return [
      { group, label: 'Body', expression: `body(${name})` },
      { group, label: 'Headers', type: 'object', expression: `outputs(${name})?['headers']` },
      { group, label: 'Status code', type: 'integer', expression: `outputs(${name})?['statusCode']` },
    ];
  }
  if (sameTypeName(type, 'Foreach') || sameTypeName(type, 'Until')) return [];
  return [{ group, label: 'Body', expression: `body(${name})` }, { group, label: 'Outputs', expression: `outputs(${name})` }];
}

function triggerTokens(name: string, trigger: Json, loops: ReadonlyMap<string, string>): DynamicToken[] {
  const group = name;
  const inputs = isRecord(trigger.inputs) ? trigger.inputs : {};
  const out: DynamicToken[] = [
    { group, label: 'Body', type: 'object', detail: 'The request body', expression: 'triggerBody()' },
    { group, label: 'Headers', type: 'object', detail: 'The request headers', expression: "triggerOutputs()['headers']" },
    { group, label: 'Queries', type: 'object', detail: 'The query parameters', expression: "triggerOutputs()?['queries']" },
  ];
  if (typeof inputs.relativePath === 'string' && inputs.relativePath.trim() !== '') {
    const parsed = parseRelativePathTemplate(inputs.relativePath);
    if ('template' in parsed) {
      out.push({ group, label: 'Path parameters', type: 'object', detail: inputs.relativePath, expression: "triggerOutputs()['relativePathParameters']" });
      for (const param of parsed.template.parameterNames) {
        out.push({ group, label: param, type: 'string', detail: `{${param}} in ${inputs.relativePath}`, expression: `triggerOutputs()['relativePathParameters'][${quoteLiteral(param)}]` });
      }
    }
  }
  out.push(...schemaTokens(inputs.schema, 'triggerBody()', group, { loops }));
  return out;
}

/**
 * The dynamic content for a field of the action `actionName` (undefined: a field of the
 * trigger, such as its conditions): the trigger's outputs and schema properties, the
 * current item of each enclosing Foreach, the outputs of the actions that run before it
 * (by runAfter), variables initialised before it, the workflow's parameters and the
 * app settings.
 */
export function dynamicContent(definition: WorkflowDefinition, actionName: string | undefined, context: DynamicContentContext = {}): DynamicToken[] {
  const out: DynamicToken[] = [];
  const actions = listActions(definition, '');
  const target = actionName === undefined ? undefined : actions.find((a) => a.name === actionName);
  // Enclosing Foreach loops: array expression (as written, without '@') → loop name.
  const loops = new Map<string, string>();
  for (const ancestor of target?.ancestors ?? []) {
    const loop = actions.find((a) => a.name === ancestor);
    if (loop && sameTypeName(loop.type, 'Foreach') && typeof loop.action.foreach === 'string') {
      loops.set(loop.action.foreach.replace(/^@/, '').replace(/\s+/g, ''), loop.name);
      out.push({ group: loop.name, label: 'Current item', detail: `the item ${loop.name} is on`, expression: `items(${quoteLiteral(loop.name)})` });
    }
  }
  if (isRecord(definition.triggers)) {
    for (const [name, trigger] of Object.entries(definition.triggers)) if (isRecord(trigger)) out.push(...triggerTokens(name, trigger, loops));
  }
  if (target) for (const before of actionsBefore(actions, target)) out.push(...actionTokens(before));
  const parameters = new Set([...Object.keys(isRecord(definition.parameters) ? definition.parameters : {}), ...(context.parameterNames ?? [])]);
  for (const name of parameters) out.push({ group: 'Parameters', label: name, expression: `parameters(${quoteLiteral(name)})` });
  for (const name of context.appSettingNames ?? []) out.push({ group: 'App settings', label: name, type: 'string', expression: `appsetting(${quoteLiteral(name)})` });
  return out;
}

/** Keeps the tokens whose label, detail, group or expression contains every word of the query (case-insensitive). */
export function filterTokens(tokens: readonly DynamicToken[], query: string): DynamicToken[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...tokens];
  return tokens.filter((t) => {
    const text = `${t.label} ${t.detail ?? ''} ${t.group} ${t.expression}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** True when an expression's text up to the caret has a call still open (quoted text ignored). */
function insideCall(before: string): boolean {
  let depth = 0;
  let quoted = false;
  for (const ch of before) {
    if (ch === "'") quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
  }
  return depth > 0 && !quoted;
}

/**
 * Inserts a token into a one-line field at `[from, to)`: an empty field becomes the whole
 * expression `@expr` (keeping its type, as the portal does); inside an open function call
 * of a whole expression it goes in bare, as an argument; inside text it goes in as
 * `@{expr}`, which Logic Apps turns into text.
 */
export function insertToken(text: string, expression: string, from = text.length, to = from): { text: string; cursor: number } {
  const rest = text.slice(0, from) + text.slice(to);
  if (rest.trim() === '') {
    const value = `@${expression}`;
    return { text: value, cursor: value.length };
  }
  const piece = `@{${expression}}`;
  if (rest.startsWith('@') && !rest.startsWith('@@') && !rest.includes('@{') && insideCall(text.slice(1, from))) {
    // The caret is inside a function call of a whole expression: the token is an argument.
    const value = text.slice(0, from) + expression + text.slice(to);
    return { text: value, cursor: from + expression.length };
  }
  if (rest.startsWith('@') && !rest.startsWith('@@') && !rest.includes('@{')) {
    // The field is one whole expression: make it text with that expression interpolated,
    // then add the new one after it, so both keep working.
    const value = `@{${rest.slice(1)}}${piece}`;
    return { text: value, cursor: value.length };
  }
  const value = text.slice(0, from) + piece + text.slice(to);
  return { text: value, cursor: from + piece.length };
}
