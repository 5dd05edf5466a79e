import { FUNCTION_DESCRIPTIONS } from '../function-descriptions.ts';
import { createRegistry } from '../registry.ts';
import type { FunctionSpec } from '../registry.ts';
import { collectionFunctions } from './collection.ts';
import { collectionShapeFunctions } from './collection-shape.ts';
import { conversionFunctions } from './conversion.ts';
import { dateTimeFunctions } from './date-time.ts';
import { encodingFunctions } from './encoding.ts';
import { logicalFunctions } from './logical.ts';
import { manipulationFunctions } from './manipulation.ts';
import { mathFunctions } from './math.ts';
import { numberTextFunctions } from './number-text.ts';
import { stringFunctions } from './string.ts';
import { stringSearchFunctions } from './string-search.ts';
import { uriFunctions } from './uri.ts';
import { workflowFunctions } from './workflow.ts';
import { xmlFunctions } from './xml.ts';

/**
 * The one registry of expression functions. To add a category, write
 * `functions/<category>.ts` exporting a `FunctionSpec[]` and list it here.
 */
export const FUNCTIONS = createRegistry(
  stringFunctions,
  stringSearchFunctions,
  numberTextFunctions,
  collectionFunctions,
  collectionShapeFunctions,
  logicalFunctions,
  conversionFunctions,
  encodingFunctions,
  mathFunctions,
  dateTimeFunctions,
  workflowFunctions,
  manipulationFunctions,
  xmlFunctions,
  uriFunctions,
);

/** The function called `name`, matched ignoring case (`appSetting()` and `appsetting()` are one function). */
export function lookupFunction(name: string): FunctionSpec | undefined {
  return FUNCTIONS.get(name.toLowerCase());
}

/** What an editor shows for a function: Microsoft's spelling, its signature and a one-line description. */
export interface FunctionHelp {
  name: string;
  signature: string;
  description: string;
  minArgs: number;
  maxArgs: number;
}

/** Every function's help, sorted by name, for completion lists. */
export function functionHelpList(): FunctionHelp[] {
  return [...FUNCTIONS.values()]
    .map((spec) => ({ name: spec.name, signature: spec.signature, description: FUNCTION_DESCRIPTIONS[spec.name] ?? '', minArgs: spec.minArgs, maxArgs: spec.maxArgs }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The help of the function called `name` (any case), or undefined when there is none. */
export function functionHelp(name: string): FunctionHelp | undefined {
  const spec = lookupFunction(name);
  return spec && { name: spec.name, signature: spec.signature, description: FUNCTION_DESCRIPTIONS[spec.name] ?? '', minArgs: spec.minArgs, maxArgs: spec.maxArgs };
}
