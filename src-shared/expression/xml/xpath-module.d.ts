// The part of the 'xpath' package's API Triggerbench uses, typed over @xmldom/xmldom's
// nodes. The package's own typings pull in the DOM library, which src-shared must not see
// (layering rule); tsconfig.base.json maps 'xpath' here for type checking only.
import type { Node } from '@xmldom/xmldom';

/** What an XPath expression can give: a node, or a string, number or boolean. */
export type SelectedValue = Node | string | number | boolean | null;
/** Evaluates an XPath 1.0 expression against a node: a node set as an array, else the value. */
export function select(expression: string, node: Node): Node[] | SelectedValue;
