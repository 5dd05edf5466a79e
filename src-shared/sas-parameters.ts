/**
 * The query parameters of a shared access signature (docs/auth.md, "SAS"): permission
 * `sp`, version `sv`, the optional expiry `se` and the signature `sig`. The listener keeps
 * them out of `triggerOutputs()['queries']`, the console removes them when it sends with
 * Bearer or no auth, and exports sign them afresh; one list for all of them.
 */
export const SAS_QUERY_PARAMETERS: readonly string[] = ['sp', 'sv', 'se', 'sig'];

const SAS_NAMES: ReadonlySet<string> = new Set(SAS_QUERY_PARAMETERS);

/** True when a query parameter belongs to the SAS; names compare case-insensitively. */
export function isSasParameter(name: string): boolean {
  return SAS_NAMES.has(name.toLowerCase());
}
