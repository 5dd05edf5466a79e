// The part of the 'xpath' package's API Triggerbench uses, typed over @xmldom/xmldom's
// nodes. The package's own typings pull in the DOM library, which src-shared must not see
// (layering rule); tsconfig.base.json maps 'xpath' here for type checking only.
import type { Node } from '@xmldom/xmldom';

export type SelectedValue = Node | string | number | boolean | null;
export function select(expression: string, node: Node): Node[] | SelectedValue;
