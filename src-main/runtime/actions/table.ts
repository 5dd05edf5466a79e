import { toText } from '../../../src-shared/expression/index.ts';
import type { ActionHandler } from '../run-types.ts';
import { fromArray } from './array-input.ts';

const csvCell = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
const htmlCell = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/**
 * Table: a CSV or HTML table of the objects in `from`. Without `columns`, one column per
 * property (in the order first seen); with `columns: [{ header, value }]`, each value is
 * evaluated with item() bound to the row's object.
 */
export const table: ActionHandler = async ({ name, action, evaluate, evaluateWithItem }) => {
  const raw = (action.inputs ?? {}) as { from?: unknown; format?: unknown; columns?: unknown };
  const from = evaluate(raw.from);
  const format = String(evaluate(raw.format) ?? '').toUpperCase();
  const inputs = { from, format, columns: raw.columns };
  const items = fromArray(name, 'Table', from);
  if (!Array.isArray(items)) return { status: 'Failed', inputs, error: items };
  if (format !== 'CSV' && format !== 'HTML') {
    return { status: 'Failed', inputs, error: { code: 'InvalidTableFormat', message: `Table '${name}' has format ${JSON.stringify(raw.format)}; use "CSV" or "HTML".` } };
  }
  let headers: string[];
  let rows: string[][];
  if (Array.isArray(raw.columns)) {
    const columns = raw.columns as { header?: unknown; value?: unknown }[];
    headers = columns.map((column) => toText(evaluate(column.header)));
    rows = items.map((item) => columns.map((column) => toText(evaluateWithItem(column.value, item))));
  } else {
    const keys: string[] = [];
    for (const item of items) {
      if (!item || typeof item !== 'object' || Array.isArray(item)) {
        return { status: 'Failed', inputs, error: { code: 'InvalidTemplate', message: `Table '${name}' without "columns" needs an array of objects; one item is ${JSON.stringify(item)}. Add "columns" to build the rows yourself.` } };
      }
      for (const key of Object.keys(item)) if (!keys.includes(key)) keys.push(key);
    }
    headers = keys;
    rows = items.map((item) => keys.map((key) => toText((item as Record<string, unknown>)[key])));
  }
  const body =
    format === 'CSV'
      ? [headers, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')
      : `<table><thead><tr>${headers.map((h) => `<th>${htmlCell(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map((c) => `<td>${htmlCell(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  return { status: 'Succeeded', inputs, outputs: { body } };
};
