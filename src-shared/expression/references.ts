import { lookupFunction } from './functions/index.ts';
import { parseTemplate } from './template.ts';
import type { ExpressionPart } from './template.ts';
import { visit } from './validate.ts';
import { isPlainObject } from './values.ts';

/**
 * Names of the actions an expression value uses through body('X'), outputs('X'),
 * actions('X'), result('X') and the other functions whose first argument names an action,
 * anywhere in a JSON value (object keys included), in first-use order without repeats.
 * Only literal names count (a computed name cannot be checked before the run); strings
 * with syntax errors contribute nothing here, as diagnose() reports them.
 */
export function referencedActions(value: unknown): string[] {
  const names = new Set<string>();
  collect(value, names);
  return [...names];
}

function collect(value: unknown, names: Set<string>): void {
  if (typeof value === 'string') {
    const template = parseTemplate(value);
    if (template.kind === 'expression') fromPart(template.part, names);
    else if (template.kind === 'interpolation') {
      for (const part of template.parts) if (typeof part !== 'string') fromPart(part, names);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, names);
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      collect(key, names);
      collect(item, names);
    }
  }
}

function fromPart(part: ExpressionPart, names: Set<string>): void {
  if (!part.node) return;
  visit(part.node, (call) => {
    const first = call.args[0];
    if (lookupFunction(call.name)?.namesAction && first?.kind === 'string') names.add(first.value);
  });
}
