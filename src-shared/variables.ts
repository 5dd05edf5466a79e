/**
 * `{{name}}` variables in a request's URL, header values and body (Postman's syntax, so
 * collections move between the two unchanged). One rule for the console and for the
 * Postman import and export.
 */

/** A variable reference: `{{name}}`, the name without braces or whitespace at its ends. */
const REFERENCE = /\{\{\s*([^{}\s][^{}]*?)\s*\}\}/g;

/** The names a text refers to, in order of first use. */
export function variableNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(REFERENCE)) if (!names.includes(match[1]!)) names.push(match[1]!);
  return names;
}

/**
 * Replaces each `{{name}}` with its value. A name without a value stays as written and
 * is listed in `missing`, so the caller can refuse to send and say which one.
 */
export function resolveVariables(text: string, values: ReadonlyMap<string, string>): { text: string; missing: string[] } {
  const missing: string[] = [];
  const resolved = text.replace(REFERENCE, (whole, name: string) => {
    const value = values.get(name);
    if (value !== undefined) return value;
    if (!missing.includes(name)) missing.push(name);
    return whole;
  });
  return { text: resolved, missing };
}
